/// The argument of `kvstore.get` and `kvstore.query`, which name one key: `{0: key}`
/// (many-rs `_3_kvstore/get.rs` `GetArgs`, `query.rs` `QueryArgs`).
public struct KVStoreKeyArgs: Sendable, Hashable {
    public var key: [UInt8]

    public init(key: [UInt8]) {
        self.key = key
    }
}

/// The argument of `kvstore.get`.
public typealias KVStoreGetArgs = KVStoreKeyArgs
/// The argument of `kvstore.query`.
public typealias KVStoreQueryArgs = KVStoreKeyArgs

extension KVStoreKeyArgs: Codable {
    private enum CodingKeys: Int, CodingKey {
        case key = 0
    }

    public init(from decoder: any Decoder) throws {
        key = try decoder.container(keyedBy: CodingKeys.self).decodeByteString(forKey: .key)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(key, forKey: .key)
    }
}

/// The return value of `kvstore.get` (many-rs `GetReturns`): `{0: value}`, or `{}` when the
/// key has no value. A disabled key is an error (-30003), not an empty answer.
public struct KVStoreGetReturn: Sendable, Hashable {
    public var value: [UInt8]?

    public init(value: [UInt8]?) {
        self.value = value
    }
}

extension KVStoreGetReturn: Codable {
    private enum CodingKeys: Int, CodingKey {
        case value = 0
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.container(keyedBy: CodingKeys.self).decodeByteStringIfPresent(forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encodeIfPresent(value, forKey: .value)
    }
}
