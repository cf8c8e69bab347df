import Testing
@testable import Raft

/// Figure 8 of the Raft paper, played out on five nodes: an entry of an earlier
/// term that reaches a majority must not be committed by counting, because a node
/// with a later-term entry can still be elected and overwrite it.
@Suite struct Figure8Tests {
    static func isAppend(_ message: Message, from: NodeID) -> Bool {
        guard message.from == from, case .appendEntries = message.kind else { return false }
        return true
    }

    /// Cuts `term`'s entries (and all after them) out of `from`'s appends.
    static func withoutEntries(ofTerm term: Term, from: NodeID) -> (Message) -> Message? {
        { message in
            guard message.from == from, case .appendEntries(var append) = message.kind else { return message }
            if let cut = append.entries.firstIndex(where: { $0.term == term }) {
                append.entries.removeSubrange(cut...)
            }
            var rewritten = message
            rewritten.kind = .appendEntries(append)
            return rewritten
        }
    }

    /// What the Figure 8 sequence left behind.
    struct Outcome {
        var committedWhenOldReachedMajority: Index
        var nodesThatAppliedOld: [NodeID]
        var finalTermsAtIndex2: [NodeID: Term]
    }

    /// Plays the paper's Figure 8 on five nodes with one entry per append.
    func playFigure8(flaw: EngineFlaw?) -> (Outcome, Network) {
        var network = Network([1, 2, 3, 4, 5]) { config in
            config.maxSizePerMessageBytes = 1
            config.flaw = flaw
        }

        // (a) Node 1 leads term 1 and appends "old" at index 2, reaching only node 2.
        network.campaign(1)
        for other: NodeID in [3, 4, 5] {
            network.cut.formUnion([.init(from: 1, to: other), .init(from: other, to: 1)])
        }
        try? network.propose(1, "old")
        #expect(network.logTerms(2) == [1, 1])

        // (b) Node 5 wins term 2 with votes of 3 and 4, appends at index 2 locally only.
        network.cut.formUnion([.init(from: 5, to: 2), .init(from: 2, to: 5)])
        network.hold = { Self.isAppend($0, from: 5) }
        network.campaign(5)
        #expect(network.raft(5).role == .leader && network.raft(5).term == 2)
        network.held.removeAll()
        network.hold = { _ in false }
        network.isolate(5)

        // (c) Node 1 returns, wins term 3 (after losing term 2), and replicates "old"
        // to 3 and 4 — but not its own term-3 entry.
        network.cut = network.cut.filter { $0.from == 5 || $0.to == 5 }
        network.intercept = Self.withoutEntries(ofTerm: 3, from: 1)
        network.restart(1)
        network.campaign(1)
        if network.raft(1).role != .leader { network.campaign(1) }
        #expect(network.raft(1).role == .leader && network.raft(1).term == 3)
        #expect(network.logTerms(3) == [1, 1], "old reached a majority: 1, 2, 3, 4")
        let committed = network.raft(1).committedIndex
        network.tick([1], times: 1)  // heartbeats carry the leader's commit index

        // (d) Node 1 crashes; node 5 (last term 2) wins term 4 and overwrites index 2.
        network.intercept = { $0 }
        network.isolate(1)
        network.cut = network.cut.filter { $0.from == 1 || $0.to == 1 }
        network.restart(5)
        network.campaign(5)
        if network.raft(5).role != .leader { network.campaign(5) }
        #expect(network.raft(5).role == .leader)
        network.tick([5], times: 1)

        let outcome = Outcome(
            committedWhenOldReachedMajority: committed,
            nodesThatAppliedOld: network.ids.filter { network.appliedTexts($0).contains("old") },
            finalTermsAtIndex2: Dictionary(uniqueKeysWithValues: network.ids.compactMap { id in
                (try? network.storages[id]!.term(at: 2)).map { (id, $0) }
            })
        )
        return (outcome, network)
    }

    @Test func anEarlierTermEntryOnAMajorityIsNotCommittedByCounting() {
        let (outcome, network) = playFigure8(flaw: nil)
        #expect(outcome.committedWhenOldReachedMajority == 1, "old is of term 1, so it does not commit")
        #expect(outcome.nodesThatAppliedOld.isEmpty, "applied an overwritten entry: \(outcome.nodesThatAppliedOld)")
        #expect(network.logTerms(2) == network.logTerms(5))
        #expect(network.stepErrors.isEmpty, "\(network.stepErrors)")
    }

    /// The same sequence against an engine that commits by counting: the entry is
    /// applied, then overwritten — the scenario really tests the rule.
    @Test func committingByCountingLosesAnAppliedEntry() {
        let (outcome, _) = playFigure8(flaw: .commitEarlierTermsByCounting)
        #expect(outcome.committedWhenOldReachedMajority == 2)
        #expect(!outcome.nodesThatAppliedOld.isEmpty)
        #expect(outcome.finalTermsAtIndex2[5] == 2, "node 5 overwrote the applied entry")
    }
}
