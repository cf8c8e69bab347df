/// Encodes `Encodable` values as CBOR.
///
/// ```swift
/// struct Request: Codable {
///     enum CodingKeys: Int, CodingKey { case from = 1, to = 2, method = 3 }
///     var from: String, to: String?, method: String
/// }
/// let bytes = try CBOREncoder().encode(request)   // a3 01 … (integer keys)
/// ```
///
/// - Keys: a `CodingKey` with an integer value is an integer map key, any other
///   a text key. `[String: T]`, `[Int: T]`, `[UInt64: T]` are maps with keys of
///   that kind.
/// - `[UInt8]` and ``CBORBytes`` are byte strings; ``CBOR`` values are written as
///   they are; ``CBORTaggedCodable`` types and ``CBORTagged`` get their tag.
/// - `nil` optionals are left out of keyed containers (`encodeIfPresent`) and
///   are `null` elsewhere.
/// - Floats keep their width (`Float16`, `Float`, `Double`) unless ``deterministic``.
///
/// The encoder writes CBOR bytes directly; only containers are buffered, one
/// buffer each, because CBOR needs their count before their contents.
public struct CBOREncoder: Sendable {
    /// Write the deterministic encoding (RFC 8949 §4.2): floats in their
    /// shortest exact width, map keys sorted by ``keyOrder``, duplicate keys an
    /// error, raw ``CBOR`` values deterministic too. Integers and lengths are
    /// always shortest and lengths always definite.
    public var deterministic: Bool
    /// The key order of deterministic maps.
    public var keyOrder: CBORKeyOrder
    /// Handed to `encode(to:)` as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(deterministic: Bool = false, keyOrder: CBORKeyOrder = .bytewise, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.deterministic = deterministic
        self.keyOrder = keyOrder
        self.userInfo = userInfo
    }

    /// The CBOR encoding of `value`.
    public func encode<T: Encodable>(_ value: T) throws(CBORCodingError) -> [UInt8] {
        let state = CBOREncodingState(deterministic: deterministic, keyOrder: keyOrder, userInfo: userInfo)
        let root = CBOREncodingNode(.item, codingPath: [], sortsKeys: deterministic)
        do {
            try CBOREncodingSink(state: state, node: root, parentPath: [], key: nil).encode(value)
        } catch {
            throw CBORCodingError(converting: error, origin: state.origin)
        }
        if let misuse = state.misuse { throw misuse }
        var output = CBORWriter(reservingCapacity: root.estimatedByteCount)
        try root.emit(into: &output, keyOrder: deterministic ? keyOrder : nil)
        return output.bytes
    }
}
