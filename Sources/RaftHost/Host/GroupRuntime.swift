import Logging
import Metrics
import Raft

/// One group on a ``NodeHost``: its engine, storage, state machine and the callers
/// waiting on it. Owned and touched only by the host's run loop.
final class GroupRuntime {
    struct PendingProposal {
        var deadline: ContinuousClock.Instant
        var waiter: Waiter<StateMachineResult>
        /// The term it was proposed in, the only term its entry can have (the engine
        /// appends forwarded proposals only in the term they were forwarded in). Nil
        /// once a snapshot of that term or a later one was installed: the proposal may
        /// be inside it, so only its deadline ends the wait.
        var term: Term?
    }

    struct PendingRead {
        var query: [UInt8]
        var deadline: ContinuousClock.Instant
        var waiter: Waiter<[UInt8]>
        /// The tick count when the ReadIndex request was last sent (it is sent again
        /// every election timeout until answered: a request in flight to a leader that
        /// lost its role is gone).
        var issuedAtTick: UInt64
        /// Set once the leader answered: serve when applied reaches it.
        var index: Index?
    }

    struct PendingMembershipChange {
        var change: ConfChange
        var deadline: ContinuousClock.Instant
        var waiter: Waiter<Void>
    }

    let id: GroupID
    var node: RawNode<DurableLogStorage>
    let storage: DurableLogStorage
    let stateMachine: any StateMachine
    let options: GroupOptions
    /// The last entry the state machine reflects.
    var applied: Index
    /// Entries at or below this index are already in an on-disk state machine (it
    /// reported them from `open()`); they are not applied again.
    var stateMachineFloor: Index
    /// The snapshot the log is compacted to (the storage's).
    var snapshotIndex: Index
    /// The index of the newest snapshot taken, compacted to or held.
    var lastSnapshotTaken: Index
    /// Snapshots taken, oldest first, that the log is not compacted to yet because
    /// fewer than `entriesKeptAfterCompaction` entries were applied after them.
    var heldSnapshots: [Snapshot] = []
    /// The index of the snapshot the worker is serializing and writing, if any.
    var snapshotInFlight: Index?
    var proposals: [UInt64: PendingProposal] = [:]
    /// No pending proposal has an older term (`Term.max` if none has one): when an
    /// entry of a later term applies, the proposals of earlier terms that have not
    /// applied never will, and fail at once instead of at their deadline.
    var oldestProposalTerm: Term = .max
    var reads: [UInt64: PendingRead] = [:]
    var membershipChange: PendingMembershipChange?
    var softState: SoftState
    var ticks: UInt64 = 0
    /// Why the group stopped (a state machine or storage failure); it then refuses calls.
    var failure: NodeHostError?
    let applyLag: Gauge
    var logger: Logger

    init(
        id: GroupID, node: RawNode<DurableLogStorage>, storage: DurableLogStorage, stateMachine: any StateMachine,
        options: GroupOptions, applied: Index, stateMachineFloor: Index, applyLag: Gauge, logger: Logger
    ) {
        self.id = id
        self.node = node
        self.storage = storage
        self.stateMachine = stateMachine
        self.options = options
        self.applied = applied
        self.stateMachineFloor = stateMachineFloor
        self.snapshotIndex = storage.snapshot().metadata.index
        self.lastSnapshotTaken = snapshotIndex
        self.softState = node.raft.softState
        self.applyLag = applyLag
        self.logger = logger
    }

    /// Fails every waiter of this group with `error`.
    func failAll(_ error: NodeHostError) {
        for pending in proposals.values { pending.waiter.fail(error) }
        for pending in reads.values { pending.waiter.fail(error) }
        membershipChange?.waiter.fail(error)
        proposals = [:]
        oldestProposalTerm = .max
        reads = [:]
        membershipChange = nil
    }

    /// Waits for a proposal made in `term`.
    func addProposal(_ sequence: UInt64, term: Term, deadline: ContinuousClock.Instant, waiter: Waiter<StateMachineResult>) {
        proposals[sequence] = PendingProposal(deadline: deadline, waiter: waiter, term: term)
        oldestProposalTerm = min(oldestProposalTerm, term)
    }

    /// An entry of `term` applied: every pending proposal of an earlier term is lost
    /// (logs hold terms in order, so each entry it could have become applied before).
    func failProposals(before term: Term) {
        for (sequence, pending) in proposals {
            guard let proposed = pending.term, proposed < term else { continue }
            pending.waiter.fail(.proposalLost)
            proposals[sequence] = nil
        }
        recountOldestProposalTerm()
    }

    /// A snapshot through `term` was installed: proposals of that term or earlier may be
    /// inside it, so they can no longer be called lost.
    func forgetProposalTerms(through term: Term) {
        for (sequence, pending) in proposals where (pending.term ?? .max) <= term { proposals[sequence]?.term = nil }
        recountOldestProposalTerm()
    }

    private func recountOldestProposalTerm() {
        oldestProposalTerm = proposals.values.lazy.compactMap(\.term).min() ?? .max
    }

    /// Fails the waiters whose deadline passed with `.timeout`.
    func expire(now: ContinuousClock.Instant) {
        for (key, pending) in proposals where pending.deadline <= now {
            pending.waiter.fail(.timeout)
            proposals[key] = nil
        }
        for (key, pending) in reads where pending.deadline <= now {
            pending.waiter.fail(.timeout)
            reads[key] = nil
        }
        if let change = membershipChange, change.deadline <= now {
            change.waiter.fail(.timeout)
            membershipChange = nil
        }
    }

    /// Asks the engine again for the reads the leader has not answered within an
    /// election timeout.
    func reissueReads() {
        let interval = UInt64(options.electionTicks)
        for (key, pending) in reads where pending.index == nil && ticks - pending.issuedAtTick >= interval {
            reads[key]?.issuedAtTick = ticks
            node.readIndex(context: Self.readContext(key))
        }
    }

    /// Answers the reads whose index has been applied, from the state machine.
    func serveReads() {
        for (key, pending) in reads {
            guard let index = pending.index, index <= applied else { continue }
            reads[key] = nil
            do {
                pending.waiter.succeed(try stateMachine.lookup(pending.query))
            } catch {
                pending.waiter.fail(.stateMachine(error.message))
            }
        }
    }

    /// ReadIndex contexts: a tag byte (never the engine's lease prefix `0xFF`) and the
    /// read's sequence number.
    static func readContext(_ sequence: UInt64) -> [UInt8] {
        var context: [UInt8] = [0x52]
        withUnsafeBytes(of: sequence.littleEndian) { context.append(contentsOf: $0) }
        return context
    }

    static func readSequence(_ context: [UInt8]) -> UInt64? {
        guard context.count == 9, context[0] == 0x52 else { return nil }
        var sequence: UInt64 = 0
        for shift in 0..<8 { sequence |= UInt64(context[1 + shift]) << (8 * shift) }
        return sequence
    }

    /// The group's status; `address` says where a member's host listens.
    func status(address: (NodeID) -> PeerAddress?) -> GroupStatus {
        let raft = node.raft
        let conf = raft.confState
        var members: [NodeID: GroupStatus.Member.Role] = [:]
        for voter in conf.voters.union(conf.votersOutgoing) { members[voter] = .voter }
        for learner in conf.learners.union(conf.learnersNext) where members[learner] == nil { members[learner] = .learner }
        for witness in conf.witnesses { members[witness] = .witness }
        let lastIndex = raft.lastIndex
        return GroupStatus(
            group: id, node: raft.id, leader: raft.leader, term: raft.term, role: raft.role,
            commitIndex: raft.committedIndex, appliedIndex: applied, lastIndex: lastIndex,
            lastTerm: (try? storage.term(at: lastIndex)) ?? 0, snapshotIndex: snapshotIndex,
            members: members.sorted { $0.key < $1.key }.map {
                GroupStatus.Member(node: $0.key, role: $0.value, address: address($0.key))
            })
    }
}
