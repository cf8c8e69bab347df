import CBOR
import ManyIdentity

/// Field decoding where many-rs's minicbor differs from our Codable defaults.
///
/// - Keys and values are minicbor `ByteVec`s: only a definite-length byte string is one
///   (our `[UInt8]` also takes chunked strings and arrays of integers).
/// - Addresses are read as many-rs reads them (``ManyIdentity/Address/init(reading:)``):
///   tagged bytes, or the textual form as a text string.
extension KeyedDecodingContainer {
    func decodeByteString(forKey key: Key) throws -> [UInt8] {
        try KVStoreFieldCoding.byteString(decode(CBOR.self, forKey: key), codingPath: codingPath + [key])
    }

    func decodeByteStringIfPresent(forKey key: Key) throws -> [UInt8]? {
        guard let value = try decodeIfPresent(CBOR.self, forKey: key) else { return nil }
        return try KVStoreFieldCoding.byteString(value, codingPath: codingPath + [key])
    }

    func decodeManyAddress(forKey key: Key) throws -> Address {
        try KVStoreFieldCoding.address(decode(CBOR.self, forKey: key), codingPath: codingPath + [key])
    }

    func decodeManyAddressIfPresent(forKey key: Key) throws -> Address? {
        guard let value = try decodeIfPresent(CBOR.self, forKey: key) else { return nil }
        return try KVStoreFieldCoding.address(value, codingPath: codingPath + [key])
    }
}

enum KVStoreFieldCoding {
    static func byteString(_ value: CBOR, codingPath: [any CodingKey]) throws -> [UInt8] {
        guard case let .bytes(bytes) = value else {
            throw DecodingError.typeMismatch(
                [UInt8].self, .init(codingPath: codingPath, debugDescription: "a definite-length byte string"))
        }
        return bytes
    }

    static func address(_ value: CBOR, codingPath: [any CodingKey]) throws -> Address {
        var reader = CBORReader(value.encoded())
        do {
            return try Address(reading: &reader)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: error.description, underlyingError: error))
        }
    }
}
