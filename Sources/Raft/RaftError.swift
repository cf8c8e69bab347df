/// Operating errors: bad or untimely input the engine refused. None of them is a
/// bug in the engine, and none changes its state.
public enum RaftError: Error, Sendable, Equatable {
    case invalidConfig(String)
    /// The persisted state contradicts itself (e.g. commit beyond the last entry).
    case corruptState(String)
    case storage(StorageError)
    case proposalDropped(ProposalDropReason)
    /// The message is addressed to another node.
    case wrongRecipient(NodeID)
    /// A response from a node this one does not track.
    case unknownPeer(NodeID)
    /// A message kind that must carry a term arrived with term 0.
    case missingTerm
    /// An append contradicts an entry this node already committed.
    case conflictWithCommitted(Index)
    /// An index beyond this node's log (e.g. a heartbeat committing past it).
    case indexOutOfRange(Index)
    /// A snapshot whose metadata cannot be right (index or term 0, no voters).
    case invalidSnapshot
    /// A committed membership change that cannot be applied to the membership in force.
    case invalidMembershipChange(ConfChangeError)
}

public enum ProposalDropReason: Sendable, Equatable {
    /// No leader is known to forward to.
    case noLeader
    /// This node is a follower and forwarding is disabled.
    case forwardingDisabled
    /// A leadership transfer is in progress.
    case leadershipTransfer
    /// A candidate cannot take proposals.
    case electionInProgress
    /// The proposal carried no entries.
    case empty
    /// A membership change is still waiting to be applied; one at a time.
    case membershipChangePending
    /// The membership change is malformed, or leaves a joint configuration that is
    /// not in force (or does not leave one that is).
    case invalidMembershipChange
    /// This node is not a member of the group.
    case notMember
    /// A forwarded proposal stamped with another term than the leader's: it was sent
    /// to an earlier leader (or by a node that has not seen this one's election).
    /// Taking it only in the term it was forwarded in lets the proposer know it lost
    /// once an entry of a later term applies.
    case forwardedInAnotherTerm
}

/// How much bad or untimely input the engine has refused, by kind. The caller
/// exports these as metrics.
public struct RaftCounters: Sendable, Equatable {
    public var proposalsDropped = 0
    public var staleTermMessages = 0
    public var unknownPeerMessages = 0
    public var wrongRecipientMessages = 0
    public var missingTermMessages = 0
    public var votesIgnoredInLease = 0
    public var appendsRejected = 0
    public var appendsConflictingWithCommit = 0
    public var indexesOutOfRange = 0
    public var invalidSnapshots = 0
    public var membershipChangesRefused = 0
    /// Read requests whose context uses the prefix reserved for lease heartbeats.
    public var readsRefused = 0

    public init() {}
}
