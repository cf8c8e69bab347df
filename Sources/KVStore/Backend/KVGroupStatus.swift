/// One group's Raft state as this node sees it (m2's `/raft/status` fields).
public struct KVGroupStatus: Sendable, Hashable {
    /// The node's role in the group.
    public enum Role: String, Sendable, Hashable {
        case leader = "Leader", follower = "Follower", candidate = "Candidate", learner = "Learner"
    }

    public var nodeID: UInt64
    public var role: Role
    public var term: UInt64
    public var leaderID: UInt64?
    /// The leader's client (HTTP) address, for redirects.
    public var leaderAddress: String?
    public var commitIndex: UInt64
    public var appliedIndex: UInt64
    public var lastLogIndex: UInt64
    public var lastLogTerm: UInt64
    /// Other voters and learners in the group.
    public var peerCount: Int

    public init(
        nodeID: UInt64, role: Role, term: UInt64, leaderID: UInt64?, leaderAddress: String?, commitIndex: UInt64,
        appliedIndex: UInt64, lastLogIndex: UInt64, lastLogTerm: UInt64, peerCount: Int
    ) {
        self.nodeID = nodeID
        self.role = role
        self.term = term
        self.leaderID = leaderID
        self.leaderAddress = leaderAddress
        self.commitIndex = commitIndex
        self.appliedIndex = appliedIndex
        self.lastLogIndex = lastLogIndex
        self.lastLogTerm = lastLogTerm
        self.peerCount = peerCount
    }
}
