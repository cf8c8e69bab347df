/// A set of voters deciding by simple majority.
struct MajorityConfig: Equatable, Sendable {
    var voters: Set<NodeID>

    init(_ voters: Set<NodeID> = []) {
        self.voters = voters
    }

    var isEmpty: Bool { voters.isEmpty }

    /// The largest index that a majority of voters have acknowledged (missing
    /// acknowledgements count as 0). An empty configuration commits everything, so
    /// that it is neutral inside a joint configuration.
    func committedIndex(_ acked: (NodeID) -> Index?) -> Index {
        if voters.isEmpty { return .max }
        // On the stack for any realistic group: this runs for every acknowledgement.
        return withUnsafeTemporaryAllocation(of: Index.self, capacity: voters.count) { buffer in
            var indexes = buffer
            var count = 0
            for voter in voters {
                indexes[count] = acked(voter) ?? 0
                count += 1
            }
            indexes.sort()
            // The quorum-th largest value: every voter at or above it forms a majority.
            return indexes[count - (count / 2 + 1)]
        }
    }

    /// Counts `votes` (true = granted) of this configuration's voters; votes of
    /// non-voters are ignored. An empty configuration wins.
    func voteResult(_ votes: [NodeID: Bool]) -> VoteResult {
        if voters.isEmpty { return .won }
        var granted = 0
        var missing = 0
        for id in voters {
            switch votes[id] {
            case true?: granted += 1
            case false?: break
            case nil: missing += 1
            }
        }
        let quorum = voters.count / 2 + 1
        if granted >= quorum { return .won }
        if granted + missing >= quorum { return .pending }
        return .lost
    }
}
