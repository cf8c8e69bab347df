extension RaftCore {
    /// Takes one message from a peer. Messages from older terms, for other nodes,
    /// or responses from unknown peers are refused (counted, and thrown where the
    /// caller can act on it); the engine's state is unchanged by refused input.
    public mutating func step(_ message: Message) throws(RaftError) {
        guard message.to == id else {
            counters.wrongRecipientMessages += 1
            throw .wrongRecipient(message.to)
        }
        if message.kind.isResponse && tracker.progress[message.from] == nil {
            counters.unknownPeerMessages += 1
            throw .unknownPeer(message.from)
        }
        switch message.kind {
        case .propose(let entries):
            return try handleProposal(entries, from: message.from, forwardedIn: message.term)
        case .readIndex(let context):
            return handleReadIndex(context: context, from: message.from)
        default:
            break
        }
        if message.term == 0 {
            counters.missingTermMessages += 1
            throw .missingTerm
        }
        try validateShape(message)
        guard try checkTerm(message) else { return }

        switch message.kind {
        case .requestVote(let request):
            handleVoteRequest(request, from: message.from, term: message.term, isPreVote: false)
        case .preVote(let request):
            handleVoteRequest(request, from: message.from, term: message.term, isPreVote: true)
        default:
            switch role {
            case .leader: try stepLeader(message)
            case .candidate, .preCandidate: try stepCandidate(message)
            case .follower: try stepFollower(message)
            }
        }
    }

    /// Refuses malformed payloads before they can change the term or the leader.
    private mutating func validateShape(_ message: Message) throws(RaftError) {
        switch message.kind {
        case .appendEntries(let append):
            for (offset, entry) in append.entries.enumerated() where entry.index != append.prevIndex + 1 + Index(offset) {
                counters.indexesOutOfRange += 1
                throw .indexOutOfRange(entry.index)
            }
        case .snapshot(let snapshot):
            let metadata = snapshot.metadata
            if metadata.index == 0 || metadata.term == 0 || metadata.term > message.term || metadata.confState.voters.isEmpty {
                counters.invalidSnapshots += 1
                throw .invalidSnapshot
            }
        default:
            break
        }
    }

    /// Reconciles terms before a message is handled (Raft §5.1): a newer term makes
    /// this node a follower (except for pre-votes, which change nothing); an older
    /// term is ignored, or answered so that a stale leader or pre-candidate learns
    /// the newer term. Returns whether to go on handling the message.
    private mutating func checkTerm(_ message: Message) throws(RaftError) -> Bool {
        if message.term > term {
            switch message.kind {
            case .requestVote(let request), .preVote(let request):
                // Inside a leader lease (check-quorum), a vote request is a
                // disruption by a node that cannot reach the leader: ignore it,
                // unless a leadership transfer asked for it.
                let inLease = (config.checkQuorum && leader != .none && electionElapsed < config.electionTicks)
                    || inStartupVoteGrace
                if inLease && !request.isTransfer {
                    counters.votesIgnoredInLease += 1
                    return false
                }
            default:
                break
            }
            switch message.kind {
            case .preVote:
                break  // Never change the term in response to a pre-vote.
            case .preVoteResponse(granted: true):
                break  // Granted pre-votes carry the term we would campaign in.
            case .appendEntries, .heartbeat, .snapshot:
                becomeFollower(term: message.term, leader: message.from)
            case .requestVote, .voteResponse, .preVoteResponse:
                // A newer term from a campaign, not from a leader: step down but keep
                // the election timer running (Raft's Figure 2 resets it only on hearing
                // from a leader or granting a vote). etcd-raft restarts it here, which
                // can leave the one node able to win forever a step behind a node that
                // cannot (simulator seed 4050480: a stale-config voter raising the term
                // every timeout; the real candidate, rejected and reset each round,
                // always campaigned just after it).
                let elapsed = role == .leader ? 0 : electionElapsed
                becomeFollower(term: message.term, leader: .none)
                electionElapsed = elapsed
            default:
                becomeFollower(term: message.term, leader: .none)
            }
            return true
        }
        if message.term < term {
            counters.staleTermMessages += 1
            switch message.kind {
            case .appendEntries, .heartbeat:
                // A leader partitioned away while we moved on would otherwise never
                // learn the new term: with check-quorum or pre-vote nobody would
                // raise it to that leader by a vote request. Tell it.
                if config.checkQuorum || config.preVote {
                    send(.appendResponse(AppendResponse(index: 0)), to: message.from)
                }
            case .preVote:
                send(.preVoteResponse(granted: false), to: message.from)
            case .requestVote:
                // Raft §5.1: answer with the newer term. etcd-raft stays silent here,
                // which can strand a group: a voter whose stale log lists other
                // members campaigns in ever higher terms without ever asking the
                // real candidate, who then never catches up to its term.
                send(.voteResponse(granted: false), to: message.from)
            default:
                break
            }
            return false
        }
        return true
    }

    private mutating func handleVoteRequest(_ request: VoteRequest, from candidate: NodeID, term requestTerm: Term, isPreVote: Bool) {
        // We may vote again for the node we voted for; vote if we have not voted and
        // know no leader; and may grant a pre-vote for a future term.
        let canVote = vote == candidate
            || (vote == .none && leader == .none)
            || (isPreVote && requestTerm > term)
        let granted = canVote && log.isUpToDate(lastIndex: request.lastIndex, lastTerm: request.lastTerm)
        if granted {
            // Answer in the candidate's term so that it counts the vote.
            send(isPreVote ? .preVoteResponse(granted: true) : .voteResponse(granted: true), to: candidate, term: requestTerm)
            if !isPreVote {
                electionElapsed = 0
                vote = candidate
            }
        } else {
            send(isPreVote ? .preVoteResponse(granted: false) : .voteResponse(granted: false), to: candidate)
            if !isPreVote && !canVote && role != .leader && log.isUpToDate(lastIndex: request.lastIndex, lastTerm: request.lastTerm) {
                // Our vote in this term is spent, but the candidate's log is at least as
                // complete as ours: let it campaign first next term by restarting our
                // own timer. Without this, a node that cannot win (simulator seed
                // 4050480: a voter whose stale log lists removed members) could keep
                // raising the term just ahead of the one that can, forever.
                electionElapsed = 0
            }
        }
    }

    private mutating func stepCandidate(_ message: Message) throws(RaftError) {
        switch message.kind {
        case .appendEntries(let append):
            becomeFollower(term: message.term, leader: message.from)
            try handleAppendEntries(append, from: message.from)
        case .heartbeat(let commit, let context):
            becomeFollower(term: message.term, leader: message.from)
            try handleHeartbeat(commit: commit, context: context, from: message.from)
        case .snapshot(let snapshot):
            becomeFollower(term: message.term, leader: message.from)
            handleSnapshot(snapshot, from: message.from)
        case .preVoteResponse(let granted) where role == .preCandidate:
            pollVote(from: message.from, granted: granted)
        case .voteResponse(let granted) where role == .candidate:
            pollVote(from: message.from, granted: granted)
        default:
            break  // Includes timeoutNow: a candidate is already campaigning.
        }
    }

    private mutating func pollVote(from voter: NodeID, granted: Bool) {
        tracker.recordVote(voter, granted: granted)
        switch tracker.tallyVotes() {
        case .won:
            if role == .preCandidate {
                campaign(transfer: false, preVote: false)
            } else {
                becomeLeader()
                broadcastAppend()
            }
        case .lost:
            becomeFollower(term: term, leader: .none)
        case .pending:
            break
        }
    }

    private mutating func stepFollower(_ message: Message) throws(RaftError) {
        switch message.kind {
        case .appendEntries(let append):
            electionElapsed = 0
            leader = message.from
            try handleAppendEntries(append, from: message.from)
        case .heartbeat(let commit, let context):
            electionElapsed = 0
            leader = message.from
            try handleHeartbeat(commit: commit, context: context, from: message.from)
        case .snapshot(let snapshot):
            electionElapsed = 0
            leader = message.from
            handleSnapshot(snapshot, from: message.from)
        case .timeoutNow:
            // The leader hands over leadership: campaign at once, even in its lease.
            hup(transfer: true)
        case .readIndexResponse(let index, let context):
            readStates.append(ReadState(index: index, context: context))
        default:
            break
        }
    }

    // MARK: Elections

    /// Starts an election now (etcd-raft's `MsgHup`), with a pre-vote first if
    /// configured (always, on a removed node). Leaders, learners and witnesses ignore it.
    public mutating func campaign() {
        hup(transfer: false)
    }

    mutating func hup(transfer: Bool) {
        guard role != .leader, isPromotable else { return }
        campaign(transfer: transfer, preVote: (config.preVote || isRemoved) && !transfer)
    }

    mutating func campaign(transfer: Bool, preVote: Bool) {
        let voteTerm: Term
        if preVote {
            becomePreCandidate()
            voteTerm = term + 1
        } else {
            becomeCandidate()
            voteTerm = term
        }
        // Our own vote is part of the hard state, persisted before the requests
        // below are sent (the Ready contract), so it counts at once.
        tracker.recordVote(id, granted: true)
        if tracker.tallyVotes() == .won {
            if preVote {
                campaign(transfer: transfer, preVote: false)
            } else {
                becomeLeader()
            }
            return
        }
        let request = VoteRequest(lastIndex: log.lastIndex, lastTerm: log.lastTerm, isTransfer: transfer)
        for voter in tracker.voterIDs where voter != id {
            send(preVote ? .preVote(request) : .requestVote(request), to: voter, term: voteTerm)
        }
    }
}
