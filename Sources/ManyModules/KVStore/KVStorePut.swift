import CBOR
import ManyIdentity

/// The argument of `kvstore.put` (many-rs `_7_kvstore_commands/put.rs` `PutArgs`):
///
/// | key | field |
/// |---|---|
/// | 0 | key: a byte string of at most ``keySizeBytesMax`` bytes |
/// | 1 | value: a byte string of at most ``valueSizeBytesMax`` bytes |
/// | 2 | alternative owner (optional): an account or subresource the sender acts for |
///
/// Decoding enforces the limits with many-rs's messages ("Key size over limit", "Value size
/// over limit", and "Wrong key type. Expected bytes" for a key or value that is not a byte
/// string); encoding does not, as in many-rs.
public struct KVStorePutArgs: Sendable, Hashable {
    /// merk keys are at most 255 bytes and the store prefixes one byte.
    public static let keySizeBytesMax = 254
    /// 512 000 bytes (many-rs's comment says 512 KiB; the constant is 512 000).
    public static let valueSizeBytesMax = 512_000

    public var key: [UInt8]
    public var value: [UInt8]
    public var alternativeOwner: Address?

    public init(key: [UInt8], value: [UInt8], alternativeOwner: Address? = nil) {
        self.key = key
        self.value = value
        self.alternativeOwner = alternativeOwner
    }
}

extension KVStorePutArgs: Codable {
    private enum CodingKeys: Int, CodingKey {
        case key = 0, value = 1, alternativeOwner = 2
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        key = try Self.limited(map, .key, sizeBytesMax: Self.keySizeBytesMax, overLimit: "Key size over limit")
        value = try Self.limited(map, .value, sizeBytesMax: Self.valueSizeBytesMax, overLimit: "Value size over limit")
        alternativeOwner = try map.decodeManyAddressIfPresent(forKey: .alternativeOwner)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(key, forKey: .key)
        try map.encode(value, forKey: .value)
        try map.encodeIfPresent(alternativeOwner, forKey: .alternativeOwner)
    }

    private static func limited(
        _ map: KeyedDecodingContainer<CodingKeys>, _ field: CodingKeys, sizeBytesMax: Int, overLimit: String
    ) throws -> [UInt8] {
        let path = map.codingPath + [field]
        // many-rs's decoder says "key" for the value too.
        guard case let .bytes(bytes) = try map.decode(CBOR.self, forKey: field) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Wrong key type. Expected bytes"))
        }
        guard bytes.count <= sizeBytesMax else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: overLimit))
        }
        return bytes
    }
}

/// What `kvstore.put` returns: `null`.
public typealias KVStorePutReturn = EmptyReturn
