import Testing
@testable import Raft

/// ReadIndex, leadership transfer and learners.
@Suite struct ReadIndexTests {
    @Test func aLeaderConfirmsItsLeadershipBeforeAnsweringARead() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        network.nodes[1]!.readIndex(context: [42])
        network.stabilize()
        #expect(network.readStates[1] == [ReadState(index: 2, context: [42])])
    }

    @Test func anIsolatedLeaderCannotAnswerAReadIndex() {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.isolate(1)
        network.nodes[1]!.readIndex(context: [1])
        network.stabilize()
        #expect(network.readStates[1]!.isEmpty, "no quorum acknowledged the heartbeat")
    }

    @Test func aFollowersReadIsForwardedAndAnswered() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        network.nodes[3]!.readIndex(context: [7, 7])
        network.stabilize()
        #expect(network.readStates[3] == [ReadState(index: 2, context: [7, 7])])
    }

    @Test func aNewLeaderAnswersReadsOnlyAfterCommittingInItsTerm() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.hold = { if case .appendResponse = $0.kind { true } else { false } }
        network.campaign(2)
        network.nodes[2]!.readIndex(context: [5])
        network.stabilize()
        #expect(network.readStates[2]!.isEmpty, "its term-2 entry is not committed yet")
        network.releaseHeld()
        network.stabilize()
        #expect(network.readStates[2] == [ReadState(index: 2, context: [5])])
    }

    @Test func leadershipTransferHandsOverAfterCatchingUp() throws {
        var network = Network([1, 2, 3]) { $0.checkQuorum = true; $0.preVote = true }
        network.campaign(1)
        network.isolate(3)
        try network.propose(1, "a")
        network.heal()
        network.nodes[1]!.transferLeadership(to: 3)
        #expect(throws: RaftError.proposalDropped(.leadershipTransfer)) { try network.nodes[1]!.propose([1]) }
        network.stabilize()
        #expect(network.leaders == [3])
        #expect(network.raft(3).term == 2)
        try network.propose(1, "b")
        #expect(network.appliedTexts(2) == ["a", "b"])
    }

    @Test func learnersReplicateButNeitherVoteNorCountForCommit() throws {
        var network = Network([1, 2, 3])
        // Make node 3 a learner everywhere: rebuild with a configuration that says so.
        let confState = ConfState(voters: [1, 2], learners: [3])
        for id in network.ids {
            let storage = MemoryStorage(confState: confState)
            network.storages[id] = storage
            network.nodes[id] = try RawNode(config: RaftConfig(id: id, randomSeed: id), storage: storage)
        }
        network.tick([3], times: 50)
        #expect(network.raft(3).role == .follower, "a learner never campaigns")
        network.campaign(1)
        try network.propose(1, "a")
        #expect(network.appliedTexts(3) == ["a"])
        network.isolate(2)
        try network.propose(1, "b")
        #expect(network.raft(1).committedIndex == 2, "the learner's copy does not make a quorum")
        #expect(network.raft(3).lastIndex == 3)
    }
}
