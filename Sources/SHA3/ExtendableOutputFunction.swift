/// A SHAKE extendable-output function (FIPS 202): `SHAKE128` or `SHAKE256`.
///
/// Feed it input with `update(data:)`, then read as many output bytes as needed with
/// `squeeze(count:)`. Output is one stream: squeezing 10 bytes and then 22 gives the same
/// 32 bytes as squeezing 32 at once. Once squeezing has started no more input may be
/// absorbed; calling `update` then is a programmer error and traps.
///
/// ```swift
/// var shake = SHAKE128()
/// shake.update(data: Array("abc".utf8))
/// let key = shake.squeeze(count: 32)
/// let nonce = shake.squeeze(count: 12) // the next 12 bytes of the same stream
/// ```
public protocol ExtendableOutputFunction: Sendable {
    /// The block size (the sponge's rate) in bytes.
    static var blockByteCount: Int { get }

    /// Creates a function with no input absorbed yet.
    init()

    /// Absorbs the bytes in `bufferPointer`. Traps if squeezing has started.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// Writes the next `output.count` bytes of the output stream into `output`.
    mutating func squeeze(into output: UnsafeMutableRawBufferPointer)
}

extension ExtendableOutputFunction {
    /// Absorbs `data`. Contiguous collections such as `[UInt8]`, `ArraySlice<UInt8>` and
    /// Foundation's `Data` are read in place; other sequences are copied through a small
    /// stack buffer. Traps if squeezing has started.
    public mutating func update(data: some Sequence<UInt8>) {
        data.forEachContiguousChunk { chunk in update(bufferPointer: chunk) }
    }

    /// Returns the next `count` bytes of the output stream.
    public mutating func squeeze(count: Int) -> [UInt8] {
        precondition(count >= 0, "cannot squeeze a negative number of bytes")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            squeeze(into: UnsafeMutableRawBufferPointer(buffer))
            initializedCount = count
        }
    }

    /// Returns the first `outputByteCount` bytes of the output stream for `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>, outputByteCount: Int) -> [UInt8] {
        var function = Self()
        function.update(data: bytes)
        return function.squeeze(count: outputByteCount)
    }
}
