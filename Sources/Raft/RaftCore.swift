/// One member of one Raft group as a pure state machine (etcd-raft's `raft` struct).
///
/// The caller feeds it messages (``step(_:)``), clock ticks (``tick()``) and
/// proposals (``propose(_:)``); it answers with state changes and outgoing
/// messages that ``RawNode`` packs into a ``Ready``. It performs no I/O and reads
/// no clock, and its only randomness comes from ``RaftConfig/randomSeed``.
public struct RaftCore<Storage: LogStorage> {
    public let id: NodeID
    public internal(set) var term: Term = 0
    /// Whom this node voted for in `term`.
    public internal(set) var vote: NodeID = .none
    public internal(set) var leader: NodeID = .none
    public internal(set) var role: RaftRole = .follower
    public internal(set) var counters = RaftCounters()

    var log: RaftLog<Storage>
    var tracker: ProgressTracker
    /// Outgoing messages, in the order produced; drained by ``RawNode``.
    var messages: [Message] = []

    let config: RaftConfig
    var random: SplitMix64
    /// Ticks since the last election timeout reset (followers and candidates), or
    /// since the last check-quorum period (leaders).
    var electionElapsed = 0
    var heartbeatElapsed = 0
    var randomizedElectionTimeout = 0
    /// The target of a leadership transfer in progress, or none.
    var leadTransferee: NodeID = .none
    var readOnly = ReadOnly()
    var readStates: [ReadState] = []
    /// The index of the last membership change a leader appended: until it is
    /// applied, no other change is accepted.
    var pendingConfIndex: Index = 0
    /// This node applied a membership change that removed it while it was a voter and
    /// not a witness (its log then holds every payload). Kept in memory only: after a
    /// restart a removed node no longer campaigns.
    var removedAsVoter = false
    /// A leader appended proposals whose appends are sent when the Ready is taken.
    var appendBroadcastPending = false
    /// Ticks since this node became leader (the lease clock).
    var leaderTicks = 0
    /// The lease ends when `leaderTicks` reaches this.
    var leaseExpiryTicks = 0
    /// The highest heartbeat send tick each voter acknowledged, this term.
    var leaseAckedTicks: [NodeID: UInt64] = [:]
    /// Set when this leader sent TimeoutNow: the transferee may be elected at once.
    var leaseGivenUp = false
    /// Ticks since start, counted up to `electionTicks`.
    var ticksSinceStart = 0
    /// Reads that arrived before this leader committed an entry of its term.
    var pendingReadIndexes: [(requester: NodeID, context: [UInt8])] = []

    public init(config: RaftConfig, storage: Storage) throws(RaftError) {
        try config.validate()
        self.id = config.id
        self.config = config
        self.random = SplitMix64(seed: config.randomSeed)
        let hardState: HardState
        let confState: ConfState
        do {
            log = try RaftLog(storage: storage, maxApplyingSizeBytes: config.maxCommittedSizePerReadyBytes)
            (hardState, confState) = try storage.initialState()
        } catch {
            throw .storage(error)
        }
        tracker = ProgressTracker(
            confState: confState,
            inflightCountMax: config.maxInflightMessages,
            inflightSizeBytesMax: config.maxInflightBytes
        )
        if !hardState.isEmpty {
            if hardState.commit < log.committed || hardState.commit > log.lastIndex {
                throw .corruptState("commit \(hardState.commit) outside \(log.committed)...\(log.lastIndex)")
            }
            log.commit(to: hardState.commit)
            term = hardState.term
            vote = hardState.vote
        }
        if config.applied > 0 {
            if config.applied > log.committed {
                throw .corruptState("applied \(config.applied) beyond commit \(log.committed)")
            }
            log.applied(to: config.applied)
        }
        becomeFollower(term: term, leader: .none)
    }

    // MARK: Observing

    public var hardState: HardState {
        HardState(term: term, vote: vote, commit: log.committed)
    }

    public var softState: SoftState {
        SoftState(leader: leader, role: role)
    }

    public var committedIndex: Index { log.committed }
    public var appliedIndex: Index { log.applied }
    public var lastIndex: Index { log.lastIndex }
    public var confState: ConfState { tracker.confState }

    /// A voter that is not waiting for a snapshot may campaign; a witness never does,
    /// nor does a node whose log ends in withheld payloads (a former witness). A node
    /// removed from the group may too, but only through a pre-vote (``isRemoved``).
    var isPromotable: Bool {
        guard log.unstable.snapshot == nil else { return false }
        if !isRemoved {
            guard let own = tracker.progress[id], !own.isLearner, !tracker.confState.witnesses.contains(id) else { return false }
        }
        return (try? log.entries(from: log.lastIndex, maxSizeBytes: .max).first?.kind) != .metadata
    }

    /// Removed from the group while a full voter (``removedAsVoter``). Such a node may
    /// hold the most complete log, e.g. a leader that removed itself through a joint
    /// configuration and lost its quorum before the voters learned the leave had
    /// committed; a voter still in the joint configuration then needs its vote, which
    /// it refuses to a shorter log, and no voter can win (simulator seed 20002537).
    /// So it campaigns, always through a pre-vote (which changes no one's term and
    /// wins only while its log is at least as complete as a quorum's), and if elected
    /// hands leadership to a voter at once. A removed witness never does: its log
    /// lacks the payloads (seed 20000832 shows what happens if it leads).
    var isRemoved: Bool {
        removedAsVoter && tracker.progress[id] == nil
    }

    // MARK: Clock

    /// Advances the logical clock by one tick: followers and candidates may start an
    /// election, leaders send heartbeats and check their quorum.
    public mutating func tick() {
        if ticksSinceStart < config.electionTicks { ticksSinceStart += 1 }
        if role == .leader {
            tickHeartbeat()
        } else {
            tickElection()
        }
    }

    private mutating func tickElection() {
        electionElapsed += 1
        if isPromotable && electionElapsed >= randomizedElectionTimeout {
            electionElapsed = 0
            hup(transfer: false)
        }
    }

    private mutating func tickHeartbeat() {
        leaderTicks += 1
        heartbeatElapsed += 1
        electionElapsed += 1
        if electionElapsed >= config.electionTicks {
            electionElapsed = 0
            if config.checkQuorum { checkQuorum() }
            if role == .leader && leadTransferee != .none {
                // The transfer did not finish within an election timeout.
                leadTransferee = .none
                handOffLeadershipIfNotVoter()
            }
        }
        guard role == .leader else { return }
        // A leave that could not be proposed when the change applied (a transfer
        // was in progress) is retried here, not only when entries apply.
        maybeLeaveJointAutomatically()
        if heartbeatElapsed >= config.heartbeatTicks {
            heartbeatElapsed = 0
            broadcastHeartbeat(context: leaseHeartbeatContext)
        }
    }

    // MARK: Role transitions

    mutating func reset(term newTerm: Term) {
        if term != newTerm {
            precondition(newTerm > term, "term must not decrease: \(term) -> \(newTerm)")
            term = newTerm
            vote = .none
        }
        leader = .none
        electionElapsed = 0
        heartbeatElapsed = 0
        randomizedElectionTimeout = config.electionTicks + Int.random(in: 0..<config.electionTicks, using: &random)
        leadTransferee = .none
        tracker.resetVotes()
        // A new leader's own match is what it holds durably when it counts only that.
        let ownMatch = config.parallelLeaderWrites ? durableLastIndex : log.lastIndex
        tracker.resetProgress(lastIndex: log.lastIndex, selfID: id, ownMatch: ownMatch)
        readOnly = ReadOnly()
        pendingReadIndexes.removeAll()
        leaderTicks = 0
        leaseExpiryTicks = 0
        leaseAckedTicks.removeAll()
        leaseGivenUp = false
        appendBroadcastPending = false
    }

    mutating func becomeFollower(term newTerm: Term, leader newLeader: NodeID) {
        reset(term: newTerm)
        leader = newLeader
        role = .follower
    }

    mutating func becomePreCandidate() {
        precondition(role != .leader, "leader cannot become pre-candidate")
        // Neither the term nor the vote changes: a pre-vote must not disrupt anyone.
        tracker.resetVotes()
        leader = .none
        role = .preCandidate
    }

    mutating func becomeCandidate() {
        precondition(role != .leader, "leader cannot become candidate")
        reset(term: term + 1)
        vote = id
        role = .candidate
    }

    mutating func becomeLeader() {
        precondition(role != .follower, "follower cannot become leader without an election")
        reset(term: term)
        leader = id
        role = .leader
        tracker.progress[id]?.becomeReplicate()
        tracker.progress[id]?.recentActive = true
        // The log may hold an unapplied membership change: wait for it.
        pendingConfIndex = log.lastIndex
        // An entry of the new term lets earlier entries commit (Raft §5.4.2) and
        // lets ReadIndex know the commit index is current.
        appendEntries([Entry(term: 0, index: 0)])
        handOffLeadershipIfNotVoter()
    }

    // MARK: Sending

    /// Sends the appends that proposals since the last Ready deferred.
    mutating func flushPendingAppends() {
        guard appendBroadcastPending else { return }
        appendBroadcastPending = false
        guard role == .leader else { return }
        for member in tracker.memberIDs where member != id {
            // Fill the window: a Ready's proposals may need several appends.
            while maybeSendAppend(to: member, sendIfEmpty: false) {}
        }
    }

    mutating func send(_ kind: Message.Kind, to: NodeID, term messageTerm: Term? = nil) {
        let envelopeTerm: Term
        switch kind {
        case .readIndex:
            // Forwarded reads are not tied to the sender's term (etcd-raft).
            envelopeTerm = 0
        default:
            envelopeTerm = messageTerm ?? term
        }
        messages.append(Message(from: id, to: to, term: envelopeTerm, kind: kind))
    }
}
