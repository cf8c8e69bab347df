import Raft

/// What one group looks like from this host (for `/raft/status`-style endpoints).
public struct GroupStatus: Sendable, Equatable {
    /// A member and what it does in the group.
    public struct Member: Sendable, Equatable {
        /// Voters elect and count for commits; learners only receive the log; witnesses
        /// vote but keep no payloads.
        public enum Role: String, Sendable, Equatable {
            case voter, learner, witness
        }

        public var node: NodeID
        public var role: Role
        /// Where its host listens, when this host knows it.
        public var address: PeerAddress?
    }

    public var group: GroupID
    public var node: NodeID
    /// The leader this node knows of; ``NodeID/none`` when none.
    public var leader: NodeID
    public var term: Term
    public var role: RaftRole
    public var commitIndex: Index
    public var appliedIndex: Index
    public var lastIndex: Index
    public var lastTerm: Term
    /// The index of the latest snapshot this node holds (0 when none).
    public var snapshotIndex: Index
    /// Sorted by node ID; a joint configuration lists the union of both halves.
    public var members: [Member]
}
