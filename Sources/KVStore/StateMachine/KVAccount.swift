import ManyIdentity

/// A MANY account the store knows (many-rs `account::Account`, reduced to what the
/// kvstore checks): which identities hold which roles on it. Acting for an account as
/// alternative owner needs one of the endpoint's roles (`owner`, `canKvStorePut`,
/// `canKvStoreDisable`, `canKvStoreTransfer`).
public struct KVAccount: Sendable, Hashable {
    public var address: Address
    /// Role names by identity, as many-rs spells them (`"owner"`, `"canKvStorePut"`, …).
    public var roles: [Address: Set<String>]

    public init(address: Address, roles: [Address: Set<String>]) {
        self.address = address
        self.roles = roles
    }

    /// The roles many-rs's kvstore feature knows (`account/features/kvstore.rs`).
    public enum Role {
        public static let owner = "owner"
        public static let canKvStorePut = "canKvStorePut"
        public static let canKvStoreDisable = "canKvStoreDisable"
        public static let canKvStoreTransfer = "canKvStoreTransfer"
    }
}
