/// Lease-based reads (Raft thesis §6.4.1): a leader whose quorum acknowledged a
/// heartbeat it sent at tick `t` knows no other leader can be elected before its
/// followers have gone `electionTicks` without hearing from it, so until tick
/// `t + electionTicks - leaseSafetyMarginTicks` it may answer reads from its own
/// commit index without another round trip.
///
/// Clock assumption: every node's ticks advance at the same rate, within a drift
/// the margin absorbs (with 10 ticks per election timeout and a margin of 2,
/// clocks may disagree by up to 20% over one timeout). The lease also rests on
/// check-quorum (followers ignore vote requests for an election timeout after
/// hearing from the leader; restarted nodes wait that long before voting) and is
/// given up for the rest of the term once the leader hands leadership away.
extension RaftCore {
    /// Heartbeat contexts that carry the leader's send tick start with these bytes;
    /// read requests may not use them.
    static var leaseContextPrefix: [UInt8] { [0xFF, 0x1E, 0xA5] }

    /// The context of a periodic heartbeat sent now.
    var leaseHeartbeatContext: [UInt8] {
        guard config.readOnlyOption == .leaseBased else { return [] }
        var context = Self.leaseContextPrefix
        withUnsafeBytes(of: UInt64(leaderTicks).littleEndian) { context.append(contentsOf: $0) }
        return context
    }

    static func isLeaseContext(_ context: [UInt8]) -> Bool {
        context.count >= 3 && context[0] == 0xFF && context[1] == 0x1E && context[2] == 0xA5
    }

    /// Records that `member` answered the heartbeat sent at the tick in `context`,
    /// and extends the lease to what a quorum has acknowledged.
    mutating func handleLeaseAck(context: [UInt8], from member: NodeID) {
        guard context.count == 11 else { return }
        var sentTick: UInt64 = 0
        for shift in 0..<8 { sentTick |= UInt64(context[3 + shift]) << (8 * shift) }
        guard sentTick <= UInt64(leaderTicks) else { return }
        if sentTick > leaseAckedTicks[member] ?? 0 { leaseAckedTicks[member] = sentTick }
        let quorumTick = tracker.voters.committedIndex { voter in
            voter == id ? UInt64(leaderTicks) : leaseAckedTicks[voter]
        }
        let expiry = Int(quorumTick) + config.electionTicks - config.leaseSafetyMarginTicks
        leaseExpiryTicks = max(leaseExpiryTicks, expiry)
    }

    /// Whether this leader may answer a read from its commit index right now.
    var holdsLease: Bool {
        if config.flaw == .readsWithoutQuorumCheck { return true }
        return config.readOnlyOption == .leaseBased && !leaseGivenUp && leaderTicks < leaseExpiryTicks
    }

    /// A node that just started does not know whether some leader holds a lease
    /// that counts on it: it waits an election timeout before voting.
    var inStartupVoteGrace: Bool {
        config.readOnlyOption == .leaseBased && ticksSinceStart < config.electionTicks
    }
}
