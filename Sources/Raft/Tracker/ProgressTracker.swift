/// The membership as the leader counts it, every member's ``Progress``, and the
/// votes of the current election.
struct ProgressTracker: Sendable {
    /// The membership in force (the latest one applied, or restored).
    private(set) var config: ConfState
    private(set) var voters: JointConfig
    var progress: [NodeID: Progress] = [:]
    private(set) var votes: [NodeID: Bool] = [:]
    let inflightCountMax: Int
    let inflightSizeBytesMax: UInt64

    init(confState: ConfState, inflightCountMax: Int, inflightSizeBytesMax: UInt64) {
        self.config = ConfState()
        self.voters = JointConfig()
        self.inflightCountMax = inflightCountMax
        self.inflightSizeBytesMax = inflightSizeBytesMax
        switchConfig(to: confState, lastIndex: 0)
    }

    /// Puts a new membership in force: members that stay keep their progress, new
    /// ones start probing after `lastIndex`, departed ones are forgotten.
    mutating func switchConfig(to newConfig: ConfState, lastIndex: Index) {
        config = newConfig
        voters = JointConfig(
            incoming: MajorityConfig(newConfig.voters),
            outgoing: MajorityConfig(newConfig.votersOutgoing)
        )
        let voterSet = voters.ids
        let members = voterSet.union(newConfig.learners).union(newConfig.learnersNext)
        for id in progress.keys where !members.contains(id) {
            progress[id] = nil
        }
        for id in members {
            let isLearner = !voterSet.contains(id)
            if progress[id] == nil {
                var fresh = newProgress(next: lastIndex + 1, isLearner: isLearner)
                // A new member counts as active until it had a chance to answer.
                fresh.recentActive = true
                progress[id] = fresh
            } else {
                progress[id]!.isLearner = isLearner
            }
        }
        voterIDs = voterSet.sorted()
        memberIDs = members.sorted()
    }

    func newProgress(next: Index, isLearner: Bool) -> Progress {
        Progress(
            next: next,
            inflights: Inflights(countMax: inflightCountMax, sizeBytesMax: inflightSizeBytesMax),
            isLearner: isLearner
        )
    }

    var confState: ConfState { config }

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

    /// Resets every member's progress to "unknown, next after `lastIndex`"; this
    /// node's own match becomes `ownMatch`.
    mutating func resetProgress(lastIndex: Index, selfID: NodeID, ownMatch: Index) {
        for (id, entry) in progress {
            var fresh = newProgress(next: lastIndex + 1, isLearner: entry.isLearner)
            if id == selfID { fresh.match = ownMatch }
            progress[id] = fresh
        }
    }
}
