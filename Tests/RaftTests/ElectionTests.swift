import Testing
@testable import Raft

/// Leader election, vote restrictions, pre-vote and check-quorum (etcd-raft
/// raft_test.go and testdata/*.txt scenarios, through the in-test network).
@Suite struct ElectionTests {
    @Test(arguments: [3, 5])
    func campaignWinsAndEveryoneFollows(size: Int) {
        var network = Network((1...NodeID(size)).map { $0 })
        network.campaign(1)
        #expect(network.leaders == [1])
        for id in network.ids {
            #expect(network.raft(id).term == 1)
            #expect(network.raft(id).leader == 1)
            #expect(network.raft(id).committedIndex == 1, "the leader's empty entry commits")
        }
        #expect(network.durabilityViolations.isEmpty)
    }

    @Test func aMinorityCannotElect() {
        var network = Network([1, 2, 3, 4, 5])
        network.isolate(4)
        network.isolate(5)
        network.cut.insert(.init(from: 1, to: 3))
        network.cut.insert(.init(from: 3, to: 1))
        network.campaign(1)
        #expect(network.raft(1).role == .candidate, "two of five votes: still pending")
        network.heal()
        network.campaign(1)
        #expect(network.leaders == [1])
        #expect(network.raft(1).term == 2)
    }

    @Test func ticksElectExactlyOneLeaderDeterministically() {
        func run() -> (NodeID, Term) {
            var network = Network([1, 2, 3, 4, 5])
            network.tick(times: 25)
            #expect(network.leaders.count == 1)
            return (network.leaders.first ?? 0, network.raft(1).term)
        }
        let first = run()
        let second = run()
        #expect(first == second, "same seeds, same election")
        #expect(first.0 != 0)
    }

    @Test func votesGoOnlyToCandidatesWithUpToDateLogs() {
        // Node 1 missed the term-2 entry that nodes 2 and 3 hold.
        var network = Network([1, 2, 3], logs: [1: [1], 2: [1, 2], 3: [1, 2]])
        network.campaign(1)
        #expect(network.raft(1).role == .follower, "rejected by both and stepped down")
        #expect(network.leaders.isEmpty)
        network.campaign(2)
        #expect(network.leaders == [2])
        #expect(network.logTerms(1) == network.logTerms(2), "the new leader repairs node 1")
    }

    @Test func aNodeVotesOncePerTerm() throws {
        let network = Network([1, 2, 3])
        let request = VoteRequest(lastIndex: 0, lastTerm: 0)
        try network.nodes[3]!.step(Message(from: 1, to: 3, term: 1, kind: .requestVote(request)))
        try network.nodes[3]!.step(Message(from: 2, to: 3, term: 1, kind: .requestVote(request)))
        let responses = network.nodes[3]!.ready().messages.map(\.kind)
        #expect(responses == [.voteResponse(granted: true), .voteResponse(granted: false)])
        #expect(network.raft(3).vote == 1)
    }

    @Test func withoutPreVoteAPartitionedNodeDisruptsTheLeaderOnReturn() {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.isolate(3)
        network.tick([3], times: 40)
        #expect(network.raft(3).term > 1, "it campaigned alone and raised its term")
        let isolatedTerm = network.raft(3).term
        network.heal()
        network.tick(times: 20)
        #expect(network.raft(1).term >= isolatedTerm, "the group had to move to node 3's term: a new election")
    }

    @Test func preVoteKeepsAPartitionedNodeFromDisruptingTheLeader() throws {
        var network = Network([1, 2, 3]) { $0.preVote = true }
        network.campaign(1)
        try network.propose(1, "a")
        network.isolate(3)
        network.tick([3], times: 40)
        #expect(network.raft(3).term == 1, "pre-votes never won, so the term stayed")
        #expect(network.raft(3).role == .preCandidate)
        network.heal()
        network.tick(times: 3)
        #expect(network.leaders == [1])
        #expect(network.raft(1).term == 1)
        #expect(network.raft(3).leader == 1)
        #expect(network.appliedTexts(3) == ["a"])
    }

    @Test func preVoteStillElectsWhenTheLeaderIsGone() {
        var network = Network([1, 2, 3]) { $0.preVote = true }
        network.campaign(1)
        network.isolate(1)
        network.tick([2, 3], times: 40)
        #expect(network.leaders.contains { $0 != 1 })
        #expect(network.raft(2).term == 2, "one pre-vote round, one real election")
    }

    @Test func checkQuorumMakesAnIsolatedLeaderStepDown() {
        var network = Network([1, 2, 3]) { $0.checkQuorum = true }
        network.campaign(1)
        network.tick(times: 11)
        #expect(network.raft(1).role == .leader, "followers answer heartbeats: quorum active")
        network.isolate(1)
        network.tick([1], times: 21)
        #expect(network.raft(1).role == .follower)
        #expect(network.raft(1).leader == .none)
    }

    @Test func checkQuorumFollowersIgnoreVotesWhileTheyHearFromALeader() throws {
        var network = Network([1, 2, 3]) { $0.checkQuorum = true }
        network.campaign(1)
        let request = VoteRequest(lastIndex: 5, lastTerm: 5)
        try network.nodes[2]!.step(Message(from: 3, to: 2, term: 7, kind: .requestVote(request)))
        #expect(network.raft(2).term == 1)
        #expect(network.raft(2).counters.votesIgnoredInLease == 1)
    }

    /// Found by the simulator (seed 3080715): node 1's stale log still listed the old
    /// members, so it campaigned in ever higher terms without asking node 4, whose
    /// vote requests arrived with a lower term. Answering them with the newer term
    /// lets the real candidate catch up and win.
    @Test func aVoteRequestWithAStaleTermIsAnsweredWithTheNewerTerm() throws {
        let network = Network([1, 2, 3])
        for _ in 0..<3 { network.nodes[1]!.campaign() }  // alone: nothing is delivered
        _ = network.nodes[1]!.ready()
        let newer = network.raft(1).term
        let request = VoteRequest(lastIndex: 0, lastTerm: 0)
        try network.nodes[1]!.step(Message(from: 2, to: 1, term: newer - 1, kind: .requestVote(request)))
        let answer = try #require(network.nodes[1]!.ready().messages.last)
        #expect(answer.to == 2)
        #expect(answer.term == newer)
        #expect(answer.kind == .voteResponse(granted: false))
        #expect(network.raft(1).counters.staleTermMessages == 1)

        try network.nodes[2]!.step(answer)
        #expect(network.raft(2).term == newer, "the stale candidate adopts the newer term")
        #expect(network.raft(2).role == .follower)
    }

    /// Raft's Figure 2: only a leader's message or a granted vote restarts the election
    /// timer. A newer term learned from someone else's campaign does not (simulator seed
    /// 4050480 livelocked when it did).
    @Test func aNewerTermFromACampaignDoesNotRestartTheTimer() throws {
        let network = Network([1, 2, 3], logs: [1: [1, 1], 2: [1], 3: [1]])
        let node = network.nodes[1]!
        for _ in 0..<5 { node.tick() }
        let elapsed = node.raft.electionElapsed
        #expect(elapsed == 5)
        try node.step(Message(from: 2, to: 1, term: 9, kind: .requestVote(VoteRequest(lastIndex: 1, lastTerm: 1))))
        #expect(node.raft.term == 9)
        #expect(node.raft.vote == 0, "node 2's log is behind: no vote")
        #expect(node.raft.electionElapsed == elapsed)
    }

    /// A node whose vote in this term is spent restarts its timer when a candidate with
    /// a log at least as complete asks, so that candidate campaigns first next term; a
    /// candidate with a shorter log changes nothing.
    @Test func aSpentVoteDefersToACandidateWithABetterLog() throws {
        let network = Network([1, 2, 3], logs: [1: [1, 1], 2: [1, 1, 1], 3: [1]])
        let node = network.nodes[1]!
        node.campaign()  // votes for itself; nothing is delivered
        for _ in 0..<3 { node.tick() }
        #expect(node.raft.electionElapsed == 3)
        let term = node.raft.term
        try node.step(Message(from: 3, to: 1, term: term, kind: .requestVote(VoteRequest(lastIndex: 1, lastTerm: 1))))
        #expect(node.raft.electionElapsed == 3, "node 3's log is shorter than ours")
        try node.step(Message(from: 2, to: 1, term: term, kind: .requestVote(VoteRequest(lastIndex: 3, lastTerm: 1))))
        #expect(node.raft.electionElapsed == 0)
        #expect(node.raft.vote == 1, "the vote itself does not change")
        let answers = node.ready().messages.filter { $0.kind == .voteResponse(granted: false) }.map(\.to)
        #expect(answers == [3, 2])
    }

    @Test func aLeaderWithAStaleTermLearnsTheNewOneFromAppendAnswers() throws {
        var network = Network([1, 2, 3]) { $0.preVote = true }
        network.campaign(1)
        network.isolate(1)
        network.campaign(2)
        #expect(network.raft(2).term == 2)
        network.heal()
        network.tick([1], times: 1)  // old leader's heartbeat meets term 2
        #expect(network.raft(1).role == .follower)
        #expect(network.raft(1).term == 2)
    }
}
