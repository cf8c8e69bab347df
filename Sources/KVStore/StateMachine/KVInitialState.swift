import ManyIdentity

/// The state a new store starts from (many-rs `InitialStateJson`): the identity that
/// creates accounts, the initial ACL (keys and their owners, no values) and, as our
/// extension, accounts with roles.
public struct KVInitialState: Sendable, Hashable {
    public var identity: Address
    /// Owners by key.
    public var acl: [[UInt8]: Address]
    public var accounts: [KVAccount]

    public init(identity: Address, acl: [[UInt8]: Address] = [:], accounts: [KVAccount] = []) {
        self.identity = identity
        self.acl = acl
        self.accounts = accounts
    }
}
