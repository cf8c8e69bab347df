import ManyIdentity

/// The argument of `kvstore.transfer` (many-rs `_13_kvstore_transfer/transfer.rs`
/// `TransferArgs`):
///
/// | key | field |
/// |---|---|
/// | 0 | key |
/// | 1 | alternative owner (optional) |
/// | 2 | new owner (required) |
///
/// many-rs refuses an anonymous new owner (-30004) and a key without a value (-30006);
/// a disabled key may be transferred and keeps its disabled state. Transferring to the
/// illegal address makes a key immutable.
public struct KVStoreTransferArgs: Sendable, Hashable {
    public var key: [UInt8]
    public var alternativeOwner: Address?
    public var newOwner: Address

    public init(key: [UInt8], alternativeOwner: Address? = nil, newOwner: Address) {
        self.key = key
        self.alternativeOwner = alternativeOwner
        self.newOwner = newOwner
    }
}

extension KVStoreTransferArgs: Codable {
    private enum CodingKeys: Int, CodingKey {
        case key = 0, alternativeOwner = 1, newOwner = 2
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        key = try map.decodeByteString(forKey: .key)
        alternativeOwner = try map.decodeManyAddressIfPresent(forKey: .alternativeOwner)
        newOwner = try map.decodeManyAddress(forKey: .newOwner)
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        try map.encode(key, forKey: .key)
        try map.encodeIfPresent(alternativeOwner, forKey: .alternativeOwner)
        try map.encode(newOwner, forKey: .newOwner)
    }
}

/// What `kvstore.transfer` returns: `null`.
public typealias KVStoreTransferReturn = EmptyReturn
