extension RaftCore {
    // MARK: Proposals

    /// Proposes `data` for the log. A leader appends it; a follower forwards it to
    /// the leader it knows; otherwise it is dropped with a typed error (and counted).
    /// Acceptance is not commitment: the caller learns of that from committed entries.
    public mutating func propose(_ data: [UInt8]) throws(RaftError) {
        try handleProposal([Entry(term: 0, index: 0, data: data)], from: id, forwardedIn: term)
    }

    /// Appends (leader) or forwards (follower) `entries`. `forwardedTerm` is the term
    /// the proposer saw when it sent them (this node's own term for a local proposal):
    /// a leader appends only those of its own term, so a proposal can only ever be an
    /// entry of the term it was made in (the host relies on it to tell a proposer its
    /// proposal is lost; etcd-raft forwards unstamped proposals any leader takes).
    mutating func handleProposal(_ entries: consuming [Entry], from proposer: NodeID, forwardedIn forwardedTerm: Term)
        throws(RaftError)
    {
        func drop(_ reason: ProposalDropReason) -> RaftError {
            counters.proposalsDropped += 1
            return .proposalDropped(reason)
        }
        if entries.isEmpty { throw drop(.empty) }
        switch role {
        case .leader:
            if forwardedTerm != term { throw drop(.forwardedInAnotherTerm) }
            if tracker.progress[id] == nil { throw drop(.notMember) }
            if leadTransferee != .none { throw drop(.leadershipTransfer) }
            var changePosition: Int?
            for position in entries.indices where entries[position].kind == .confChange {
                if changePosition != nil { throw drop(.invalidMembershipChange) }
                changePosition = position
            }
            if let position = changePosition, let reason = refusalOfConfChange(entries[position]) { throw drop(reason) }
            let first = log.lastIndex + 1
            // Handed over, not copied: the proposal's array becomes the log's entries.
            appendEntries(consume entries)
            if let position = changePosition { pendingConfIndex = first + Index(position) }
            if proposer != id { tracker.progress[proposer]?.commitWanted = log.lastIndex }
            // Sent when the Ready is taken: proposals made before it share one append
            // per follower instead of one each.
            appendBroadcastPending = true
        case .follower:
            if leader == .none { throw drop(.noLeader) }
            if config.disableProposalForwarding { throw drop(.forwardingDisabled) }
            send(.propose(entries: entries), to: leader, term: forwardedTerm)
        case .candidate, .preCandidate:
            throw drop(.electionInProgress)
        }
    }

    /// Assigns the leader's term and the next indexes and appends. Without parallel
    /// leader writes it counts the leader's own copy now (the Ready contract sends
    /// nothing that depends on it before the write is durable); with them, once the
    /// caller reports the write durable (``persisted(through:term:)``).
    mutating func appendEntries(_ entries: consuming [Entry]) {
        var entries = consume entries
        let previous = log.lastIndex
        for position in entries.indices {
            entries[position].term = term
            entries[position].index = previous + 1 + Index(position)
        }
        let last = log.append(consume entries)
        if !config.parallelLeaderWrites {
            _ = tracker.progress[id]?.maybeUpdate(last)
            _ = maybeCommit()
        }
    }

    /// The caller made the log durable through (`index`, `term`). A leader with
    /// parallel writes counts its own copy only now, which may commit entries.
    mutating func persisted(through index: Index, term entryTerm: Term) {
        guard config.parallelLeaderWrites, role == .leader, (try? log.term(at: index)) == entryTerm,
            tracker.progress[id]?.maybeUpdate(index) == true
        else { return }
        if maybeCommit() {
            releasePendingReadIndexes()
            announceCommit()
        }
    }

    /// Whether this leader's followers may receive entries before its own copy is
    /// durable. A leader that loses such entries in a crash is no longer the most
    /// up-to-date node, so one of the followers that hold them must be able to win
    /// an election. That holds when every node that can receive them is a voter that
    /// campaigns, in the configuration the group will elect with: no witnesses (they
    /// vote but never campaign), no joint configuration and no configuration change
    /// in the log that this leader has not applied (a node whose removal or addition
    /// is in flight may see itself outside the group and not campaign, while others
    /// still need its vote: found by the simulator, seed 5024305, before removed voters
    /// campaigned; see ``isRemoved``). Every follower that receives a newer entry learns
    /// a commit index at least as high as the leader's configuration, so it applies that
    /// configuration too. The caller checks that the term and vote are already durable
    /// (a leader throughout).
    var mayOutrunItsOwnWrites: Bool {
        guard role == .leader else { return false }
        return !tracker.confState.isJoint && tracker.confState.witnesses.isEmpty && pendingConfIndex <= log.applied
    }

    /// The last index the caller has made durable: everything before the unstable entries.
    var durableLastIndex: Index {
        min(log.lastIndex, log.unstable.offset - 1)
    }

    /// Commits the quorum's match index if it is an entry of this term.
    mutating func maybeCommit() -> Bool {
        let quorumIndex = tracker.committed()
        if config.flaw == .commitEarlierTermsByCounting, quorumIndex > log.committed, quorumIndex <= log.lastIndex {
            log.commit(to: quorumIndex)
            return true
        }
        return log.maybeCommit(quorumIndex, term: term)
    }

    // MARK: Replication

    /// Sends every other member its next entries, or an empty append carrying the commit
    /// index. With `announcingCommit` (the commit index just moved), an empty append to a
    /// member in the replicate state is quiet: its acknowledgements of everything sent
    /// are in flight or in, so an answer would tell nothing new. A lost acknowledgement
    /// is asked for again after the next heartbeat answer, with an append that is not quiet.
    mutating func broadcastAppend(announcingCommit: Bool = false) {
        for member in tracker.memberIDs where member != id {
            _ = maybeSendAppend(to: member, sendIfEmpty: true, quietIfEmpty: announcingCommit)
        }
    }

    /// Tells the followers that the commit index moved: every one at once, or with lazy
    /// announcements only those with entries to send (the append carries it) and those
    /// waiting for it (``Progress/commitWanted``); the others learn it from the next
    /// append or heartbeat.
    mutating func announceCommit() {
        guard config.lazyCommitAnnouncements else { return broadcastAppend(announcingCommit: true) }
        for member in tracker.memberIDs where member != id {
            if maybeSendAppend(to: member, sendIfEmpty: false) { continue }
            if let progress = tracker.progress[member], progress.commitSent < progress.commitWanted,
                progress.commitWanted <= log.committed
            {
                _ = maybeSendAppend(to: member, sendIfEmpty: true, quietIfEmpty: true)
            }
        }
    }

    mutating func sendAppend(to member: NodeID) {
        _ = maybeSendAppend(to: member, sendIfEmpty: true)
    }

    /// Sends the next batch of entries to `member` if its flow control allows;
    /// returns whether a message went out. Falls back to a snapshot when the
    /// entries it needs were compacted.
    mutating func maybeSendAppend(to member: NodeID, sendIfEmpty: Bool, quietIfEmpty: Bool = false) -> Bool {
        guard var progress = tracker.progress[member], !progress.isPaused else { return false }
        defer { tracker.progress[member] = progress }
        let prevIndex = progress.next - 1
        let prevTerm: Term
        var entries: [Entry] = []
        do {
            prevTerm = try log.term(at: prevIndex)
            if progress.state != .replicate || !progress.inflights.isFull {
                entries = try log.entries(from: progress.next, maxSizeBytes: config.maxSizePerMessageBytes)
            }
        } catch {
            return maybeSendSnapshot(to: member, progress: &progress)
        }
        if entries.isEmpty && !sendIfEmpty { return false }
        if tracker.confState.witnesses.contains(member) { entries = entries.forWitness }
        let quiet = quietIfEmpty && entries.isEmpty && progress.state == .replicate
        let append = AppendEntries(prevIndex: prevIndex, prevTerm: prevTerm, entries: entries, commit: log.committed, quiet: quiet)
        send(.appendEntries(append), to: member)
        progress.sentEntries(entries.count, sizeBytes: entries.payloadSizeBytes)
        progress.sentCommit(log.committed)
        return true
    }

    private mutating func maybeSendSnapshot(to member: NodeID, progress: inout Progress) -> Bool {
        // A follower not heard from recently may be down; do not waste a snapshot.
        guard progress.recentActive else { return false }
        guard var snapshot = try? log.storage.snapshot(), !snapshot.isEmpty else { return false }
        progress.becomeSnapshot(snapshot.metadata.index)
        if tracker.confState.witnesses.contains(member) { snapshot.data = [] }
        send(.snapshot(snapshot), to: member)
        return true
    }

    mutating func broadcastHeartbeat(context: [UInt8]) {
        for member in tracker.memberIDs where member != id {
            // Never tell a follower to commit beyond what it is known to hold.
            let commit = min(tracker.progress[member]?.match ?? 0, log.committed)
            send(.heartbeat(commit: commit, context: context), to: member)
            tracker.progress[member]?.sentCommit(commit)
        }
    }

    // MARK: Leader step

    mutating func stepLeader(_ message: Message) throws(RaftError) {
        guard var progress = tracker.progress[message.from] else { return }
        switch message.kind {
        case .appendResponse(let response):
            if response.index > log.lastIndex && response.rejection == nil {
                // An acknowledgement of entries this leader never had is bad input.
                counters.indexesOutOfRange += 1
                throw .indexOutOfRange(response.index)
            }
            progress.recentActive = true
            tracker.progress[message.from] = progress
            handleAppendResponse(response, from: message.from)
        case .heartbeatResponse(let context):
            progress.recentActive = true
            progress.flowPaused = false
            tracker.progress[message.from] = progress
            if progress.match < log.lastIndex || progress.state == .probe {
                sendAppend(to: message.from)
            }
            if Self.isLeaseContext(context) {
                handleLeaseAck(context: context, from: message.from)
            } else if !context.isEmpty {
                handleReadIndexAck(context: context, from: message.from)
            }
        default:
            break
        }
    }

    private mutating func handleAppendResponse(_ response: AppendResponse, from member: NodeID) {
        guard var progress = tracker.progress[member] else { return }
        if let rejection = response.rejection {
            // Skip every entry of a term the follower cannot hold (fast back-off):
            // probe at the last index where the terms can agree.
            var nextProbe = rejection.hintIndex
            if rejection.hintTerm > 0 {
                nextProbe = log.findConflictByTerm(rejection.hintIndex, rejection.hintTerm).0
            }
            if progress.maybeDecrease(rejected: response.index, matchHint: nextProbe) {
                if progress.state == .replicate { progress.becomeProbe() }
                tracker.progress[member] = progress
                sendAppend(to: member)
            }
            return
        }
        let wasPaused = progress.isPaused
        guard progress.maybeUpdate(response.index) || (progress.match == response.index && progress.state == .probe) else {
            return
        }
        switch progress.state {
        case .probe:
            progress.becomeReplicate()
        case .snapshot where progress.match + 1 >= log.firstIndex:
            progress.becomeProbe()
            progress.becomeReplicate()
        case .replicate:
            progress.inflights.free(through: response.index)
        case .snapshot:
            break
        }
        tracker.progress[member] = progress
        if maybeCommit() {
            releasePendingReadIndexes()
            announceCommit()
        } else if wasPaused {
            sendAppend(to: member)
        }
        // The window may have opened for several batches at once; each call sends
        // one batch or returns false, and the log is finite.
        while maybeSendAppend(to: member, sendIfEmpty: false) {}
        if member == leadTransferee && tracker.progress[member]?.match == log.lastIndex {
            sendTimeoutNow(to: member)
        }
    }

    /// With check-quorum: step down unless a quorum was heard from this period.
    mutating func checkQuorum() {
        if !tracker.quorumActive(leader: id) {
            becomeFollower(term: term, leader: .none)
            return
        }
        for member in tracker.memberIDs where member != id {
            tracker.progress[member]?.recentActive = false
        }
    }

    // MARK: Leadership transfer

    /// Asks the leader to hand leadership to `target`: it stops taking proposals,
    /// brings `target`'s log up to date, then tells it to campaign at once. Gives up
    /// after an election timeout.
    public mutating func transferLeadership(to target: NodeID) {
        guard role == .leader, target != id, let progress = tracker.progress[target], !progress.isLearner,
            !tracker.confState.witnesses.contains(target)
        else { return }
        if leadTransferee == target { return }
        leadTransferee = target
        electionElapsed = 0
        if progress.match == log.lastIndex {
            sendTimeoutNow(to: target)
        } else {
            sendAppend(to: target)
        }
    }

    /// Tells an up-to-date transferee to campaign now. The lease ends here: the
    /// transferee may be elected at once. A leader that is no longer a voter has
    /// handed over and steps down (the new leader will not contact it).
    private mutating func sendTimeoutNow(to target: NodeID) {
        leaseGivenUp = true
        send(.timeoutNow, to: target)
        if !tracker.isVoter(id) {
            becomeFollower(term: term, leader: .none)
        }
    }

    // MARK: Feedback from the transport

    /// The transport could not deliver to `member`: stop pipelining to it.
    public mutating func reportUnreachable(_ member: NodeID) {
        guard role == .leader, var progress = tracker.progress[member] else { return }
        if progress.state == .replicate { progress.becomeProbe() }
        tracker.progress[member] = progress
    }

    /// The transport finished (or failed) sending a snapshot to `member`.
    public mutating func reportSnapshot(to member: NodeID, failed: Bool) {
        guard role == .leader, var progress = tracker.progress[member], progress.state == .snapshot else { return }
        if failed { progress.pendingSnapshot = 0 }
        progress.becomeProbe()
        // Wait for the follower's answer (or a heartbeat) before probing again.
        progress.flowPaused = true
        tracker.progress[member] = progress
    }
}
