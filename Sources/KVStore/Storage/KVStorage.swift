import ManyIdentity

/// Where a KV state machine keeps its state: entries by key, accounts by address, the
/// root identity and the applied index. The command and query logic
/// (`KVStorage+Commands.swift`, `+Many`, `+Queries`, `+Snapshot`) is written once over
/// this protocol; ``KVMemoryStorage`` and ``KVSQLiteStorage`` are the two stores.
///
/// Called from one apply context at a time (the group's), so no locking.
protocol KVStorage: AnyObject {
    /// The index of the last log entry applied to this state.
    var appliedIndex: UInt64 { get set }
    /// The identity that creates accounts, once initialized (many-rs `/config/identity`).
    var rootIdentity: Address? { get }

    func entry(_ key: [UInt8]) throws(KVStorageError) -> KVEntry?
    func putEntry(_ key: [UInt8], _ entry: KVEntry) throws(KVStorageError)
    func removeEntry(_ key: [UInt8]) throws(KVStorageError)
    /// Visits the entries whose key starts with `prefix` in ascending key order (bytewise)
    /// until `visit` returns false.
    func scan(prefix: [UInt8], _ visit: ([UInt8], KVEntry) -> Bool) throws(KVStorageError)
    /// How many keys have an entry (with or without a value).
    func entryCount() throws(KVStorageError) -> Int
    /// How many keys hold a value.
    func valueCount() throws(KVStorageError) -> Int

    func account(_ address: Address) throws(KVStorageError) -> KVAccount?
    func putAccount(_ account: KVAccount) throws(KVStorageError)
    /// Every account, ascending by address bytes.
    func sortedAccounts() throws(KVStorageError) -> [KVAccount]
    func setRootIdentity(_ identity: Address) throws(KVStorageError)

    /// Replaces everything with a snapshot's state (already decoded and checked).
    func replace(with state: KVSnapshotState) throws(KVStorageError)
}

/// A whole state as a snapshot holds it, decoded before anything is replaced.
struct KVSnapshotState {
    var appliedIndex: UInt64
    var rootIdentity: Address?
    var entries: [([UInt8], KVEntry)]
    var accounts: [KVAccount]
}
