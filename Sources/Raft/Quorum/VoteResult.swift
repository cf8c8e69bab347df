/// The outcome of counting votes so far.
public enum VoteResult: Sendable, Equatable {
    /// Neither won nor lost: missing votes could still decide it.
    case pending
    /// A quorum rejected (or can no longer grant).
    case lost
    /// A quorum granted.
    case won
}
