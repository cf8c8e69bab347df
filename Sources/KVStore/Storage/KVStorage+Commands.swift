import RaftHost

/// The plain commands and `initialize`, applied to any ``KVStorage``.
///
/// Deterministic: the outcome of every command depends only on the state and the
/// command's bytes, so all replicas agree. Refusals (wrong owner, failed compare) are
/// result codes (``KVOutcome``); bytes that are not a command get ``KVOutcome/badCommand``.
extension KVStorage {
    /// Applies committed entries in order, advancing ``appliedIndex`` with each.
    func apply(_ batch: [StateMachineEntry]) throws(KVStorageError) -> [StateMachineResult] {
        var results: [StateMachineResult] = []
        results.reserveCapacity(batch.count)
        for entry in batch {
            appliedIndex = entry.index
            guard let command = try? KVCommand(decoding: entry.command) else {
                results.append(StateMachineResult(value: KVOutcome.badCommand.rawValue))
                continue
            }
            results.append(try apply(command))
        }
        return results
    }

    /// Applies one decoded command.
    func apply(_ command: KVCommand) throws(KVStorageError) -> StateMachineResult {
        switch command {
        case let .put(key, value): return try plainPut(key, value)
        case let .delete(key): return try plainDelete(key)
        case let .compareAndSet(key, expected, new): return try compareAndSet(key, expected, new)
        case let .manyPut(sender, args): return result(try manyPut(sender, args))
        case let .manyDisable(sender, args): return result(try manyDisable(sender, args))
        case let .manyTransfer(sender, args): return result(try manyTransfer(sender, args))
        case let .initialize(state): return try initialize(state)
        }
    }

    private func plainPut(_ key: [UInt8], _ value: [UInt8]) throws(KVStorageError) -> StateMachineResult {
        if let entry = try entry(key), entry.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        try putEntry(key, KVEntry(value: value))
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func plainDelete(_ key: [UInt8]) throws(KVStorageError) -> StateMachineResult {
        guard let entry = try entry(key) else { return StateMachineResult(value: KVOutcome.ok.rawValue, data: [0]) }
        if entry.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        try removeEntry(key)
        return StateMachineResult(value: KVOutcome.ok.rawValue, data: [1])
    }

    private func compareAndSet(_ key: [UInt8], _ expected: [UInt8]?, _ new: [UInt8]?) throws(KVStorageError) -> StateMachineResult {
        let entry = try entry(key)
        if entry?.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        guard entry?.value == expected else { return StateMachineResult(value: KVOutcome.compareFailed.rawValue) }
        if let new { try putEntry(key, KVEntry(value: new)) } else if entry != nil { try removeEntry(key) }
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func initialize(_ state: KVInitialState) throws(KVStorageError) -> StateMachineResult {
        guard rootIdentity == nil else { return StateMachineResult(value: KVOutcome.alreadyInitialized.rawValue) }
        try setRootIdentity(state.identity)
        for (key, owner) in state.acl {
            var entry = try entry(key) ?? KVEntry()
            entry.owner = owner
            try putEntry(key, entry)
        }
        for account in state.accounts { try putAccount(account) }
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func result(_ outcome: Result<Void, KVRefusal>) -> StateMachineResult {
        switch outcome {
        case .success: return StateMachineResult(value: KVOutcome.ok.rawValue)
        case let .failure(refusal): return StateMachineResult(value: refusal.outcome.rawValue, data: Array(refusal.detail.utf8))
        }
    }
}

/// A MANY command refused: the outcome and, for ``KVOutcome/needsRole``, the role.
struct KVRefusal: Error {
    let outcome: KVOutcome
    let detail: String

    init(_ outcome: KVOutcome, _ detail: String = "") {
        self.outcome = outcome
        self.detail = detail
    }
}
