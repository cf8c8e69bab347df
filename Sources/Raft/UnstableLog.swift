/// The entries (and possibly a snapshot) the engine holds that the caller has not
/// yet persisted. `entries[i]` has index `offset + i`.
struct UnstableLog {
    var snapshot: Snapshot?
    var entries: [Entry] = []
    var offset: Index

    init(offset: Index) {
        self.offset = offset
    }

    /// The first index, if a pending snapshot defines it.
    var firstIndex: Index? {
        snapshot.map { $0.metadata.index + 1 }
    }

    /// The last index, if unstable entries or a pending snapshot define it.
    var lastIndex: Index? {
        if !entries.isEmpty { return offset + Index(entries.count) - 1 }
        return snapshot?.metadata.index
    }

    func term(at index: Index) -> Term? {
        if index < offset {
            if let snapshot, snapshot.metadata.index == index { return snapshot.metadata.term }
            return nil
        }
        guard let last = lastIndex, index <= last else { return nil }
        if entries.isEmpty { return snapshot?.metadata.term }
        return entries[Int(index - offset)].term
    }

    /// The caller persisted everything up to (`index`, `term`): drop it from here.
    /// A term mismatch means the entry was overwritten meanwhile; keep it then.
    mutating func stable(to index: Index, term: Term) {
        guard let current = self.term(at: index), current == term, index >= offset else { return }
        let count = Int(index + 1 - offset)
        if count == entries.count {
            // The usual case. The Ready being advanced still shares the buffer: let it
            // go rather than empty it in place (which would copy it).
            entries = []
        } else {
            entries.removeFirst(count)
        }
        offset = index + 1
    }

    mutating func stableSnapshot(to index: Index) {
        if snapshot?.metadata.index == index { snapshot = nil }
    }

    mutating func restore(_ snapshot: Snapshot) {
        offset = snapshot.metadata.index + 1
        entries = []
        self.snapshot = snapshot
    }

    /// Appends entries that may overwrite a suffix of the unstable ones.
    mutating func truncateAndAppend(_ newEntries: consuming [Entry]) {
        guard let first = newEntries.first else { return }
        let after = first.index
        if entries.isEmpty && after == offset {
            // Nothing unstable: adopt the array instead of copying it.
            entries = consume newEntries
        } else if after == offset + Index(entries.count) {
            entries.append(contentsOf: newEntries)
        } else if after <= offset {
            // Replaces everything unstable; the storage suffix is overwritten when the
            // caller persists these entries.
            offset = after
            entries = newEntries
        } else {
            entries.removeSubrange(Int(after - offset)...)
            entries.append(contentsOf: newEntries)
        }
    }

    /// Entries in `lo..<hi`, which must lie within the unstable range.
    func slice(_ lo: Index, _ hi: Index) -> ArraySlice<Entry> {
        precondition(offset <= lo && lo <= hi && hi <= offset + Index(entries.count), "unstable slice out of bounds")
        return entries[Int(lo - offset)..<Int(hi - offset)]
    }
}
