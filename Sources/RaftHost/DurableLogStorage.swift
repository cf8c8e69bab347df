import Raft

/// Why a ``DurableLogStorage`` could not open or store something.
public enum DurableStorageError: Error, Sendable, Equatable {
    case wal(WALError)
    case snapshot(SnapshotError)
    /// The request breaks the log's rules (a gap, an out-of-date snapshot).
    case storage(StorageError)
}

/// One group's ``LogStorage`` on the shared ``WriteAheadLog`` and ``SnapshotStore``:
/// what the group wrote is queued in the WAL and indexed in memory (the entries after
/// the last snapshot, the hard state, the membership); reopening the WAL brings it back.
///
/// Writes are queued, not durable: the host syncs the WAL once for the Readies of all
/// its groups. Handle each group's ``Ready`` in this order:
///
/// ```swift
/// for (group, ready) in readies {
///     let storage = storages[group]
///     if let snapshot = ready.snapshot { try storage.applySnapshot(snapshot) }  // file fsynced here
///     try storage.append(ready.entries)
///     if let state = ready.hardState { try storage.setHardState(state) }
/// }
/// if readies.contains(where: \.mustSync) { try wal.sync() }   // one fdatasync for every group
/// for (group, ready) in readies {
///     transport.send(ready.messages)            // only now: votes and acks are durable
///     stateMachine.apply(ready.committedEntries)
///     nodes[group].advance(ready)
/// }
/// ```
public final class DurableLogStorage: LogStorage {
    public let group: GroupID
    private let wal: WriteAheadLog
    private let snapshots: SnapshotStore
    private var log: GroupLog
    private var currentSnapshot: Snapshot

    /// Opens `group` from what `wal` recovered, loading (and verifying) its latest
    /// snapshot from `snapshots`. A group with no membership yet gets `bootstrap`
    /// (queued in the WAL; the caller syncs).
    public init(group: GroupID, wal: WriteAheadLog, snapshots: SnapshotStore, bootstrap: ConfState? = nil)
        throws(DurableStorageError)
    {
        self.group = group
        self.wal = wal
        self.snapshots = snapshots
        log = wal.takeRecoveredLog(group: group)
        if log.snapshot.index > 0 {
            do { currentSnapshot = try snapshots.read(group: group, expected: log.snapshot) } catch { throw .snapshot(error) }
        } else {
            currentSnapshot = Snapshot()
        }
        if let bootstrap, log.confState == ConfState() {
            try setConfState(bootstrap)
        }
    }

    /// The hard state stored last.
    public var hardState: HardState { log.hardState }

    // MARK: LogStorage

    public func initialState() -> (HardState, ConfState) { (log.hardState, log.confState) }

    public func entries(from lo: Index, to hi: Index, maxSizeBytes: UInt64) throws(StorageError) -> [Entry] {
        if lo <= log.snapshot.index { throw .compacted }
        if hi > log.lastIndex + 1 || lo > hi { throw .unavailable }
        if lo == hi { return [] }
        let offset = log.entries[0].index
        var result: [Entry] = []
        var sizeBytes: UInt64 = 0
        for index in lo..<hi {
            let entry = log.entries[Int(index - offset)]
            sizeBytes += entry.sizeBytes
            if !result.isEmpty && sizeBytes > maxSizeBytes { break }
            result.append(entry)
        }
        return result
    }

    public func term(at index: Index) throws(StorageError) -> Term {
        if index < log.snapshot.index { throw .compacted }
        guard let term = log.term(at: index) else { throw .unavailable }
        return term
    }

    public func firstIndex() -> Index { log.firstIndex }

    public func lastIndex() -> Index { log.lastIndex }

    public func snapshot() -> Snapshot { currentSnapshot }

    // MARK: Writing

    /// Queues entries that continue the log or overwrite a suffix of it (a Ready's
    /// entries). Entries already covered by the snapshot are skipped.
    public func append(_ entries: [Entry]) throws(DurableStorageError) {
        let fresh = Array(entries.drop { $0.index <= log.snapshot.index })
        guard let first = fresh.first else { return }
        if first.index > log.lastIndex + 1 { throw .storage(.unavailable) }
        do { try wal.append(entries: fresh, group: group) } catch { throw .wal(error) }
        log.append(fresh)
    }

    /// Queues the group's hard state.
    public func setHardState(_ state: HardState) throws(DurableStorageError) {
        do { try wal.append(hardState: state, group: group) } catch { throw .wal(error) }
        log.hardState = state
    }

    /// Queues the group's membership (returned by ``initialState()`` after a restart).
    public func setConfState(_ state: ConfState) throws(DurableStorageError) {
        do { try wal.append(membership: state, group: group) } catch { throw .wal(error) }
        log.confState = state
    }

    /// Installs a snapshot received from the leader: its file is written and fsynced,
    /// then its point and membership are queued in the WAL. The log after it survives
    /// only if it holds the snapshot's last entry (same index and term).
    public func applySnapshot(_ snapshot: Snapshot) throws(DurableStorageError) {
        let metadata = snapshot.metadata
        if metadata.index <= log.snapshot.index { throw .storage(.snapshotOutOfDate) }
        let replacesLog = log.term(at: metadata.index) != metadata.term
        do { try snapshots.write(snapshot, group: group) } catch { throw .snapshot(error) }
        do {
            try wal.append(snapshot: metadata, replacesLog: replacesLog, group: group)
            try wal.append(membership: metadata.confState, group: group)
        } catch {
            throw .wal(error)
        }
        log.applySnapshot(metadata, replacesLog: replacesLog)
        log.confState = metadata.confState
        currentSnapshot = snapshot
        try pruneSnapshots()
    }

    /// Takes a snapshot of the state machine at `index` (applied by the caller): the file
    /// is written and fsynced, then the WAL records the compaction point and entries up
    /// to `index` leave memory. ``WriteAheadLog/compact()`` later frees their segments.
    @discardableResult
    public func createSnapshot(at index: Index, confState: ConfState, data: [UInt8]) throws(DurableStorageError) -> Snapshot {
        if index <= log.snapshot.index { throw .storage(.snapshotOutOfDate) }
        guard index <= log.lastIndex, let term = log.term(at: index) else { throw .storage(.unavailable) }
        let snapshot = Snapshot(metadata: SnapshotMetadata(index: index, term: term, confState: confState), data: data)
        do { try snapshots.write(snapshot, group: group) } catch { throw .snapshot(error) }
        try adoptWrittenSnapshot(snapshot)
        return snapshot
    }

    /// Compacts to `snapshot`, whose file ``SnapshotStore/write(_:group:)`` already wrote
    /// and synced (off the loop): the WAL records the compaction point and entries up to
    /// its index leave memory.
    public func adoptWrittenSnapshot(_ snapshot: Snapshot) throws(DurableStorageError) {
        if snapshot.metadata.index <= log.snapshot.index { throw .storage(.snapshotOutOfDate) }
        guard snapshot.metadata.index <= log.lastIndex, log.term(at: snapshot.metadata.index) == snapshot.metadata.term else {
            throw .storage(.unavailable)
        }
        do { try wal.append(snapshot: snapshot.metadata, replacesLog: false, group: group) } catch { throw .wal(error) }
        log.applySnapshot(snapshot.metadata, replacesLog: false)
        currentSnapshot = snapshot
        try pruneSnapshots()
    }

    /// Deletes old snapshot files, sparing the one the WAL durably points to.
    private func pruneSnapshots() throws(DurableStorageError) {
        do { try snapshots.prune(group: group, below: wal.durableSnapshotIndex(group: group)) } catch { throw .snapshot(error) }
    }
}
