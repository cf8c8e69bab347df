import Raft

/// Why a ``NodeHost`` call failed.
public enum NodeHostError: Error, Sendable, Equatable {
    /// No group with this ID runs on this host.
    case groupNotFound(GroupID)
    /// `startGroup` for a group already running.
    case groupExists(GroupID)
    /// The group has no known leader right now; retry later.
    case noLeader(GroupID)
    /// Only the leader can do this (leadership transfer); `leader` is the one this node knows.
    case notLeader(GroupID, leader: NodeID)
    /// The proposal, read or change did not complete in time (it may still apply).
    case timeout
    /// The host is shutting down or has shut down.
    case shuttingDown
    /// The proposal will never apply, and retrying it is safe: an entry of a later term
    /// than the one it was made in applied first (it was overwritten, or its leader lost
    /// its role before taking or replicating it).
    case proposalLost
    /// The engine refused the proposal (e.g. a membership change still pending).
    case proposalDropped(ProposalDropReason)
    /// The membership change is not valid for the membership in force.
    case invalidMembershipChange(String)
    /// The state machine refused a call (a failed `update` stops the group).
    case stateMachine(String)
    /// Data directory, WAL or snapshot trouble; the message names the file.
    case storage(String)
    /// The host could not start (transport, data directory).
    case startFailed(String)
}
