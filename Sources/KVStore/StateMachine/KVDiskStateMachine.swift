import RaftHost

/// The key-value store kept in a SQLite file (``OnDiskStateMachine``): the same commands
/// and queries as ``KVStateMachine``, with the state on disk instead of in memory.
///
/// Each `update` batch is one SQLite transaction that also records the batch's last index,
/// so `open()` returns exactly the index of the state on disk and the host replays only
/// later entries. Commits use `synchronous=NORMAL` (no fsync per batch; the Raft log is
/// already synced and replays what a power loss drops); `sync()` checkpoints, which
/// fsyncs. Snapshots have the in-memory machine's bytes, so replicas of both kinds
/// exchange them and `kvstore.info` hashes agree; they are read on a second connection in
/// a read transaction begun at capture, off the host's loop.
public final class KVDiskStateMachine: OnDiskStateMachine {
    /// The database file.
    public let path: String
    private var storage: KVSQLiteStorage?

    /// A machine over the file at `path`, created by `open()` if missing.
    public init(path: String) {
        self.path = path
    }

    public func open() throws(StateMachineError) -> UInt64 {
        do { return try openStore() } catch { throw StateMachineError("\(error)") }
    }

    /// Opens the file (creating the schema in a new one) and returns its applied index; a
    /// file that is not this store's database is an error naming it.
    public func openStore() throws(KVStorageError) -> UInt64 {
        if let storage { return storage.appliedIndex }
        let opened = try KVSQLiteStorage(path: path)
        storage = opened
        return opened.appliedIndex
    }

    public func sync() throws(StateMachineError) {
        do { try opened().checkpoint() } catch { throw StateMachineError("\(error)") }
    }

    public func update(_ batch: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        do {
            let storage = try opened()
            try storage.begin()
            do {
                let results = try storage.apply(batch)
                try storage.commit()
                return results
            } catch {
                try? storage.rollback()
                throw error
            }
        } catch {
            throw StateMachineError("\(error)")
        }
    }

    public func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] {
        do { return try opened().answer(query) } catch { throw StateMachineError("\(error)") }
    }

    public func saveSnapshot() throws(StateMachineError) -> [UInt8] {
        do { return try opened().snapshotBytes() } catch { throw StateMachineError("\(error)") }
    }

    /// Pins the current state in a read transaction on a second connection; the returned
    /// serializer reads it there, off the host's loop, while updates go on.
    public func captureSnapshot() throws(StateMachineError) -> SnapshotSerializer {
        let reader: SnapshotReader
        do { reader = SnapshotReader(try KVSQLiteStorage(readingSnapshotOf: try opened().path)) } catch {
            throw StateMachineError("\(error)")
        }
        return { (output: inout [UInt8]) throws(StateMachineError) in try reader.read(appendingTo: &output) }
    }

    public func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) {
        let storage: KVSQLiteStorage
        do { storage = try opened() } catch { throw StateMachineError("\(error)") }
        try storage.restore(data)
    }

    private func opened() throws(KVStorageError) -> KVSQLiteStorage {
        guard let storage else { throw .notOpen(file: path) }
        return storage
    }
}

/// A snapshot's read connection on its way from the loop (which opens it) to the snapshot
/// worker (which reads it once and closes the transaction): one thread at a time.
private final class SnapshotReader: @unchecked Sendable {
    private let storage: KVSQLiteStorage

    init(_ storage: KVSQLiteStorage) {
        self.storage = storage
    }

    func read(appendingTo output: inout [UInt8]) throws(StateMachineError) {
        defer { storage.finishReading() }
        do { try storage.writeSnapshot(appendingTo: &output) } catch { throw StateMachineError("\(error)") }
    }
}
