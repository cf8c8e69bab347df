// The four fixed-output SHA-3 functions. Each is a sponge with capacity twice its digest
// size and the SHA-3 domain suffix; everything else comes from `SHA3HashFunction`.

/// SHA3-224 (FIPS 202): a 28-byte digest, 144-byte blocks.
public struct SHA3_224: SHA3HashFunction {
    public static let byteCount = 28
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * byteCount
    private var sponge = KeccakSponge.sha3(digestByteCount: byteCount)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public func finalize() -> [UInt8] { sponge.digest(byteCount: Self.byteCount) }
}

/// SHA3-256 (FIPS 202): a 32-byte digest, 136-byte blocks.
public struct SHA3_256: SHA3HashFunction {
    public static let byteCount = 32
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * byteCount
    private var sponge = KeccakSponge.sha3(digestByteCount: byteCount)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public func finalize() -> [UInt8] { sponge.digest(byteCount: Self.byteCount) }
}

/// SHA3-384 (FIPS 202): a 48-byte digest, 104-byte blocks.
public struct SHA3_384: SHA3HashFunction {
    public static let byteCount = 48
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * byteCount
    private var sponge = KeccakSponge.sha3(digestByteCount: byteCount)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public func finalize() -> [UInt8] { sponge.digest(byteCount: Self.byteCount) }
}

/// SHA3-512 (FIPS 202): a 64-byte digest, 72-byte blocks.
public struct SHA3_512: SHA3HashFunction {
    public static let byteCount = 64
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * byteCount
    private var sponge = KeccakSponge.sha3(digestByteCount: byteCount)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public func finalize() -> [UInt8] { sponge.digest(byteCount: Self.byteCount) }
}

extension KeccakSponge {
    /// A SHA-3 sponge: capacity twice the digest size, SHA-3 domain suffix.
    static func sha3(digestByteCount: Int) -> KeccakSponge {
        KeccakSponge(capacityBytes: 2 * digestByteCount, domainSuffix: sha3DomainSuffix)
    }

    /// Squeezes a digest from a copy, leaving this sponge able to absorb more input.
    func digest(byteCount: Int) -> [UInt8] {
        var copy = self
        return copy.squeeze(count: byteCount)
    }
}
