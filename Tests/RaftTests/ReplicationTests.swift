import Testing
@testable import Raft

/// Log replication, commit rules, back-off, batching and forwarding.
@Suite struct ReplicationTests {
    @Test func proposalsReachEveryStateMachineInOrder() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        try network.propose(2, "b")  // forwarded by a follower
        try network.propose(3, "c")
        for id in network.ids {
            #expect(network.appliedTexts(id) == ["a", "b", "c"])
        }
        #expect(network.durabilityViolations.isEmpty)
        #expect(network.stepErrors.isEmpty)
    }

    /// After a commit the leader tells its followers with appends marked quiet (no
    /// entries, a follower known to hold their predecessor), which they take without
    /// answering: one round trip per entry instead of two.
    @Test func commitOnlyAppendsAreQuietAndUnanswered() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.sent.removeAll()
        try network.propose(1, "a")
        let appends = network.sent.compactMap { message -> (NodeID, AppendEntries)? in
            guard case .appendEntries(let append) = message.kind else { return nil }
            return (message.to, append)
        }
        #expect(appends.map(\.0).sorted() == [2, 2, 3, 3])
        #expect(appends.filter { !$0.1.entries.isEmpty }.allSatisfy { !$0.1.quiet }, "entries are always answered")
        let commitOnly = appends.filter { $0.1.entries.isEmpty }
        #expect(commitOnly.count == 2 && commitOnly.allSatisfy(\.1.quiet))
        let answers = network.sent.filter { if case .appendResponse = $0.kind { true } else { false } }
        #expect(answers.count == 2, "one answer per follower, for the entry")
        for id in network.ids {
            #expect(network.raft(id).committedIndex == network.raft(1).lastIndex, "node \(id)")
            #expect(network.appliedTexts(id) == ["a"])
        }
    }

    /// A quiet append whose predecessor the follower lacks is answered like any other:
    /// a rejection, so the leader backs off.
    @Test func aQuietAppendTheFollowerCannotMatchIsRejected() throws {
        let storage = MemoryStorage(hardState: HardState(term: 1), confState: ConfState(voters: [1, 2, 3]))
        try storage.append([Entry(term: 1, index: 1)])
        var follower = try RaftCore(config: RaftConfig(id: 2), storage: storage)
        let append = AppendEntries(prevIndex: 3, prevTerm: 1, entries: [], commit: 3, quiet: true)
        try follower.step(Message(from: 1, to: 2, term: 1, kind: .appendEntries(append)))
        guard case .appendResponse(let response)? = follower.messages.last?.kind else {
            Issue.record("no answer: \(follower.messages)")
            return
        }
        #expect(response.rejection != nil)
        #expect(follower.committedIndex == 0)
    }

    @Test func proposalsWithoutALeaderAreDroppedAndCounted() {
        var network = Network([1, 2, 3]) { $0.disableProposalForwarding = false }
        #expect(throws: RaftError.proposalDropped(.noLeader)) { try network.propose(2, "x") }
        #expect(network.raft(2).counters.proposalsDropped == 1)
        var quiet = Network([1, 2, 3]) { $0.disableProposalForwarding = true }
        quiet.campaign(1)
        #expect(throws: RaftError.proposalDropped(.forwardingDisabled)) { try quiet.propose(2, "x") }
    }

    /// A follower forwards a proposal stamped with its term; a leader appends only
    /// proposals of its own term, so a proposal forwarded to an earlier leader can
    /// never become an entry of a later term.
    @Test func aLeaderTakesOnlyProposalsForwardedInItsTerm() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.sent.removeAll()
        try network.propose(2, "b")
        let forwarded = try #require(network.sent.first { if case .propose = $0.kind { true } else { false } })
        #expect(forwarded.from == 2 && forwarded.to == 1 && forwarded.term == network.raft(2).term)

        let storage = MemoryStorage(hardState: HardState(term: 4), confState: ConfState(voters: [1, 2, 3]))
        var leader = try RaftCore(config: RaftConfig(id: 1), storage: storage)
        leader.campaign()
        try leader.step(Message(from: 2, to: 1, term: 5, kind: .voteResponse(granted: true)))
        #expect(leader.role == .leader && leader.term == 5)
        let lastIndex = leader.lastIndex
        let entry = [Entry(term: 0, index: 0, data: Array("late".utf8))]
        #expect(throws: RaftError.proposalDropped(.forwardedInAnotherTerm)) {
            try leader.step(Message(from: 3, to: 1, term: 4, kind: .propose(entries: entry)))
        }
        #expect(leader.lastIndex == lastIndex)
        try leader.step(Message(from: 3, to: 1, term: 5, kind: .propose(entries: entry)))
        #expect(leader.lastIndex == lastIndex + 1)
    }

    @Test func aLeaderCommitsEarlierTermEntriesOnlyThroughAnEntryOfItsOwnTerm() throws {
        // Raft Figure 8: node 1 holds an entry of term 2 that never committed.
        let storage = MemoryStorage(hardState: HardState(term: 2), confState: ConfState(voters: [1, 2, 3]))
        try storage.append([Entry(term: 1, index: 1), Entry(term: 2, index: 2)])
        var raft = try RaftCore(config: RaftConfig(id: 1), storage: storage)
        raft.campaign()
        try raft.step(Message(from: 2, to: 1, term: 3, kind: .voteResponse(granted: true)))
        #expect(raft.role == .leader)
        #expect(raft.lastIndex == 3, "the leader's empty entry of term 3")
        try raft.step(Message(from: 2, to: 1, term: 3, kind: .appendResponse(AppendResponse(index: 2))))
        #expect(raft.committedIndex == 0, "a quorum holds index 2, but it is of term 2")
        try raft.step(Message(from: 2, to: 1, term: 3, kind: .appendResponse(AppendResponse(index: 3))))
        #expect(raft.committedIndex == 3, "committing 3 commits 2 with it")
    }

    @Test func figure8AnOverwrittenUncommittedEntryIsNeverApplied() throws {
        // Node 1 leads term 1 and appends "lost" that only it holds, then is cut off.
        var network = Network([1, 2, 3, 4, 5])
        network.campaign(1)
        network.isolate(1)
        try network.nodes[1]!.propose(Array("lost".utf8))
        network.stabilize()
        // Node 2 is elected in term 2 and commits "kept".
        network.campaign(2)
        try network.propose(2, "kept")
        network.heal()
        network.tick([2], times: 1)
        for id in network.ids {
            #expect(network.appliedTexts(id) == ["kept"], "node \(id)")
            #expect(network.logTerms(id) == network.logTerms(2))
        }
    }

    @Test func rejectHintSkipsAWholeDivergentTermInOneRoundTrip() throws {
        // Node 3 holds nine term-2 entries nobody else has; nodes 1 and 2 hold term 3.
        var network = Network(
            [1, 2, 3],
            logs: [1: [1, 3, 3, 3, 3, 3], 2: [1, 3, 3, 3, 3, 3], 3: [1, 2, 2, 2, 2, 2, 2, 2, 2, 2]]
        )
        network.campaign(1)
        #expect(network.leaders == [1])
        #expect(network.raft(3).counters.appendsRejected == 1, "one rejection, not one per entry")
        #expect(network.logTerms(3) == [1, 3, 3, 3, 3, 3, 4])
    }

    @Test func followerRejectionCarriesTheHint() throws {
        let storage = MemoryStorage(hardState: HardState(term: 5), confState: ConfState(voters: [1, 2]))
        try storage.append([1, 1, 1, 4, 4, 5, 5, 5].enumerated().map { Entry(term: $1, index: Index($0 + 1)) })
        var raft = try RaftCore(config: RaftConfig(id: 2), storage: storage)
        let append = AppendEntries(prevIndex: 8, prevTerm: 6, entries: [], commit: 0)
        try raft.step(Message(from: 1, to: 2, term: 7, kind: .appendEntries(append)))
        let rejection = AppendResponse.Rejection(hintIndex: 8, hintTerm: 5)
        #expect(raft.messages.map(\.kind) == [.appendResponse(AppendResponse(index: 8, rejection: rejection))])
        raft.messages.removeAll()
        let earlier = AppendEntries(prevIndex: 7, prevTerm: 3, entries: [], commit: 0)
        try raft.step(Message(from: 1, to: 2, term: 7, kind: .appendEntries(earlier)))
        let skip = AppendResponse.Rejection(hintIndex: 3, hintTerm: 1)
        #expect(raft.messages.map(\.kind) == [.appendResponse(AppendResponse(index: 7, rejection: skip))])
    }

    @Test func appendsAreBatchedBySizeAndPipelinedUpToTheWindow() throws {
        var network = Network([1, 2]) {
            $0.maxSizePerMessageBytes = 2 * (Entry.headerSizeBytes + 1)
            $0.maxInflightMessages = 2
        }
        network.campaign(1)
        // Hold node 2's acknowledgements so that the window fills.
        network.hold = { $0.from == 2 }
        for letter in "abcdefgh" {
            try network.nodes[1]!.propose([UInt8(ascii: letter.unicodeScalars.first!)])
        }
        network.stabilize()
        let appends = network.held.compactMap { message -> Int? in
            if case .appendResponse(let response) = message.kind, response.rejection == nil { return Int(response.index) }
            return nil
        }
        // The proposals of one Ready go out together: two appends of two entries fill
        // the window of 2, the rest waits for acknowledgements.
        #expect(appends == [3, 5], "acknowledged up to: \(appends)")
        let before = network.sent.count
        network.releaseHeld()
        network.stabilize()
        let batches = network.sent[before...].compactMap { message -> Int? in
            guard message.from == 1, case .appendEntries(let append) = message.kind, !append.entries.isEmpty else { return nil }
            return append.entries.count
        }
        #expect(batches.allSatisfy { $0 <= 2 }, "size limit of two small entries: \(batches)")
        #expect(batches.reduce(0, +) == 4)
        #expect(network.appliedTexts(2) == ["a", "b", "c", "d", "e", "f", "g", "h"])
        let progress = network.raft(1).tracker.progress[2]!
        #expect(progress.state == .replicate && progress.match == 9)
    }

    @Test func aLaggingFollowerCatchesUpAfterHealing() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.isolate(3)
        for index in 0..<20 { try network.propose(1, "e\(index)") }
        network.heal()
        network.tick([1], times: 1)
        #expect(network.appliedTexts(3) == (0..<20).map { "e\($0)" })
    }

    @Test func aFollowerBehindACompactedLogGetsASnapshot() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.isolate(3)
        for index in 0..<5 { try network.propose(1, "e\(index)") }
        let leaderStorage = network.storages[1]!
        try leaderStorage.createSnapshot(at: 6, confState: ConfState(voters: [1, 2, 3]), data: [6])
        try leaderStorage.compact(upTo: 6)
        network.heal()
        network.tick([1], times: 1)
        #expect(network.storages[3]!.snapshot().metadata.index == 6)
        try network.propose(1, "after")
        #expect(network.appliedTexts(3) == ["after"], "entries up to 6 came in the snapshot")
        #expect(network.logTerms(3).last == network.logTerms(1).last)
        #expect(network.raft(1).tracker.progress[3]?.state == .replicate)
    }
}
