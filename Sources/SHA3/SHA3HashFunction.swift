/// A SHA-3 hash function with a fixed digest size (FIPS 202): `SHA3_224`, `SHA3_256`,
/// `SHA3_384` or `SHA3_512`.
///
/// Shaped like swift-crypto's `HashFunction`: create a value, feed it input with
/// `update(data:)` as often as needed, then read the digest with `finalize()`. For input
/// that is all at hand, `hash(_:)` does the three steps at once.
///
/// ```swift
/// var hasher = SHA3_256()
/// hasher.update(data: Array("ab".utf8))
/// hasher.update(data: Array("c".utf8))
/// let digest = hasher.finalize() // same bytes as SHA3_256.hash(Array("abc".utf8))
/// ```
public protocol SHA3HashFunction: Sendable {
    /// The digest size in bytes.
    static var byteCount: Int { get }
    /// The block size (the sponge's rate) in bytes.
    static var blockByteCount: Int { get }

    /// Creates a hash function with no input absorbed yet.
    init()

    /// Absorbs the bytes in `bufferPointer`.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// Returns the digest of everything absorbed so far.
    ///
    /// The hash function itself is left unchanged: more input may follow, and a later
    /// `finalize()` covers all of it.
    func finalize() -> [UInt8]
}

extension SHA3HashFunction {
    /// Absorbs `data`. Contiguous collections such as `[UInt8]`, `ArraySlice<UInt8>` and
    /// Foundation's `Data` are read in place; other sequences are copied through a small
    /// stack buffer.
    public mutating func update(data: some Sequence<UInt8>) {
        data.forEachContiguousChunk { chunk in update(bufferPointer: chunk) }
    }

    /// Returns the digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Self()
        hasher.update(data: bytes)
        return hasher.finalize()
    }
}
