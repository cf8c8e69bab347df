import Testing
@testable import Raft

/// Lease-based reads: answered without a round trip while a quorum's acknowledgement
/// of a recent heartbeat vouches that no other leader can exist, and not otherwise.
@Suite struct LeaseReadTests {
    func leaseGroup() -> (Network, NodeID) {
        var network = Network([1, 2, 3]) { config in
            config.checkQuorum = true
            config.readOnlyOption = .leaseBased
        }
        // Restarted (here: fresh) nodes wait an election timeout before voting.
        network.tick(times: 25)
        let leader = network.leaders.first ?? 0
        // One heartbeat round acknowledged by a quorum grants the lease.
        network.tick([leader], times: 1)
        return (network, leader)
    }

    func readHeartbeats(_ network: Network, since start: Int) -> Int {
        network.sent[start...].filter { message in
            if case .heartbeat(_, let context) = message.kind { return context == [9] }
            return false
        }.count
    }

    @Test func aLeaderWithALeaseAnswersWithoutARoundTrip() {
        var (network, leader) = leaseGroup()
        #expect(leader != 0)
        let start = network.sent.count
        network.nodes[leader]!.readIndex(context: [9])
        network.stabilize()
        #expect(network.readStates[leader]?.last == ReadState(index: network.raft(leader).committedIndex, context: [9]))
        #expect(readHeartbeats(network, since: start) == 0, "no heartbeat carried the read")
    }

    @Test func anExpiredLeaseFallsBackToAHeartbeatRound() {
        var (network, leader) = leaseGroup()
        network.isolate(leader)
        // Well past the lease but short of the check-quorum step-down.
        network.tick([leader], times: network.raft(leader).config.electionTicks - 1)
        #expect(network.raft(leader).role == .leader)
        let before = network.readStates[leader]?.count ?? 0
        let start = network.sent.count
        network.nodes[leader]!.readIndex(context: [9])
        network.stabilize()
        #expect((network.readStates[leader]?.count ?? 0) == before, "an isolated leader without a lease answered")
        #expect(readHeartbeats(network, since: start) == 2, "the read went out as a heartbeat round")
    }

    @Test func aLeaderThatHandsOverGivesItsLeaseUp() {
        var (network, leader) = leaseGroup()
        let target: NodeID = leader == 1 ? 2 : 1
        // Hold TimeoutNow so the transfer is in flight but the old leader still leads.
        network.hold = { if case .timeoutNow = $0.kind { return true } else { return false } }
        network.nodes[leader]!.transferLeadership(to: target)
        network.stabilize()
        #expect(network.raft(leader).role == .leader)
        let start = network.sent.count
        network.nodes[leader]!.readIndex(context: [9])
        network.stabilize()
        #expect(readHeartbeats(network, since: start) == 2, "after TimeoutNow the read needs a heartbeat round")
    }

    @Test func aFreshNodeDoesNotVoteForAnElectionTimeout() {
        var network = Network([1, 2, 3]) { config in
            config.checkQuorum = true
            config.readOnlyOption = .leaseBased
        }
        network.campaign(1)
        #expect(network.raft(1).role != .leader, "voters granted votes right after starting")
        #expect(network.raft(2).counters.votesIgnoredInLease > 0)
    }

    @Test func leaseReadsNeedCheckQuorumAndAReservedContextIsRefused() throws {
        var config = RaftConfig(id: 1)
        config.readOnlyOption = .leaseBased
        #expect(throws: RaftError.invalidConfig("lease-based reads need checkQuorum")) {
            try RawNode(config: config, storage: MemoryStorage(confState: ConfState(voters: [1])))
        }
        var (network, leader) = leaseGroup()
        network.nodes[leader]!.readIndex(context: [0xFF, 0x1E, 0xA5, 1])
        network.stabilize()
        #expect(network.raft(leader).counters.readsRefused == 1)
        #expect(network.readStates[leader]?.contains { $0.context.first == 0xFF } != true)
    }
}
