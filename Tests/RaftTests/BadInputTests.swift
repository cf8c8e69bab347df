import Testing
@testable import Raft

/// Input a correct peer would not send is refused with a typed error and a
/// counter, and never crashes or changes the engine's state.
@Suite struct BadInputTests {
    /// Node 2 of a group that elected node 1 and committed "a".
    func follower() throws -> RawNode<MemoryStorage> {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        return network.nodes[2]!
    }

    @Test func aMessageForAnotherNodeIsRefused() throws {
        let node = try follower()
        #expect(throws: RaftError.wrongRecipient(3)) {
            try node.step(Message(from: 1, to: 3, term: 1, kind: .heartbeat(commit: 0, context: [])))
        }
        #expect(node.raft.counters.wrongRecipientMessages == 1)
    }

    @Test func aResponseFromAnUnknownNodeIsRefused() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        #expect(throws: RaftError.unknownPeer(9)) {
            try network.nodes[1]!.step(Message(from: 9, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 1))))
        }
        #expect(network.raft(1).counters.unknownPeerMessages == 1)
    }

    @Test func staleTermsAreIgnoredAndCounted() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        network.campaign(2)
        let before = network.raft(3).hardState
        let stale = AppendEntries(prevIndex: 0, prevTerm: 0, entries: [Entry(term: 1, index: 1, data: [9])], commit: 1)
        try network.nodes[3]!.step(Message(from: 1, to: 3, term: 1, kind: .appendEntries(stale)))
        #expect(network.raft(3).hardState == before)
        #expect(network.raft(3).leader == 2)
        #expect(network.raft(3).counters.staleTermMessages == 1)
    }

    @Test func aTermlessMessageIsRefused() throws {
        let node = try follower()
        #expect(throws: RaftError.missingTerm) {
            try node.step(Message(from: 1, to: 2, term: 0, kind: .heartbeat(commit: 0, context: [])))
        }
    }

    @Test func aHeartbeatCommittingPastTheLogIsRefused() throws {
        let node = try follower()
        #expect(throws: RaftError.indexOutOfRange(99)) {
            try node.step(Message(from: 1, to: 2, term: 1, kind: .heartbeat(commit: 99, context: [])))
        }
        #expect(node.raft.committedIndex == 2)
        #expect(node.raft.counters.indexesOutOfRange == 1)
    }

    @Test func appendsWithGapsAreRefusedAndCommittedEntriesAreNeverRewritten() throws {
        let node = try follower()
        let gap = AppendEntries(prevIndex: 2, prevTerm: 1, entries: [Entry(term: 1, index: 5)], commit: 2)
        #expect(throws: RaftError.indexOutOfRange(5)) {
            try node.step(Message(from: 1, to: 2, term: 1, kind: .appendEntries(gap)))
        }
        _ = node.ready()
        // An append below the commit index is answered with the commit index and
        // changes nothing (RaftLog refuses a rewrite of committed entries as well).
        let rewrite = AppendEntries(prevIndex: 1, prevTerm: 1, entries: [Entry(term: 2, index: 2)], commit: 2)
        try node.step(Message(from: 1, to: 2, term: 2, kind: .appendEntries(rewrite)))
        #expect(node.raft.lastIndex == 2)
        #expect(try node.raft.log.term(at: 2) == 1)
        #expect(node.ready().messages.map(\.kind) == [.appendResponse(AppendResponse(index: 2))])
    }

    @Test func aLeaderRefusesAcknowledgementsOfEntriesItNeverHad() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        #expect(throws: RaftError.indexOutOfRange(50)) {
            try network.nodes[1]!.step(Message(from: 2, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 50))))
        }
        #expect(network.raft(1).committedIndex == 1)
    }

    @Test func snapshotsWithImpossibleMetadataAreRefused() throws {
        let node = try follower()
        let bad = [
            SnapshotMetadata(index: 0, term: 1, confState: ConfState(voters: [1])),
            SnapshotMetadata(index: 9, term: 0, confState: ConfState(voters: [1])),
            SnapshotMetadata(index: 9, term: 1, confState: ConfState()),
            SnapshotMetadata(index: 9, term: 5, confState: ConfState(voters: [1])),
        ]
        for metadata in bad {
            #expect(throws: RaftError.invalidSnapshot) {
                try node.step(Message(from: 1, to: 2, term: 1, kind: .snapshot(Snapshot(metadata: metadata))))
            }
        }
        #expect(node.raft.counters.invalidSnapshots == 4)
        #expect(node.raft.committedIndex == 2)
    }

    @Test func strayRejectionsAndDuplicatesDoNotConfuseTheLeader() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        let rejection = AppendResponse(index: 7, rejection: .init(hintIndex: 1_000, hintTerm: 99))
        try network.nodes[1]!.step(Message(from: 2, to: 1, term: 1, kind: .appendResponse(rejection)))
        try network.nodes[1]!.step(Message(from: 2, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 1))))
        network.stabilize()
        try network.propose(1, "b")
        #expect(network.appliedTexts(2) == ["a", "b"])
    }
}
