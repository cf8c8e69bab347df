import Raft

/// One group's durable state as the WAL records it: the replay target on recovery and
/// the in-memory index behind ``DurableLogStorage``.
///
/// `entries` follow the snapshot: normally `entries[0].index == snapshot.index + 1`.
/// During replay they may start later, when the segments holding the entries between
/// were compacted away and the snapshot record that covers them comes later in the log.
struct GroupLog: Sendable, Equatable {
    var hardState = HardState.empty
    var confState = ConfState()
    /// The compaction point: the last entry covered by the snapshot, and its term.
    var snapshot = SnapshotMetadata()
    var entries: [Entry] = []

    var firstIndex: Index { snapshot.index + 1 }
    var lastIndex: Index { entries.last?.index ?? snapshot.index }

    /// Raft's append: entries at or before the snapshot are skipped; the rest replace
    /// the log from their first index on. Entries that leave a gap after the last one
    /// start the log afresh: replay meets them when the segments holding the entries
    /// between were compacted away (live appends are checked for gaps before this).
    mutating func append(_ batch: [Entry]) {
        let fresh = batch.drop { $0.index <= snapshot.index }
        guard let first = fresh.first?.index else { return }
        if let offset = entries.first?.index, first >= offset, first <= lastIndex + 1 {
            entries.removeSubrange(Int(first - offset)...)
            entries.append(contentsOf: fresh)
        } else {
            entries = Array(fresh)
        }
    }

    /// Records a snapshot at `metadata.index`: earlier entries go, and later ones too when
    /// `replacesLog` (the snapshot is not a prefix of this log).
    mutating func applySnapshot(_ metadata: SnapshotMetadata, replacesLog: Bool) {
        if replacesLog {
            entries.removeAll()
        } else if let offset = entries.first?.index, metadata.index >= offset {
            entries.removeSubrange(0..<min(entries.count, Int(metadata.index - offset) + 1))
        }
        snapshot = metadata
    }

    /// The term of `index` if the log still holds it (the snapshot's own index included).
    func term(at index: Index) -> Term? {
        if index == snapshot.index { return snapshot.term }
        guard let offset = entries.first?.index, index >= offset, index <= lastIndex else { return nil }
        return entries[Int(index - offset)].term
    }
}
