/// A member of a Raft group. `0` is reserved for "none" (no leader, no vote).
public typealias NodeID = UInt64

/// A Raft term: a logical clock that increases with every election.
public typealias Term = UInt64

/// The position of an entry in the replicated log. The first real entry has index 1;
/// index 0 is the empty log.
public typealias Index = UInt64

extension NodeID {
    /// No node: used for "no leader known" and "not voted in this term".
    public static let none: NodeID = 0
}

/// What a node is doing right now.
public enum RaftRole: Sendable, Equatable, CustomStringConvertible {
    case follower
    case preCandidate
    case candidate
    case leader

    public var description: String {
        switch self {
        case .follower: "follower"
        case .preCandidate: "pre-candidate"
        case .candidate: "candidate"
        case .leader: "leader"
        }
    }
}

/// The volatile state a caller may want to observe (who leads, what this node is).
public struct SoftState: Sendable, Equatable {
    public var leader: NodeID
    public var role: RaftRole

    public init(leader: NodeID, role: RaftRole) {
        self.leader = leader
        self.role = role
    }
}

/// The state that must be durable before any message that depends on it is sent:
/// the current term, the vote cast in it, and the commit index.
public struct HardState: Sendable, Equatable, CustomStringConvertible {
    public var term: Term
    public var vote: NodeID
    public var commit: Index

    public init(term: Term = 0, vote: NodeID = .none, commit: Index = 0) {
        self.term = term
        self.vote = vote
        self.commit = commit
    }

    public static let empty = HardState()
    public var isEmpty: Bool { self == .empty }

    public var description: String { "term=\(term) vote=\(vote) commit=\(commit)" }
}
