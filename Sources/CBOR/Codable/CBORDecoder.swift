/// Decodes `Decodable` values from CBOR.
///
/// ```swift
/// let request = try CBORDecoder().decode(Request.self, from: bytes)
/// ```
///
/// The input is first checked as a whole against ``options`` (well-formed, one
/// item, no trailing bytes, nesting and lengths within the limits, deterministic
/// if required), in one pass that allocates nothing; malformed input fails there
/// with ``CBORCodingError/Kind/invalidCBOR(_:)`` before any `init(from:)` runs.
/// Values are then read straight from the bytes: there is no ``CBOR`` value
/// tree. A keyed container indexes its map's keys once; values are read when
/// asked for.
///
/// Keys, byte strings, tags and raw ``CBOR`` fields work as ``CBOREncoder``
/// describes. Numbers: an integer must fit the Swift type exactly; a float
/// field also takes an integer it holds exactly, and a wider float rounded
/// (beyond its range is an error). `null` and `undefined` decode as `nil`.
public struct CBORDecoder: Sendable {
    /// The limits and checks applied to the input.
    public var options: CBORDecodingOptions
    /// Handed to `init(from:)` as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(options: CBORDecodingOptions = .default, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.options = options
        self.userInfo = userInfo
    }

    /// Decodes a `T` from `bytes`, which must hold exactly one CBOR item.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(CBORCodingError) -> T {
        var validator = CBORReader(bytes, options: options)
        do throws(CBORError) {
            try validator.validate()
        } catch {
            throw CBORCodingError(kind: .invalidCBOR(error), offset: error.offset)
        }
        let state = CBORDecodingState(input: bytes, options: options, userInfo: userInfo)
        var source = CBORDecodingSource(state: state, reader: state.reader(at: 0), parentPath: [], key: nil)
        do {
            return try source.decode(type)
        } catch {
            throw CBORCodingError(converting: error, origin: state.origin)
        }
    }

    /// Decodes a `T` from a value tree (encoded, then decoded as bytes).
    public func decode<T: Decodable>(_ type: T.Type, from value: CBOR) throws(CBORCodingError) -> T {
        try decode(type, from: value.encoded())
    }
}
