import ManyIdentity

/// The return value of `kvstore.query` (many-rs `QueryReturns`), a key's metadata:
///
/// | key | field |
/// |---|---|
/// | 0 | owner (tag 10000) |
/// | 1 | disabled: ``KVStoreDisabled`` (optional) |
/// | 2 | previous owner, set by `kvstore.transfer` (optional) |
///
/// A key that was never put is error -30006 (key not found).
public struct KVStoreQueryReturn: Sendable, Hashable {
    public var owner: Address
    public var disabled: KVStoreDisabled?
    public var previousOwner: Address?

    public init(owner: Address, disabled: KVStoreDisabled? = nil, previousOwner: Address? = nil) {
        self.owner = owner
        self.disabled = disabled
        self.previousOwner = previousOwner
    }
}

extension KVStoreQueryReturn: Codable {
    private enum CodingKeys: Int, CodingKey {
        case owner = 0, disabled = 1, previousOwner = 2
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        owner = try map.decodeManyAddress(forKey: .owner)
        disabled = try map.decodeIfPresent(KVStoreDisabled.self, forKey: .disabled)
        previousOwner = try map.decodeManyAddressIfPresent(forKey: .previousOwner)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(owner, forKey: .owner)
        try map.encodeIfPresent(disabled, forKey: .disabled)
        try map.encodeIfPresent(previousOwner, forKey: .previousOwner)
    }
}
