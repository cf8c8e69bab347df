/// A ``LogStorage`` in memory, for tests, simulations and benchmarks.
///
/// `entries[0]` is a placeholder holding the snapshot's index and term, so that the
/// term of the entry just before the first available one is always known.
public final class MemoryStorage: LogStorage {
    public private(set) var hardState: HardState
    private var currentSnapshot: Snapshot
    private var log: [Entry]

    public init(hardState: HardState = .empty, confState: ConfState = ConfState()) {
        self.hardState = hardState
        self.currentSnapshot = Snapshot(metadata: SnapshotMetadata(confState: confState))
        self.log = [Entry(term: 0, index: 0)]
    }

    /// An independent copy of everything stored: a simulator keeps one as the image
    /// of what was synced to disk.
    public func copy() -> MemoryStorage {
        let copy = MemoryStorage(hardState: hardState)
        copy.currentSnapshot = currentSnapshot
        copy.log = log
        return copy
    }

    private var offset: Index { log[0].index }

    public func initialState() -> (HardState, ConfState) {
        (hardState, currentSnapshot.metadata.confState)
    }

    public func setHardState(_ state: HardState) {
        hardState = state
    }

    public func entries(from lo: Index, to hi: Index, maxSizeBytes: UInt64) throws(StorageError) -> [Entry] {
        if lo <= offset { throw .compacted }
        if hi > lastIndex() + 1 || lo > hi { throw .unavailable }
        if lo == hi { return [] }
        let slice = Array(log[Int(lo - offset)..<Int(hi - offset)])
        return slice.limited(toSizeBytes: maxSizeBytes)
    }

    public func term(at index: Index) throws(StorageError) -> Term {
        if index < offset { throw .compacted }
        if index > lastIndex() { throw .unavailable }
        return log[Int(index - offset)].term
    }

    public func firstIndex() -> Index { offset + 1 }

    public func lastIndex() -> Index { offset + Index(log.count) - 1 }

    public func snapshot() -> Snapshot { currentSnapshot }

    /// Appends entries that continue the log or overwrite a suffix of it, as the
    /// entries of a ``Ready`` do. Entries already compacted away are skipped.
    public func append(_ entries: [Entry]) throws(StorageError) {
        guard let first = entries.first else { return }
        let firstKept = firstIndex()
        let last = entries[entries.count - 1].index
        if last < firstKept { return }
        if first.index > lastIndex() + 1 { throw .unavailable }
        let fresh = first.index < firstKept ? Array(entries[Int(firstKept - first.index)...]) : entries
        let keep = Int(fresh[0].index - offset)
        log.removeSubrange(keep...)
        log.append(contentsOf: fresh)
    }

    /// Drops the entries before `index`; `index` becomes the placeholder.
    public func compact(upTo index: Index) throws(StorageError) {
        if index <= offset { throw .compacted }
        if index > lastIndex() { throw .unavailable }
        let position = Int(index - offset)
        let placeholder = Entry(term: log[position].term, index: index)
        log.removeSubrange(0...position)
        log.insert(placeholder, at: 0)
    }

    /// Replaces the whole log by a snapshot (a follower catching up).
    public func applySnapshot(_ snapshot: Snapshot) throws(StorageError) {
        if snapshot.metadata.index <= currentSnapshot.metadata.index { throw .snapshotOutOfDate }
        currentSnapshot = snapshot
        log = [Entry(term: snapshot.metadata.term, index: snapshot.metadata.index)]
    }

    /// Records a snapshot of the state machine at `index` (which must be applied);
    /// the caller then usually compacts.
    @discardableResult
    public func createSnapshot(at index: Index, confState: ConfState, data: [UInt8]) throws(StorageError) -> Snapshot {
        if index <= currentSnapshot.metadata.index { throw .snapshotOutOfDate }
        if index > lastIndex() { throw .unavailable }
        let term = log[Int(index - offset)].term
        currentSnapshot = Snapshot(metadata: SnapshotMetadata(index: index, term: term, confState: confState), data: data)
        return currentSnapshot
    }
}
