import Testing
@testable import Raft

/// Membership changes: one voter at a time directly, anything larger through joint
/// consensus, learners that replicate without voting, and one change in flight.
@Suite struct MembershipTests {
    /// Voters 1, 2, 3 with 1 leading; node 4 runs but is not a member.
    func groupWithSpare() -> Network {
        var network = Network([1, 2, 3, 4], voters: [1, 2, 3])
        network.campaign(1)
        return network
    }

    func change(_ network: inout Network, _ changes: [ConfChange.Single], transition: ConfChange.Transition = .auto)
        throws(RaftError)
    {
        try network.nodes[1]!.proposeConfChange(ConfChange(changes, transition: transition))
        network.stabilize()
    }

    @Test func aLearnerReplicatesButNeitherVotesNorCampaigns() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addLearner, 4)])
        #expect(network.raft(1).confState == ConfState(voters: [1, 2, 3], learners: [4]))
        try network.propose(1, "x")
        #expect(network.appliedTexts(4) == ["x"])
        // Without node 4, nodes 1 and 2 are still a majority of three voters.
        network.isolate(3)
        network.isolate(4)
        network.cut.remove(Network.Link(from: 1, to: 2))
        network.cut.remove(Network.Link(from: 2, to: 1))
        try network.propose(1, "y")
        #expect(network.appliedTexts(2).last == "y")
        network.heal()
        network.tick([4], times: 50)
        #expect(network.raft(4).role == .follower)
        #expect(network.raft(1).role == .leader)
    }

    @Test func promotingALearnerGrowsTheQuorum() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addLearner, 4)])
        try change(&network, [.init(.addVoter, 4)])
        for id: NodeID in [1, 2, 3, 4] {
            #expect(network.raft(id).confState == ConfState(voters: [1, 2, 3, 4]))
        }
        // Two of four voters no longer commit.
        network.isolate(3)
        network.isolate(4)
        network.cut.remove(Network.Link(from: 1, to: 2))
        network.cut.remove(Network.Link(from: 2, to: 1))
        try network.propose(1, "needs three")
        #expect(!network.appliedTexts(1).contains("needs three"))
        network.heal()
        network.tick(times: 2)
        #expect(network.appliedTexts(4).last == "needs three")
    }

    @Test func oneChangeAtATime() throws {
        var network = groupWithSpare()
        network.cut = [Network.Link(from: 1, to: 2), Network.Link(from: 1, to: 3)]
        try network.nodes[1]!.proposeConfChange(ConfChange([.init(.addLearner, 4)]))
        #expect(throws: RaftError.proposalDropped(.membershipChangePending)) {
            try network.nodes[1]!.proposeConfChange(ConfChange([.init(.removeNode, 3)]))
        }
        network.heal()
        network.tick(times: 2)
        #expect(network.raft(1).confState.learners == [4])
        try change(&network, [.init(.removeNode, 3)])
        #expect(network.raft(1).confState.voters == [1, 2])
    }

    @Test func replacingAVoterGoesThroughJointConsensusAndLeavesAutomatically() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addVoter, 4), .init(.removeNode, 3)])
        for id: NodeID in [1, 2, 3, 4] {
            let states = network.memberships[id] ?? []
            #expect(states.count == 2, "node \(id) applied \(states)")
            #expect(states.first?.isJoint == true)
            #expect(states.first?.votersOutgoing == [1, 2, 3])
            #expect(states.first?.voters == [1, 2, 4])
        }
        #expect(network.raft(1).confState == ConfState(voters: [1, 2, 4]))
        try network.propose(1, "after")
        #expect(network.appliedTexts(4).last == "after")
    }

    /// The automatic leave is due when the joint change applies; if a transfer holds
    /// proposals then, the leader proposes it on a later tick.
    @Test func theAutomaticLeaveIsRetriedAfterATransferGivesUp() throws {
        var network = groupWithSpare()
        network.cut = [Network.Link(from: 1, to: 3), Network.Link(from: 3, to: 1)]
        try network.nodes[1]!.proposeConfChange(ConfChange([.init(.addVoter, 4), .init(.removeNode, 2)]))
        network.nodes[1]!.transferLeadership(to: 3)  // 3 is cut off: the transfer cannot finish
        network.stabilize()
        #expect(network.raft(1).confState.isJoint, "the leave waits while the transfer is pending")
        network.tick([1], times: network.raft(1).config.electionTicks + 1)
        #expect(!network.raft(1).confState.isJoint)
        #expect(network.raft(1).confState.voters == [1, 3, 4])
    }

    @Test func explicitJointWaitsForTheLeave() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addVoter, 4)], transition: .jointExplicit)
        #expect(network.raft(1).confState.isJoint)
        #expect(throws: RaftError.proposalDropped(.invalidMembershipChange)) {
            try network.nodes[1]!.proposeConfChange(ConfChange([.init(.removeNode, 2)]))
        }
        try change(&network, [])
        #expect(network.raft(1).confState == ConfState(voters: [1, 2, 3, 4]))
        #expect(throws: RaftError.proposalDropped(.invalidMembershipChange)) {
            try network.nodes[1]!.proposeConfChange(.leaveJoint)
        }
    }

    @Test func inAJointConfigurationBothMajoritiesMustAgree() throws {
        var network = Network([1, 2, 3, 4, 5], voters: [1, 2, 3])
        network.campaign(1)
        try change(&network, [.init(.addVoter, 4), .init(.addVoter, 5), .init(.removeNode, 2), .init(.removeNode, 3)],
            transition: .jointExplicit)
        #expect(network.raft(1).confState.voters == [1, 4, 5])
        #expect(network.raft(1).confState.votersOutgoing == [1, 2, 3])
        // 1, 4 and 5 are a majority of the new voters but not of the old ones.
        network.isolate(2)
        network.isolate(3)
        try network.propose(1, "joint")
        #expect(!network.appliedTexts(1).contains("joint"))
        network.heal()
        network.tick(times: 2)
        #expect(network.appliedTexts(1).last == "joint")
    }

    @Test func aRemovedLeaderHandsLeadershipToAVoter() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.removeNode, 1)])
        #expect(network.raft(1).role == .follower)
        #expect(network.raft(2).confState.voters == [2, 3])
        let leaders = network.leaders
        #expect(leaders.count == 1 && leaders.first != 1, "\(leaders)")
        if let leader = leaders.first {
            try network.propose(leader, "without 1")
            #expect(network.appliedTexts(2).last == "without 1")
            #expect(network.appliedTexts(3).last == "without 1")
        }
    }

    /// Leader 3 replaced itself by 4 through a joint configuration: entries 1 (enter),
    /// 2 (leave, committed), 3 and 4 (proposals) are in its log; 1 got entries up to 3
    /// but not the commit of the leave, so it is still joint and needs 3's vote; 4 has
    /// up to 2 and left the joint configuration, and needs 1's vote. Each refuses the
    /// other a vote (a shorter log), and so does 3: only the removed node can be
    /// elected (simulator seed 20002537). It is, through a pre-vote, and hands over.
    @Test func aRemovedLeaderWithTheLongestLogIsElectedToUnblockTheVoters() throws {
        var network = Network([1, 3, 4], voters: [1, 3])
        let enter = ConfChange([.init(.addVoter, 4), .init(.removeNode, 3)]).encoded()
        let log = [
            Entry(term: 1, index: 1, kind: .confChange, data: enter),
            Entry(term: 1, index: 2, kind: .confChange, data: ConfChange.leaveJoint.encoded()),
            Entry(term: 1, index: 3, data: Array("x".utf8)),
            Entry(term: 1, index: 4, data: Array("y".utf8)),
        ]
        for (id, last, commit) in [(NodeID(1), 3, Index(1)), (3, 4, 2), (4, 2, 2)] {
            let storage = MemoryStorage(hardState: HardState(term: 1, vote: 3, commit: commit), confState: ConfState(voters: [1, 3]))
            try storage.append(Array(log.prefix(last)))
            network.storages[id] = storage
            network.restart(id)
        }
        network.stabilize()
        #expect(network.raft(1).confState.isJoint)
        #expect(network.raft(4).confState == ConfState(voters: [1, 4]))
        #expect(network.raft(3).isRemoved)

        network.tick(times: 60)
        let leaders = network.leaders
        #expect(leaders.count == 1 && leaders.first != 3, "\(leaders)")
        #expect(network.raft(1).confState == ConfState(voters: [1, 4]))
        for id: NodeID in [1, 4] { #expect(network.appliedTexts(id) == ["x", "y"], "node \(id)") }
        if let leader = leaders.first {
            try network.propose(leader, "z")
            #expect(network.appliedTexts(1).last == "z" && network.appliedTexts(4).last == "z")
        }
        #expect(network.durabilityViolations.isEmpty)
    }

    /// A removed witness holds no payloads: unlike a removed voter it never campaigns,
    /// not even through a pre-vote.
    @Test func aRemovedWitnessNeverCampaigns() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addWitness, 4)])
        try change(&network, [.init(.removeNode, 4)])
        #expect(network.raft(4).confState.voters == [1, 2, 3])
        #expect(!network.raft(4).isRemoved)
        network.sent.removeAll()
        network.tick([4], times: 60)
        #expect(network.sent.isEmpty, "\(network.sent)")
    }

    @Test func demotingAVoterKeepsItAsLearner() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addLearner, 3)])
        #expect(network.raft(1).confState == ConfState(voters: [1, 2], learners: [3]))
        try network.propose(1, "still replicated")
        #expect(network.appliedTexts(3).last == "still replicated")
    }

    @Test func aWitnessVotesAndCountsButHoldsNoPayloadAndNeverLeads() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addWitness, 4)])
        #expect(network.raft(1).confState.voters == [1, 2, 3, 4])
        #expect(network.raft(4).confState.witnesses == [4])
        try network.propose(1, "payload")
        let witnessEntries = try network.storages[4]!.entries(from: 1, to: network.storages[4]!.lastIndex() + 1, maxSizeBytes: .max)
        #expect(witnessEntries.allSatisfy { $0.kind != .normal && ($0.kind == .confChange || $0.data.isEmpty) })
        #expect(network.appliedTexts(4).isEmpty)
        // With 3 cut off, 1, 2 and the witness are three of four voters: commit works.
        network.isolate(3)
        network.cut = network.cut.filter { $0.from == 3 || $0.to == 3 }
        try network.propose(1, "with the witness's vote")
        #expect(network.appliedTexts(2).last == "with the witness's vote")
        // Without the leader, 2 is elected with the witness's vote; the witness never campaigns.
        network.heal()
        network.isolate(1)
        network.tick([4], times: 40)
        #expect(network.raft(4).role == .follower)
        network.tick([2, 3, 4], times: 30)
        let leaders = network.leaders.filter { $0 != 1 }
        #expect(leaders.count == 1 && leaders.first != 4, "\(leaders)")
    }

    @Test func aWitnessCannotBeConvertedToAFullMember() throws {
        var network = groupWithSpare()
        try change(&network, [.init(.addWitness, 4)])
        #expect(throws: RaftError.proposalDropped(.invalidMembershipChange)) {
            try network.nodes[1]!.proposeConfChange(ConfChange([.init(.addVoter, 4)]))
        }
        #expect(throws: ConfChangeError.witnessConversion(2)) {
            try MembershipChanger.apply(ConfChange([.init(.addWitness, 2)]), to: ConfState(voters: [1, 2, 3]))
        }
    }

    @Test func badChangesAreRefusedWithTypedErrors() throws {
        #expect(throws: ConfChangeError.malformed("unknown version or too short")) { try ConfChange(decoding: [9, 0, 0]) }
        #expect(throws: ConfChangeError.self) { try ConfChange(decoding: [1, 0, 1, 0]) }
        #expect(throws: ConfChangeError.noVoters) {
            try MembershipChanger.apply(ConfChange([.init(.removeNode, 1)]), to: ConfState(voters: [1]))
        }
        #expect(throws: ConfChangeError.invalidNode) {
            try MembershipChanger.apply(ConfChange([.init(.addVoter, 0)]), to: ConfState(voters: [1]))
        }
        let change = ConfChange([.init(.addVoter, 7), .init(.removeNode, 1 << 40)], transition: .jointImplicit)
        #expect(try ConfChange(decoding: change.encoded()) == change)
    }
}
