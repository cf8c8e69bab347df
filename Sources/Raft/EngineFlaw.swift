/// Deliberate bugs a simulator can switch on to prove that its checks catch them.
///
/// `package` so that only this package's simulator and tests can reach it: no user
/// of the library can set one.
package enum EngineFlaw: Sendable, Equatable, CaseIterable {
    /// A leader commits whatever a quorum holds, even entries of earlier terms
    /// (the bug of Raft §5.4.2, Figure 8).
    case commitEarlierTermsByCounting
    /// Term and vote changes are written without a sync, so a crash can forget a
    /// vote the node already sent.
    case unsyncedHardState
    /// A leader answers reads from its commit index without confirming that it
    /// still leads, so a deposed leader serves stale reads.
    case readsWithoutQuorumCheck
}
