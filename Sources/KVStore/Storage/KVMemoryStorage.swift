import ManyIdentity

/// The in-memory store: dictionaries, sorted only when a scan or snapshot needs order.
final class KVMemoryStorage: KVStorage {
    var appliedIndex: UInt64 = 0
    private(set) var rootIdentity: Address?
    private var entries: [[UInt8]: KVEntry] = [:]
    private var accounts: [Address: KVAccount] = [:]

    init() {}

    /// Everything the store holds, as values: a capture that later updates leave alone.
    struct State: Sendable {
        let appliedIndex: UInt64
        let rootIdentity: Address?
        let entries: [[UInt8]: KVEntry]
        let accounts: [Address: KVAccount]
    }

    /// The state now, without copying it (the dictionaries are copy-on-write).
    func capture() -> State {
        State(appliedIndex: appliedIndex, rootIdentity: rootIdentity, entries: entries, accounts: accounts)
    }

    /// A store holding a captured state.
    init(_ state: State) {
        (appliedIndex, rootIdentity, entries, accounts) = (state.appliedIndex, state.rootIdentity, state.entries, state.accounts)
    }

    func entry(_ key: [UInt8]) -> KVEntry? { entries[key] }
    func putEntry(_ key: [UInt8], _ entry: KVEntry) { entries[key] = entry }
    func removeEntry(_ key: [UInt8]) { entries[key] = nil }

    func scan(prefix: [UInt8], _ visit: ([UInt8], KVEntry) -> Bool) {
        let matches = prefix.isEmpty ? entries : entries.filter { $0.key.starts(with: prefix) }
        for (key, entry) in matches.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            guard visit(key, entry) else { return }
        }
    }

    func entryCount() -> Int { entries.count }
    func valueCount() -> Int { entries.values.count { $0.value != nil } }

    func account(_ address: Address) -> KVAccount? { accounts[address] }
    func putAccount(_ account: KVAccount) { accounts[account.address] = account }
    func sortedAccounts() -> [KVAccount] {
        accounts.values.sorted { $0.address.bytes.lexicographicallyPrecedes($1.address.bytes) }
    }
    func setRootIdentity(_ identity: Address) { rootIdentity = identity }

    func replace(with state: KVSnapshotState) {
        var restored: [[UInt8]: KVEntry] = [:]
        restored.reserveCapacity(state.entries.count)
        for (key, entry) in state.entries { restored[key] = entry }
        var restoredAccounts: [Address: KVAccount] = [:]
        for account in state.accounts { restoredAccounts[account.address] = account }
        (appliedIndex, rootIdentity, entries, accounts) = (state.appliedIndex, state.rootIdentity, restored, restoredAccounts)
    }
}
