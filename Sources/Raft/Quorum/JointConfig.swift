/// Two majority configurations that must both agree: the incoming one and, during
/// a joint-consensus membership change, the outgoing one (empty otherwise).
struct JointConfig: Equatable, Sendable {
    var incoming: MajorityConfig
    var outgoing: MajorityConfig

    init(incoming: MajorityConfig = MajorityConfig(), outgoing: MajorityConfig = MajorityConfig()) {
        self.incoming = incoming
        self.outgoing = outgoing
    }

    /// Every voter of either half.
    var ids: Set<NodeID> { incoming.voters.union(outgoing.voters) }

    func committedIndex(_ acked: (NodeID) -> Index?) -> Index {
        min(incoming.committedIndex(acked), outgoing.committedIndex(acked))
    }

    func voteResult(_ votes: [NodeID: Bool]) -> VoteResult {
        let first = incoming.voteResult(votes)
        let second = outgoing.voteResult(votes)
        if first == second { return first }
        if first == .lost || second == .lost { return .lost }
        return .pending
    }
}
