/// The log as the engine sees it: durable entries in ``LogStorage`` followed by
/// unstable ones, plus the commit and apply positions.
///
/// Invariants: `applied <= committed <= lastIndex`, and `committed` never decreases.
struct RaftLog<Storage: LogStorage> {
    let storage: Storage
    var unstable: UnstableLog
    private(set) var committed: Index
    private(set) var applied: Index
    /// Bounds the committed entries handed out in one ``Ready``.
    let maxApplyingSizeBytes: UInt64

    init(storage: Storage, maxApplyingSizeBytes: UInt64 = .max) throws(StorageError) {
        self.storage = storage
        let first = try storage.firstIndex()
        let last = try storage.lastIndex()
        self.unstable = UnstableLog(offset: last + 1)
        self.committed = first - 1
        self.applied = first - 1
        self.maxApplyingSizeBytes = maxApplyingSizeBytes
    }

    // MARK: Bounds and terms

    var firstIndex: Index {
        if let index = unstable.firstIndex { return index }
        return (try? storage.firstIndex()) ?? 1
    }

    var lastIndex: Index {
        if let index = unstable.lastIndex { return index }
        return (try? storage.lastIndex()) ?? 0
    }

    var lastTerm: Term { (try? term(at: lastIndex)) ?? 0 }

    /// The term of entry `index`, including the snapshot's index just before the first.
    func term(at index: Index) throws(StorageError) -> Term {
        let dummy = firstIndex - 1
        if index < dummy { throw .compacted }
        if index > lastIndex { throw .unavailable }
        if let term = unstable.term(at: index) { return term }
        return try storage.term(at: index)
    }

    func matchTerm(_ index: Index, _ term: Term) -> Bool {
        guard let ours = try? self.term(at: index) else { return false }
        return ours == term
    }

    /// Raft's election restriction: a candidate's log is at least as up to date.
    func isUpToDate(lastIndex candidateIndex: Index, lastTerm candidateTerm: Term) -> Bool {
        candidateTerm > lastTerm || (candidateTerm == lastTerm && candidateIndex >= lastIndex)
    }

    // MARK: Appending

    /// The first of `entries` whose term differs from ours (or that we lack), or 0.
    func findConflict(_ entries: [Entry]) -> Index {
        for entry in entries where !matchTerm(entry.index, entry.term) {
            return entry.index
        }
        return 0
    }

    /// The last index at or below `index` whose term is at most `term`, with its term:
    /// where a leader with `term` at `index` can next probe (fast back-off).
    /// Bounded by `index` iterations; stops at the first unavailable term.
    func findConflictByTerm(_ index: Index, _ term: Term) -> (Index, Term) {
        var candidate = index
        while candidate > 0 {
            guard let ours = try? self.term(at: candidate) else { return (candidate, 0) }
            if ours <= term { return (candidate, ours) }
            candidate -= 1
        }
        return (0, 0)
    }

    enum AppendError: Error, Equatable {
        /// The leader's entries contradict an entry we already committed.
        case conflictWithCommitted(Index)
    }

    /// A follower's append: if our log holds (`prevIndex`, `prevTerm`), take the
    /// entries (truncating a conflicting suffix) and advance the commit index.
    /// Returns the last index known to match the leader, or nil on mismatch.
    mutating func maybeAppend(_ message: AppendEntries) throws(AppendError) -> Index? {
        guard matchTerm(message.prevIndex, message.prevTerm) else { return nil }
        let lastNew = message.prevIndex + Index(message.entries.count)
        let conflict = findConflict(message.entries)
        if conflict != 0 {
            if conflict <= committed { throw .conflictWithCommitted(conflict) }
            let start = Int(conflict - (message.prevIndex + 1))
            append(Array(message.entries[start...]))
        }
        commit(to: min(message.commit, lastNew))
        return lastNew
    }

    /// Appends entries that follow the committed prefix; returns the new last index.
    @discardableResult
    mutating func append(_ entries: consuming [Entry]) -> Index {
        guard let first = entries.first else { return lastIndex }
        precondition(first.index > committed, "append would overwrite committed entry \(first.index)")
        unstable.truncateAndAppend(consume entries)
        return lastIndex
    }

    // MARK: Commit and apply

    /// Raises the commit index; values at or below it are ignored. The caller checks
    /// `index <= lastIndex` (a heartbeat never commits beyond what we hold).
    mutating func commit(to index: Index) {
        guard index > committed else { return }
        precondition(index <= lastIndex, "commit \(index) beyond last index \(lastIndex)")
        committed = index
    }

    /// A leader's commit: only an entry of its own term may be committed by counting
    /// replicas (Raft §5.4.2); earlier entries follow it.
    mutating func maybeCommit(_ index: Index, term: Term) -> Bool {
        guard index > committed, (try? self.term(at: index)) == term else { return false }
        commit(to: index)
        return true
    }

    mutating func applied(to index: Index) {
        guard index != 0 else { return }
        precondition(applied <= index && index <= committed, "applied \(index) outside \(applied)...\(committed)")
        applied = index
    }

    /// The caller loaded a snapshot into its state machine.
    mutating func appliedSnapshot(_ index: Index) {
        precondition(index <= committed, "snapshot \(index) beyond commit \(committed)")
        applied = max(applied, index)
    }

    var hasNextCommittedEntries: Bool {
        committed > max(applied, firstIndex - 1)
    }

    /// Committed entries not yet applied, bounded by `maxApplyingSizeBytes`.
    func nextCommittedEntries() -> [Entry] {
        let lo = max(applied + 1, firstIndex)
        guard committed + 1 > lo else { return [] }
        return (try? slice(lo, committed + 1, maxSizeBytes: maxApplyingSizeBytes)) ?? []
    }

    var unstableEntries: [Entry] { unstable.entries }

    mutating func stable(to index: Index, term: Term) {
        unstable.stable(to: index, term: term)
    }

    mutating func stableSnapshot(to index: Index) {
        unstable.stableSnapshot(to: index)
    }

    /// Replaces the log by a snapshot; everything in it is committed.
    mutating func restore(_ snapshot: Snapshot) {
        committed = snapshot.metadata.index
        unstable.restore(snapshot)
    }

    // MARK: Reading

    /// Entries from `index` to the end, bounded by `maxSizeBytes`.
    func entries(from index: Index, maxSizeBytes: UInt64) throws(StorageError) -> [Entry] {
        if index > lastIndex { return [] }
        return try slice(index, lastIndex + 1, maxSizeBytes: maxSizeBytes)
    }

    /// Entries in `lo..<hi` from storage and then the unstable part, bounded by size.
    func slice(_ lo: Index, _ hi: Index, maxSizeBytes: UInt64) throws(StorageError) -> [Entry] {
        if lo < firstIndex { throw .compacted }
        if lo > hi || hi > lastIndex + 1 { throw .unavailable }
        if lo == hi { return [] }
        var result: [Entry] = []
        if lo < unstable.offset {
            let storedHi = min(hi, unstable.offset)
            result = try storage.entries(from: lo, to: storedHi, maxSizeBytes: maxSizeBytes)
            if Index(result.count) < storedHi - lo { return result }  // cut by the size limit
        }
        if hi > unstable.offset {
            result.append(contentsOf: unstable.slice(max(lo, unstable.offset), hi))
        }
        return result.limited(toSizeBytes: maxSizeBytes)
    }
}
