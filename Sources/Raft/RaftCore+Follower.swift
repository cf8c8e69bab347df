extension RaftCore {
    /// Takes the leader's entries if our log holds their predecessor; answers with
    /// our last matching index (unless the append is quiet: the leader knows it), or a
    /// rejection with a back-off hint.
    mutating func handleAppendEntries(_ append: AppendEntries, from leader: NodeID) throws(RaftError) {
        if append.prevIndex < log.committed {
            // Everything up to our commit index already matches; say so.
            send(.appendResponse(AppendResponse(index: log.committed)), to: leader)
            return
        }
        let matched: Index?
        do {
            matched = try log.maybeAppend(append)
        } catch {
            switch error {
            case .conflictWithCommitted(let index):
                counters.appendsConflictingWithCommit += 1
                throw .conflictWithCommitted(index)
            }
        }
        if let matched {
            if !append.quiet { send(.appendResponse(AppendResponse(index: matched)), to: leader) }
            return
        }
        // Our log lacks (prevIndex, prevTerm). Point the leader at our last index at
        // or below prevIndex whose term is at most prevTerm: every entry after it
        // differs from the leader's, so it can skip them in one round trip.
        counters.appendsRejected += 1
        let (hintIndex, hintTerm) = log.findConflictByTerm(min(append.prevIndex, log.lastIndex), append.prevTerm)
        let rejection = AppendResponse.Rejection(hintIndex: hintIndex, hintTerm: hintTerm)
        send(.appendResponse(AppendResponse(index: append.prevIndex, rejection: rejection)), to: leader)
    }

    mutating func handleHeartbeat(commit: Index, context: [UInt8], from leader: NodeID) throws(RaftError) {
        if commit > log.lastIndex {
            // The leader sends min(match, commit); more than we hold is bad input.
            counters.indexesOutOfRange += 1
            throw .indexOutOfRange(commit)
        }
        log.commit(to: commit)
        send(.heartbeatResponse(context: context), to: leader)
    }

    /// Installs a snapshot that is ahead of our commit index (unless our log already
    /// holds its last entry, in which case we only move the commit index).
    mutating func handleSnapshot(_ snapshot: Snapshot, from leader: NodeID) {
        let index = snapshot.metadata.index
        if index <= log.committed {
            send(.appendResponse(AppendResponse(index: log.committed)), to: leader)
            return
        }
        if log.matchTerm(index, snapshot.metadata.term) {
            log.commit(to: index)
            send(.appendResponse(AppendResponse(index: log.committed)), to: leader)
            return
        } else {
            log.restore(snapshot)
            tracker = ProgressTracker(
                confState: snapshot.metadata.confState,
                inflightCountMax: config.maxInflightMessages,
                inflightSizeBytesMax: config.maxInflightBytes
            )
            tracker.resetProgress(lastIndex: log.lastIndex, selfID: id, ownMatch: log.lastIndex)
        }
        send(.appendResponse(AppendResponse(index: log.lastIndex)), to: leader)
    }
}
