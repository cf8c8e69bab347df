import Testing
@testable import Raft

/// `RaftConfig.parallelLeaderWrites`: a leader's Readys may send before its own write,
/// which it counts only when `advance` says it is durable, and only in a configuration
/// where the followers that get ahead of it can win an election.
@Suite struct ParallelLeaderWritesTests {
    /// Node 1 as the leader of `confState`, its election persisted and its first
    /// entry acknowledged by every follower.
    func leader(_ confState: ConfState = ConfState(voters: [1, 2, 3]), parallel: Bool = true) throws
        -> (RawNode<MemoryStorage>, MemoryStorage)
    {
        let storage = MemoryStorage(confState: confState)
        var config = RaftConfig(id: 1)
        config.parallelLeaderWrites = parallel
        let node = try RawNode(config: config, storage: storage)
        node.campaign()
        try persist(node.ready(), node, storage)
        for voter in confState.voters.sorted() where voter != 1 {
            try node.step(Message(from: voter, to: 1, term: 1, kind: .voteResponse(granted: true)))
        }
        #expect(node.raft.role == .leader)
        try persist(node.ready(), node, storage)
        for follower in confState.voters.union(confState.votersOutgoing).sorted() where follower != 1 {
            try node.step(Message(from: follower, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 1))))
        }
        while node.hasReady { try persist(node.ready(), node, storage) }
        return (node, storage)
    }

    func persist(_ ready: Ready, _ node: RawNode<MemoryStorage>, _ storage: MemoryStorage) throws {
        try storage.append(ready.entries)
        if let state = ready.hardState { storage.setHardState(state) }
        node.advance(ready)
    }

    @Test func theLeaderSendsFirstAndCountsItsOwnCopyOnlyOnceDurable() throws {
        let (node, storage) = try leader()
        #expect(node.raft.committedIndex == 1)
        try node.propose([7])
        let ready = node.ready()
        #expect(ready.messagesPrecedePersist)
        #expect(ready.entries.map(\.index) == [2])
        #expect(Set(ready.messages.map(\.to)) == [2, 3])
        // Node 2 acknowledges before the leader's own write is done: one of three.
        try node.step(Message(from: 2, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 2))))
        #expect(node.raft.committedIndex == 1, "the leader's unwritten copy does not count")
        try persist(ready, node, storage)
        #expect(node.raft.committedIndex == 2, "counted at advance")
        let next = node.ready()
        #expect(next.committedEntries.map(\.data) == [[7]])
    }

    @Test func withoutTheOptionEverythingWaitsForTheWrite() throws {
        let (node, _) = try leader(parallel: false)
        try node.propose([7])
        let ready = node.ready()
        #expect(!ready.messagesPrecedePersist)
        #expect(node.raft.tracker.progress[1]?.match == 2, "counted when appended, as before")
    }

    @Test func aSingleNodeGroupCommitsOneReadyLater() throws {
        let (node, storage) = try leader(ConfState(voters: [1]))
        try node.propose([7])
        let ready = node.ready()
        #expect(ready.entries.map(\.data) == [[7]])
        #expect(ready.committedEntries.isEmpty)
        try persist(ready, node, storage)
        #expect(node.ready().committedEntries.map(\.data) == [[7]])
    }

    @Test func aChangingConfigurationWaitsForTheWrite() throws {
        let (node, storage) = try leader()
        try node.proposeConfChange(ConfChange([.init(.addLearner, 4)]))
        let ready = node.ready()
        #expect(!ready.messagesPrecedePersist, "a change in the log that the leader has not applied")
        try persist(ready, node, storage)
        try node.step(Message(from: 2, to: 1, term: 1, kind: .appendResponse(AppendResponse(index: 2))))
        let applying = node.ready()
        #expect(applying.committedEntries.map(\.kind) == [.confChange])
        for entry in applying.committedEntries { try node.applyConfChange(ConfChange(decoding: entry.data)) }
        try persist(applying, node, storage)
        try node.propose([7])
        #expect(node.ready().messagesPrecedePersist, "applied: stable again")
    }

    @Test func aJointConfigurationOrAWitnessWaitsForTheWrite() throws {
        var joint = ConfState(voters: [1, 2, 3])
        joint.votersOutgoing = [1, 2, 4]
        let (jointLeader, _) = try leader(joint)
        try jointLeader.propose([7])
        #expect(!jointLeader.ready().messagesPrecedePersist)

        var withWitness = ConfState(voters: [1, 2, 3])
        withWitness.witnesses = [3]
        let (witnessLeader, _) = try leader(withWitness)
        try witnessLeader.propose([7])
        #expect(!witnessLeader.ready().messagesPrecedePersist, "a witness votes but never campaigns")
    }

    @Test func aNewTermWaitsForTheWrite() throws {
        let storage = MemoryStorage(confState: ConfState(voters: [1, 2, 3]))
        var config = RaftConfig(id: 1)
        config.parallelLeaderWrites = true
        let node = try RawNode(config: config, storage: storage)
        node.campaign()
        try node.step(Message(from: 2, to: 1, term: 1, kind: .voteResponse(granted: true)))
        let ready = node.ready()
        #expect(node.raft.role == .leader)
        #expect(ready.hardState?.vote == 1)
        #expect(!ready.messagesPrecedePersist, "its own vote is not durable yet")
    }
}
