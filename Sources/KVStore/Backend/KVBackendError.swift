/// Why a backend could not run a proposal, a read or a membership change.
public enum KVBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// This node is not the group's leader; the leader's client (HTTP) address when known.
    case notLeader(leaderAddress: String?)
    /// No such group on this node.
    case unknownGroup(Int)
    /// The group cannot serve now (no quorum, shutting down); retry later.
    case unavailable(String)
    /// The operation needs something this backend does not have (e.g. membership on a
    /// single node without Raft).
    case unsupported(String)
    /// The state machine refused the query or failed.
    case stateMachine(String)
    /// The request conflicts with the group's state (e.g. a membership change that is
    /// invalid for the membership in force, or one while another is pending).
    case rejected(String)

    public var description: String {
        switch self {
        case let .notLeader(leader): return "not the leader" + (leader.map { "; the leader is \($0)" } ?? "; no leader known")
        case let .unknownGroup(group): return "unknown group \(group)"
        case let .unavailable(reason): return "unavailable: \(reason)"
        case let .unsupported(reason): return "unsupported: \(reason)"
        case let .stateMachine(reason): return "state machine: \(reason)"
        case let .rejected(reason): return "rejected: \(reason)"
        }
    }
}
