import CBOR

/// The argument of `kvstore.list` (many-rs `_3_kvstore/list.rs` `ListArgs`), every field
/// optional:
///
/// | key | field |
/// |---|---|
/// | 0 | count: the most keys to return |
/// | 1 | order: ``SortOrder`` |
/// | 2 | filter: an array of ``KVStoreKeyFilter``, all of which a key must pass |
///
/// The argument is a map even when empty (`{}`); many-rs does not take `null` or no data.
public struct KVStoreListArgs: Sendable, Hashable {
    public var count: UInt64?
    public var order: SortOrder?
    public var filter: [KVStoreKeyFilter]?

    public init(count: UInt64? = nil, order: SortOrder? = nil, filter: [KVStoreKeyFilter]? = nil) {
        self.count = count
        self.order = order
        self.filter = filter
    }
}

extension KVStoreListArgs: Codable {
    private enum CodingKeys: Int, CodingKey {
        case count = 0, order = 1, filter = 2
    }
}

/// The return value of `kvstore.list` (many-rs `ListReturns`): `{0: [key, …]}`, the keys
/// as byte strings.
public struct KVStoreListReturn: Sendable, Hashable {
    public var keys: [[UInt8]]

    public init(keys: [[UInt8]]) {
        self.keys = keys
    }
}

extension KVStoreListReturn: Codable {
    private enum CodingKeys: Int, CodingKey {
        case keys = 0
    }

    public init(from decoder: any Decoder) throws {
        var array = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .keys)
        var keys: [[UInt8]] = []
        while !array.isAtEnd {
            keys.append(try KVStoreFieldCoding.byteString(array.decode(CBOR.self), codingPath: array.codingPath))
        }
        self.keys = keys
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(keys, forKey: .keys)
    }
}
