import Testing
@testable import Raft

/// `RaftConfig.lazyCommitAnnouncements`: a leader sends no empty append just to say the
/// commit index moved; followers learn it from the next append or heartbeat, except
/// one that waits for it (it forwarded the proposal, or asked for a read index).
@Suite struct LazyCommitAnnouncementTests {
    /// Three nodes, node 1 leading with `lazy` announcements (lease reads, so a
    /// follower's read is answered without a heartbeat round that would carry the commit).
    func group(lazy: Bool = true) -> Network {
        var network = Network([1, 2, 3]) { config in
            config.lazyCommitAnnouncements = lazy
            config.checkQuorum = true
            config.readOnlyOption = .leaseBased
        }
        network.tick(times: 25)
        if network.leaders != [1] {
            network.nodes[network.leaders.first ?? 1]!.transferLeadership(to: 1)
            network.tick(times: 5)
        }
        network.tick([1], times: 1)
        return network
    }

    /// Appends carrying no entries, sent since `start`.
    func emptyAppends(_ network: Network, since start: Int) -> [Message] {
        network.sent[start...].filter { message in
            if case .appendEntries(let append) = message.kind { return append.entries.isEmpty }
            return false
        }
    }

    @Test func aCommitIsAnnouncedWithTheNextAppendNotAnEmptyOne() throws {
        var network = group()
        #expect(network.leaders == [1])
        let start = network.sent.count
        try network.propose(1, "a")
        let index = network.raft(1).committedIndex
        #expect(network.appliedTexts(1) == ["a"])
        #expect(emptyAppends(network, since: start).isEmpty, "\(emptyAppends(network, since: start))")
        for id: NodeID in [2, 3] { #expect(network.raft(id).committedIndex < index, "node \(id) learned it early") }

        try network.propose(1, "b")
        for id: NodeID in [2, 3] {
            #expect(network.raft(id).committedIndex >= index, "the next append carried the commit of 'a'")
            #expect(network.appliedTexts(id) == ["a"])
        }
        network.tick([1], times: 1)
        for id: NodeID in [2, 3] { #expect(network.appliedTexts(id) == ["a", "b"], "a heartbeat carried the rest") }
    }

    @Test func withoutTheOptionEveryFollowerHearsOfTheCommitAtOnce() throws {
        var network = group(lazy: false)
        let start = network.sent.count
        try network.propose(1, "a")
        #expect(emptyAppends(network, since: start).count == 2)
        for id: NodeID in [2, 3] { #expect(network.appliedTexts(id) == ["a"]) }
    }

    @Test func aFollowerThatForwardedAProposalLearnsItsCommitAtOnce() throws {
        var network = group()
        try network.propose(2, "forwarded")
        #expect(network.appliedTexts(1) == ["forwarded"])
        #expect(network.appliedTexts(2) == ["forwarded"], "the proposer answers its caller once it applies")
        #expect(network.appliedTexts(3).isEmpty, "the other follower waits for the next append or heartbeat")
    }

    @Test func aFollowerThatAskedForAReadIndexLearnsTheCommitWithTheAnswer() throws {
        var network = group()
        try network.propose(1, "a")
        #expect(network.appliedTexts(3).isEmpty)
        network.nodes[3]!.readIndex(context: [7])
        network.stabilize()
        let read = try #require(network.readStates[3]?.last)
        #expect(read.context == [7] && read.index == network.raft(1).committedIndex)
        #expect(network.raft(3).committedIndex >= read.index, "it can serve the read now")
        #expect(network.appliedTexts(3) == ["a"])
        #expect(network.appliedTexts(2).isEmpty, "only the reader was told")
    }
}
