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

    @Test func anEarlierTermEntryOnAMajorityIsNotCommittedByCounting() {
        // One entry per append, so that an old entry can travel without the new one.
        var network = Network([1, 2, 3, 4, 5]) { $0.maxSizePerMessageBytes = 1 }

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
        // With commit-by-counting, "old" would commit here, be applied everywhere on
        // the next heartbeat, and then be overwritten by node 5 below.
        #expect(network.raft(1).committedIndex == 1, "but is of term 1, so it does not commit")
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

        for id in network.ids {
            #expect(!network.appliedTexts(id).contains("old"), "node \(id) applied an overwritten entry")
        }
        #expect(network.logTerms(2) == network.logTerms(5))
        #expect(network.stepErrors.isEmpty, "\(network.stepErrors)")
    }
}
