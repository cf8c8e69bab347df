import ManyIdentity
import RaftHost
import SHA3

/// The key-value store one Raft group replicates: values, their MANY owners and disabled
/// states, and the accounts that may act for owners.
///
/// Deterministic: the outcome of every command depends only on the state and the
/// command's bytes, so all replicas agree. Refusals (wrong owner, failed compare) are
/// result codes (``KVOutcome``); bytes that are not a command get ``KVOutcome/badCommand``.
public final class KVStateMachine: StateMachine {
    var entries: [[UInt8]: KVEntry] = [:]
    var accounts: [Address: KVAccount] = [:]
    /// The identity that creates accounts, once initialized (many-rs `/config/identity`).
    var rootIdentity: Address?
    var appliedIndex: UInt64 = 0

    public init() {}

    public func update(_ batch: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        batch.map { entry in
            appliedIndex = entry.index
            guard let command = try? KVCommand(decoding: entry.command) else {
                return StateMachineResult(value: KVOutcome.badCommand.rawValue)
            }
            return apply(command)
        }
    }

    /// Applies one decoded command.
    func apply(_ command: KVCommand) -> StateMachineResult {
        switch command {
        case let .put(key, value): return plainPut(key, value)
        case let .delete(key): return plainDelete(key)
        case let .compareAndSet(key, expected, new): return compareAndSet(key, expected, new)
        case let .manyPut(sender, args): return result(manyPut(sender, args))
        case let .manyDisable(sender, args): return result(manyDisable(sender, args))
        case let .manyTransfer(sender, args): return result(manyTransfer(sender, args))
        case let .initialize(state): return initialize(state)
        }
    }

    public func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] {
        let decoded: KVQuery
        do { decoded = try KVQuery(decoding: query) } catch { throw StateMachineError("bad query: \(error)") }
        switch decoded {
        case let .get(key):
            guard let entry = entries[key], let value = entry.value else { return KVGetAnswer.missing.encoded() }
            return (entry.isDisabled ? KVGetAnswer.disabled : .value(value)).encoded()
        case let .entry(key):
            return KVEntry.encodeAnswer(entries[key])
        case let .list(prefix, limit):
            return list(prefix: prefix, limit: Int(limit)).encoded()
        case .hash:
            return SHA3_256.hash(snapshotBytes())
        case .owned:
            let owned = entries.filter { $0.value.owner != nil && $0.value.value != nil }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            return KVOwnedAnswer(keys: owned.map(\.key), entries: owned.map(\.value)).encoded()
        case .stats:
            return KVStats(keyCount: UInt64(entries.values.count { $0.value != nil }), appliedIndex: appliedIndex).encoded()
        }
    }

    public func saveSnapshot() throws(StateMachineError) -> [UInt8] { snapshotBytes() }

    public func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) {
        do { try restore(data) } catch { throw StateMachineError("bad snapshot: \(error)") }
    }

    private func plainPut(_ key: [UInt8], _ value: [UInt8]) -> StateMachineResult {
        if let entry = entries[key], entry.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        entries[key] = KVEntry(value: value)
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func plainDelete(_ key: [UInt8]) -> StateMachineResult {
        guard let entry = entries[key] else { return StateMachineResult(value: KVOutcome.ok.rawValue, data: [0]) }
        if entry.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        entries[key] = nil
        return StateMachineResult(value: KVOutcome.ok.rawValue, data: [1])
    }

    private func compareAndSet(_ key: [UInt8], _ expected: [UInt8]?, _ new: [UInt8]?) -> StateMachineResult {
        let entry = entries[key]
        if entry?.owner != nil { return StateMachineResult(value: KVOutcome.permissionDenied.rawValue) }
        guard entry?.value == expected else { return StateMachineResult(value: KVOutcome.compareFailed.rawValue) }
        entries[key] = new.map { KVEntry(value: $0) }
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func initialize(_ state: KVInitialState) -> StateMachineResult {
        guard rootIdentity == nil else { return StateMachineResult(value: KVOutcome.alreadyInitialized.rawValue) }
        rootIdentity = state.identity
        for (key, owner) in state.acl {
            entries[key, default: KVEntry()].owner = owner
        }
        for account in state.accounts { accounts[account.address] = account }
        return StateMachineResult(value: KVOutcome.ok.rawValue)
    }

    private func list(prefix: [UInt8], limit: Int) -> KVListAnswer {
        var matches = entries.filter { key, entry in
            entry.value != nil && !entry.isDisabled && key.starts(with: prefix)
        }.map { ($0.key, $0.value.value ?? []) }
        matches.sort { $0.0.lexicographicallyPrecedes($1.0) }
        let kept = matches.prefix(limit)
        return KVListAnswer(keys: kept.map(\.0), values: kept.map(\.1), truncated: matches.count > kept.count)
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
