// The two SHAKE extendable-output functions. Each is a sponge with capacity twice its
// security strength and the SHAKE domain suffix; everything else comes from
// `ExtendableOutputFunction`.

/// SHAKE128 (FIPS 202): an extendable-output function with 128-bit security strength
/// and 168-byte blocks.
public struct SHAKE128: ExtendableOutputFunction {
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * 16
    private var sponge = KeccakSponge.shake(securityByteCount: 16)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public mutating func squeeze(into output: UnsafeMutableRawBufferPointer) { sponge.squeeze(into: output) }
}

/// SHAKE256 (FIPS 202): an extendable-output function with 256-bit security strength
/// and 136-byte blocks.
public struct SHAKE256: ExtendableOutputFunction {
    public static let blockByteCount = KeccakSponge.stateByteCount - 2 * 32
    private var sponge = KeccakSponge.shake(securityByteCount: 32)

    public init() {}
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) { sponge.absorb(bufferPointer) }
    public mutating func squeeze(into output: UnsafeMutableRawBufferPointer) { sponge.squeeze(into: output) }
}

extension KeccakSponge {
    /// A SHAKE sponge: capacity twice the security strength, SHAKE domain suffix.
    static func shake(securityByteCount: Int) -> KeccakSponge {
        KeccakSponge(capacityBytes: 2 * securityByteCount, domainSuffix: shakeDomainSuffix)
    }
}
