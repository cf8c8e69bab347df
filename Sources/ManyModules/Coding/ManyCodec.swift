import CBOR
import ManyProtocol

/// Encoding and decoding of endpoint arguments and return values with ``CBOR/CBOREncoder``
/// and ``CBOR/CBORDecoder``, their failures as the ManyErrors many-rs sends: -4
/// serialization error and -3 deserialization error.
public enum ManyCodec {
    /// The CBOR of `value`; failure is ``ManyProtocol/ManyError/serializationError(_:)``.
    public static func encode(_ value: some Encodable) throws(ManyError) -> [UInt8] {
        do {
            return try CBOREncoder().encode(value)
        } catch {
            throw .serializationError(error.description)
        }
    }

    /// `bytes` decoded as `type`; failure is ``ManyProtocol/ManyError/deserializationError(_:)``.
    ///
    /// Empty bytes decode as CBOR `null` would, so an endpoint whose argument is optional
    /// (or ``EmptyArgument``) accepts a request without data, as many-rs's do.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ManyError) -> T {
        do {
            return try CBORDecoder().decode(type, from: bytes.isEmpty ? [0xf6] : bytes)
        } catch {
            throw .deserializationError(error.description)
        }
    }
}
