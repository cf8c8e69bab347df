extension RaftCore {
    /// Requests a linearizable read without writing to the log (Raft thesis §6.4).
    /// When the group confirms this node's leader is current, a ``ReadState`` with
    /// `context` appears in a ``Ready``; the read may be served once the state
    /// machine has applied its index. Without a leader the request is dropped (the
    /// caller retries).
    public mutating func readIndex(context: [UInt8]) {
        handleReadIndex(context: context, from: id)
    }

    mutating func handleReadIndex(context: [UInt8], from requester: NodeID) {
        if Self.isLeaseContext(context) {
            // Reserved for lease heartbeats; a read must not be mistaken for one.
            counters.readsRefused += 1
            return
        }
        switch role {
        case .leader:
            if tracker.isSingleton(id) {
                respondToRead(requester: requester, context: context, index: log.committed)
            } else if !committedEntryInCurrentTerm {
                // Until an entry of this term commits, the leader's commit index may
                // lag the true one; answer once it does. Bounded like ReadOnly:
                // beyond it, the request is dropped and the caller retries.
                if pendingReadIndexes.count < ReadOnly.pendingMax {
                    pendingReadIndexes.append((requester, context))
                }
            } else if holdsLease {
                respondToRead(requester: requester, context: context, index: log.committed)
            } else if readOnly.add(requester: requester, context: context, index: log.committed) {
                _ = readOnly.acknowledge(context: context, from: id)
                broadcastHeartbeat(context: context)
            }
        case .follower where leader != .none && requester == id:
            send(.readIndex(context: context), to: leader)
        default:
            break
        }
    }

    var committedEntryInCurrentTerm: Bool {
        (try? log.term(at: log.committed)) == term
    }

    mutating func releasePendingReadIndexes() {
        guard committedEntryInCurrentTerm, !pendingReadIndexes.isEmpty else { return }
        let waiting = pendingReadIndexes
        pendingReadIndexes.removeAll()
        for (requester, context) in waiting {
            handleReadIndex(context: context, from: requester)
        }
    }

    mutating func handleReadIndexAck(context: [UInt8], from member: NodeID) {
        guard let acks = readOnly.acknowledge(context: context, from: member),
              tracker.voters.voteResult(acks) == .won else { return }
        for request in readOnly.release(through: context) {
            respondToRead(requester: request.requester, context: request.context, index: request.index)
        }
    }

    private mutating func respondToRead(requester: NodeID, context: [UInt8], index: Index) {
        if requester == id {
            readStates.append(ReadState(index: index, context: context))
        } else {
            send(.readIndexResponse(index: index, context: context), to: requester)
            // The requester serves the read once it has applied `index`.
            guard var progress = tracker.progress[requester] else { return }
            progress.commitWanted = max(progress.commitWanted, index)
            tracker.progress[requester] = progress
            if config.lazyCommitAnnouncements, progress.commitSent < index {
                _ = maybeSendAppend(to: requester, sendIfEmpty: true, quietIfEmpty: true)
            }
        }
    }
}
