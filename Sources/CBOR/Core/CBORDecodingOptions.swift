/// Limits and checks applied while reading CBOR.
///
/// The limits bound work and memory before any untrusted length is trusted:
/// no buffer is ever sized from a length that is larger than the input left.
public struct CBORDecodingOptions: Sendable, Equatable {
    /// Deepest nesting of arrays, maps and tags accepted.
    public var maxNesting: Int
    /// Largest string length (bytes) or array/map count accepted.
    public var maxLength: Int
    /// Reject input that is not deterministically encoded (RFC 8949 §4.2.1).
    public var requireDeterministic: Bool
    /// The map key order that ``requireDeterministic`` checks.
    public var keyOrder: CBORKeyOrder

    public init(
        maxNesting: Int = 256,
        maxLength: Int = 64 * 1024 * 1024,
        requireDeterministic: Bool = false,
        keyOrder: CBORKeyOrder = .bytewise
    ) {
        self.maxNesting = maxNesting
        self.maxLength = maxLength
        self.requireDeterministic = requireDeterministic
        self.keyOrder = keyOrder
    }

    /// The defaults: nesting 256, lengths up to 64 MiB, any well-formed encoding.
    public static let `default` = CBORDecodingOptions()
}

/// How deterministic encoding orders map keys.
public enum CBORKeyOrder: Sendable, Equatable {
    /// Bytewise lexicographic order of the encoded keys (RFC 8949 §4.2.1).
    case bytewise
    /// Shorter encoded keys first, then bytewise: the "canonical CBOR" of
    /// RFC 7049 §3.9 (RFC 8949 §4.2.3), as `cbor2.dumps(canonical=True)` writes.
    case lengthFirst

    /// Whether encoded key `a` sorts before encoded key `b`.
    @inlinable
    public func precedes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        if self == .lengthFirst, a.count != b.count { return a.count < b.count }
        return a.lexicographicallyPrecedes(b)
    }
}
