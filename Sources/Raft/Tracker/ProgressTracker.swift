/// The membership as the leader counts it, every member's ``Progress``, and the
/// votes of the current election.
struct ProgressTracker: Sendable {
    private(set) var voters: JointConfig
    private(set) var learners: Set<NodeID>
    var progress: [NodeID: Progress] = [:]
    private(set) var votes: [NodeID: Bool] = [:]
    let inflightCountMax: Int
    let inflightSizeBytesMax: UInt64

    init(confState: ConfState, inflightCountMax: Int, inflightSizeBytesMax: UInt64) {
        self.voters = JointConfig(
            incoming: MajorityConfig(confState.voters),
            outgoing: MajorityConfig(confState.votersOutgoing)
        )
        self.learners = confState.learners.union(confState.learnersNext)
        self.inflightCountMax = inflightCountMax
        self.inflightSizeBytesMax = inflightSizeBytesMax
        for id in voters.ids { progress[id] = newProgress(next: 1, isLearner: false) }
        for id in learners { progress[id] = newProgress(next: 1, isLearner: true) }
        voterIDs = voters.ids.sorted()
        memberIDs = progress.keys.sorted()
    }

    func newProgress(next: Index, isLearner: Bool) -> Progress {
        Progress(
            next: next,
            inflights: Inflights(countMax: inflightCountMax, sizeBytesMax: inflightSizeBytesMax),
            isLearner: isLearner
        )
    }

    var confState: ConfState {
        ConfState(voters: voters.incoming.voters, learners: learners, votersOutgoing: voters.outgoing.voters)
    }

    func isVoter(_ id: NodeID) -> Bool { voters.ids.contains(id) }

    /// Voters in ascending order, so that messages go out in a repeatable order
    /// (Set and Dictionary order changes from process to process).
    private(set) var voterIDs: [NodeID] = []

    /// Every tracked member (voters and learners) in ascending order.
    private(set) var memberIDs: [NodeID] = []

    /// Every voter is `id` alone: a one-member group commits by itself.
    func isSingleton(_ id: NodeID) -> Bool {
        voters.outgoing.isEmpty && voters.incoming.voters == [id]
    }

    /// The highest index a quorum of voters has replicated.
    func committed() -> Index {
        voters.committedIndex { progress[$0]?.match }
    }

    /// Whether a quorum of voters was active since the last check (the leader itself
    /// counts as active).
    func quorumActive(leader: NodeID) -> Bool {
        var active: [NodeID: Bool] = [:]
        for (id, entry) in progress where !entry.isLearner {
            active[id] = id == leader || entry.recentActive
        }
        return voters.voteResult(active) == .won
    }

    mutating func resetVotes() {
        votes.removeAll(keepingCapacity: true)
    }

    /// Records the first vote of `id` in this election; later duplicates are ignored.
    mutating func recordVote(_ id: NodeID, granted: Bool) {
        if votes[id] == nil { votes[id] = granted }
    }

    func tallyVotes() -> VoteResult {
        voters.voteResult(votes)
    }

    /// Resets every member's progress to "unknown, next after `lastIndex`".
    mutating func resetProgress(lastIndex: Index, selfID: NodeID) {
        for (id, entry) in progress {
            var fresh = newProgress(next: lastIndex + 1, isLearner: entry.isLearner)
            if id == selfID { fresh.match = lastIndex }
            progress[id] = fresh
        }
    }
}
