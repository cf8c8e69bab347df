import ManyIdentity

/// The argument of `kvstore.disable` (many-rs `_7_kvstore_commands/disable.rs`
/// `DisableArgs`):
///
/// | key | field |
/// |---|---|
/// | 0 | key |
/// | 1 | alternative owner (optional) |
/// | 2 | reason (optional): stored as the key's ``KVStoreDisabled/reason(_:)``; without it the key is `true` |
///
/// Disabling a key that has no value is error -30007.
public struct KVStoreDisableArgs: Sendable, Hashable {
    public var key: [UInt8]
    public var alternativeOwner: Address?
    public var reason: Reason?

    public init(key: [UInt8], alternativeOwner: Address? = nil, reason: Reason? = nil) {
        self.key = key
        self.alternativeOwner = alternativeOwner
        self.reason = reason
    }
}

extension KVStoreDisableArgs: Codable {
    private enum CodingKeys: Int, CodingKey {
        case key = 0, alternativeOwner = 1, reason = 2
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        key = try map.decodeByteString(forKey: .key)
        alternativeOwner = try map.decodeManyAddressIfPresent(forKey: .alternativeOwner)
        reason = try map.decodeIfPresent(Reason.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(key, forKey: .key)
        try map.encodeIfPresent(alternativeOwner, forKey: .alternativeOwner)
        try map.encodeIfPresent(reason, forKey: .reason)
    }
}

/// What `kvstore.disable` returns: `null`.
public typealias KVStoreDisableReturn = EmptyReturn
