import Testing
@testable import Raft

/// More scenarios from etcd-raft's raft_test.go, named after the originals.
@Suite struct EtcdPortTests {
    /// TestDuelingCandidates: a candidate with a stale log cannot win after healing,
    /// and its higher term makes everyone follow at that term.
    @Test func duelingCandidates() {
        var network = Network([1, 2, 3])
        network.cut = [.init(from: 1, to: 3), .init(from: 3, to: 1)]
        network.campaign(1)
        network.campaign(3)
        #expect(network.raft(1).role == .leader)
        #expect(network.raft(3).role == .candidate)
        network.heal()
        network.campaign(3)  // term 2, but its log lacks the leader's entry
        for id in network.ids {
            #expect(network.raft(id).role == .follower, "node \(id)")
            #expect(network.raft(id).term == 2)
        }
        #expect(network.logTerms(3) == [], "node 3 never got the term-1 entry")
        #expect(network.logTerms(1) == [1])
    }

    /// TestCandidateConcede: a candidate that hears from the leader of its term
    /// becomes its follower and takes its log.
    @Test func candidateConcedes() throws {
        var network = Network([1, 2, 3])
        network.isolate(1)
        network.campaign(1)
        network.campaign(3)
        network.heal()
        network.tick([3], times: 1)  // leader 3's heartbeat reaches candidate 1
        try network.propose(3, "force follower")
        #expect(network.raft(1).role == .follower)
        #expect(network.raft(1).term == 1)
        #expect(network.logTerms(1) == network.logTerms(3))
    }

    /// TestOldMessages: appends from a deposed leader's term change nothing.
    @Test func oldMessagesAreIgnored() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.campaign(2)
        network.campaign(1)
        let stale = AppendEntries(prevIndex: 2, prevTerm: 2, entries: [Entry(term: 2, index: 3, data: [1])], commit: 3)
        try network.nodes[1]!.step(Message(from: 2, to: 1, term: 2, kind: .appendEntries(stale)))
        try network.propose(1, "somedata")
        for id in network.ids {
            #expect(network.logTerms(id) == [1, 2, 3, 3], "node \(id)")
            #expect(network.appliedTexts(id) == ["somedata"])
        }
    }

    /// TestFreeStuckCandidateWithCheckQuorum: a node that raised its term while cut
    /// off is ignored by followers in their lease, but its answer to the leader's
    /// heartbeat carries the higher term and forces a new election it can follow.
    @Test func freeStuckCandidateWithCheckQuorum() {
        var network = Network([1, 2, 3]) { $0.checkQuorum = true }
        network.campaign(1)
        network.isolate(1)
        network.campaign(3)
        network.campaign(3)
        #expect(network.raft(3).role == .candidate)
        #expect(network.raft(3).term == 3)
        #expect(network.raft(2).term == 1, "node 2 was in its lease")
        network.heal()
        network.tick([1], times: 1)  // heartbeat meets term 3: node 3 answers with it
        #expect(network.raft(1).role == .follower)
        #expect(network.raft(1).term == 3)
    }

    /// TestBcastBeat: heartbeats carry min(match, commit) per follower.
    @Test func heartbeatsNeverCommitBeyondAFollowersMatch() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.isolate(3)
        try network.propose(1, "a")
        let leader = network.nodes[1]!
        _ = leader.ready()
        for _ in 0..<leader.raft.config.heartbeatTicks { leader.tick() }
        let commits = leader.ready().messages.compactMap { message -> (NodeID, Index)? in
            guard case .heartbeat(let commit, _) = message.kind else { return nil }
            return (message.to, commit)
        }
        #expect(commits.map(\.0) == [2, 3])
        #expect(commits.map(\.1) == [2, 1])
    }

    /// TestSingleNodeCommit and TestSingleNodeCandidate.
    @Test func aSingleNodeElectsItselfAndCommitsAlone() throws {
        var network = Network([1])
        network.tick(times: 20)
        #expect(network.leaders == [1])
        try network.propose(1, "a")
        try network.propose(1, "b")
        #expect(network.appliedTexts(1) == ["a", "b"])
    }

    /// TestProposal (dropped): a candidate cannot take proposals.
    @Test func aCandidateDropsProposals() {
        var network = Network([1, 2, 3])
        network.isolate(1)
        network.campaign(1)
        #expect(throws: RaftError.proposalDropped(.electionInProgress)) { try network.nodes[1]!.propose([1]) }
    }
}
