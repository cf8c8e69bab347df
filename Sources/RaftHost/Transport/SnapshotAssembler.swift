import Raft

/// Rebuilds snapshot messages from the chunks of one connection, in order, holding at
/// most `limits.snapshotBytesMax` bytes across the snapshots in progress.
struct SnapshotAssembler {
    private struct Partial {
        var first: SnapshotChunk
        var data: [UInt8]

        func continues(with chunk: SnapshotChunk) -> Bool {
            chunk.offset == UInt64(data.count) && chunk.totalBytes == first.totalBytes && chunk.from == first.from
                && chunk.to == first.to && chunk.term == first.term && chunk.metadata == first.metadata
        }
    }

    let limits: RaftCodecLimits
    private var partials: [GroupID: Partial] = [:]
    private var heldBytes = 0

    init(limits: RaftCodecLimits) {
        self.limits = limits
    }

    /// Adds a chunk; returns the snapshot message once its last chunk is in.
    mutating func add(_ chunk: SnapshotChunk, streamOffset: Int) throws(RaftTransportError) -> GroupMessage? {
        var partial: Partial
        if chunk.offset == 0 {
            // A new snapshot for the group replaces an unfinished one (the sender restarted it).
            if let old = partials.removeValue(forKey: chunk.group) { heldBytes -= old.data.count }
            partial = Partial(first: chunk, data: [])
        } else if let existing = partials[chunk.group], existing.continues(with: chunk) {
            partials[chunk.group] = nil
            heldBytes -= existing.data.count
            partial = existing
        } else {
            let expected = UInt64(partials[chunk.group]?.data.count ?? 0)
            throw .snapshotChunkOutOfOrder(offset: streamOffset, group: chunk.group, expectedOffset: expected, chunkOffset: chunk.offset)
        }
        if heldBytes + partial.data.count + chunk.data.count > limits.snapshotBytesMax {
            throw .snapshotTooLarge(offset: streamOffset, totalBytes: chunk.totalBytes, maxBytes: limits.snapshotBytesMax)
        }
        partial.data.append(contentsOf: chunk.data)
        guard chunk.isLast else {
            heldBytes += partial.data.count
            partials[chunk.group] = partial
            return nil
        }
        let first = partial.first
        let snapshot = Snapshot(metadata: first.metadata, data: partial.data)
        return GroupMessage(group: first.group, message: Message(from: first.from, to: first.to, term: first.term, kind: .snapshot(snapshot)))
    }
}
