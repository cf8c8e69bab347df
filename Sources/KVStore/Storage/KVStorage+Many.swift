import ManyIdentity
import ManyModules

/// The MANY kvstore commands, as many-rs's `many-kvstore/src/module.rs` and
/// `module/account.rs` apply them, over any ``KVStorage``.
extension KVStorage {
    func manyPut(_ sender: Address, _ args: KVStorePutArgs) throws(KVStorageError) -> Result<Void, KVRefusal> {
        let owner: Address
        if let alternative = args.alternativeOwner {
            if let refusal = try validateAlternativeOwner(sender, alternative, [KVAccount.Role.canKvStorePut, KVAccount.Role.owner]) {
                return .failure(refusal)
            }
            owner = alternative
        } else {
            owner = sender
        }
        if let refusal = try verifyACL(owner, args.key) { return .failure(refusal) }
        try putEntry(args.key, KVEntry(value: args.value, owner: owner, disabled: .flag(false)))
        return .success(())
    }

    func manyDisable(_ sender: Address, _ args: KVStoreDisableArgs) throws(KVStorageError) -> Result<Void, KVRefusal> {
        // many-rs reads the value first: a disabled key is -30003, no value is -30007.
        let entry = try entry(args.key)
        if entry?.isDisabled == true { return .failure(KVRefusal(.keyDisabled)) }
        guard var entry, entry.value != nil else { return .failure(KVRefusal(.cannotDisableEmptyKey)) }
        let owner: Address
        if let alternative = args.alternativeOwner {
            if let refusal = try validateAlternativeOwner(sender, alternative, [KVAccount.Role.canKvStoreDisable, KVAccount.Role.owner]) {
                return .failure(refusal)
            }
            owner = alternative
        } else {
            owner = sender
        }
        if let refusal = verifyACL(owner, entry) { return .failure(refusal) }
        entry.owner = owner
        entry.disabled = args.reason.map(KVStoreDisabled.reason) ?? .flag(true)
        try putEntry(args.key, entry)
        return .success(())
    }

    func manyTransfer(_ sender: Address, _ args: KVStoreTransferArgs) throws(KVStorageError) -> Result<Void, KVRefusal> {
        // many-rs `transfer` starts with `storage.get`, which refuses a disabled key (-30003).
        let entry = try entry(args.key)
        if entry?.isDisabled == true { return .failure(KVRefusal(.keyDisabled)) }
        guard var entry, entry.value != nil else { return .failure(KVRefusal(.notFound)) }
        if args.newOwner.isAnonymous { return .failure(KVRefusal(.anonymousOwnerDenied)) }
        let owner: Address
        if let alternative = args.alternativeOwner {
            if let refusal = try validateAlternativeOwner(sender, alternative, [KVAccount.Role.canKvStoreTransfer, KVAccount.Role.owner]) {
                return .failure(refusal)
            }
            owner = alternative
        } else {
            owner = sender
        }
        if let refusal = verifyACL(owner, entry) { return .failure(refusal) }
        entry.owner = args.newOwner
        entry.previousOwner = owner
        try putEntry(args.key, entry)
        return .success(())
    }

    /// many-rs `validate_alternative_owner`: a known account needs one of `roles` for the
    /// sender (-90003 names the first); otherwise a subresource is unsupported (-30005),
    /// anonymous is denied (-30004), and anything else is not the sender's (-30001).
    private func validateAlternativeOwner(_ sender: Address, _ alternative: Address, _ roles: [String])
        throws(KVStorageError) -> KVRefusal?
    {
        if let account = try account(alternative) {
            let held = account.roles[sender] ?? []
            return roles.contains(where: held.contains) ? nil : KVRefusal(.needsRole, roles[0])
        }
        if alternative.isSubresource { return KVRefusal(.subresourceOwnerUnsupported) }
        if alternative.isAnonymous { return KVRefusal(.anonymousOwnerDenied) }
        return KVRefusal(.permissionDenied)
    }

    /// many-rs `verify_acl`: a key with an owner may only be written by that owner.
    private func verifyACL(_ owner: Address, _ key: [UInt8]) throws(KVStorageError) -> KVRefusal? {
        verifyACL(owner, try entry(key))
    }

    private func verifyACL(_ owner: Address, _ entry: KVEntry?) -> KVRefusal? {
        guard let current = entry?.owner else { return nil }
        return current == owner ? nil : KVRefusal(.permissionDenied)
    }
}
