import Testing
@testable import Raft

/// The Ready/advance contract: what must be persisted travels in the same Ready
/// as the messages that depend on it, and nothing is handed out twice.
@Suite struct ReadyTests {
    func node(_ id: NodeID, voters: Set<NodeID> = [1, 2, 3], configure: (inout RaftConfig) -> Void = { _ in })
        throws -> (RawNode<MemoryStorage>, MemoryStorage)
    {
        let storage = MemoryStorage(confState: ConfState(voters: voters))
        var config = RaftConfig(id: id)
        configure(&config)
        return (try RawNode(config: config, storage: storage), storage)
    }

    @Test func aCandidatesVoteRequestsComeWithItsPersistedVote() throws {
        let (node, _) = try node(1)
        #expect(!node.hasReady)
        node.campaign()
        let ready = node.ready()
        #expect(ready.hardState == HardState(term: 1, vote: 1, commit: 0))
        #expect(ready.mustSync)
        #expect(ready.softState == SoftState(leader: .none, role: .candidate))
        #expect(ready.messages.map(\.to) == [2, 3])
        #expect(ready.messages.allSatisfy { $0.kind == .requestVote(VoteRequest(lastIndex: 0, lastTerm: 0)) })
    }

    @Test func aVoteGrantTravelsWithTheVoteItRecords() throws {
        let (node, _) = try node(2)
        try node.step(Message(from: 1, to: 2, term: 1, kind: .requestVote(VoteRequest(lastIndex: 0, lastTerm: 0))))
        let ready = node.ready()
        #expect(ready.hardState == HardState(term: 1, vote: 1, commit: 0))
        #expect(ready.mustSync)
        #expect(ready.messages.map(\.kind) == [.voteResponse(granted: true)])
    }

    @Test func anAppendAcknowledgementTravelsWithTheEntriesItAcknowledges() throws {
        let (node, storage) = try node(2)
        let entries = [Entry(term: 1, index: 1), Entry(term: 1, index: 2, data: [7])]
        let append = AppendEntries(prevIndex: 0, prevTerm: 0, entries: entries, commit: 1)
        try node.step(Message(from: 1, to: 2, term: 1, kind: .appendEntries(append)))
        let ready = node.ready()
        #expect(ready.entries == entries)
        #expect(ready.messages.map(\.kind) == [.appendResponse(AppendResponse(index: 2))])
        #expect(ready.hardState == HardState(term: 1, vote: 0, commit: 1))
        #expect(ready.committedEntries == [entries[0]], "commit 1 applies only after it is persisted too")
        try storage.append(ready.entries)
        node.advance(ready)
        #expect(!node.hasReady, "nothing is handed out twice")
        #expect(node.raft.log.unstableEntries.isEmpty)
        #expect(node.raft.appliedIndex == 1)
    }

    @Test func aSingleNodeLeaderCommitsWhatItPersistsInTheSameReady() throws {
        let (node, storage) = try node(1, voters: [1])
        node.campaign()
        var ready = node.ready()
        #expect(ready.softState?.role == .leader)
        #expect(ready.entries.count == 1 && ready.committedEntries.count == 1)
        try storage.append(ready.entries)
        storage.setHardState(ready.hardState!)
        node.advance(ready)
        try node.propose([1, 2, 3])
        ready = node.ready()
        #expect(ready.entries.map(\.data) == [[1, 2, 3]])
        #expect(ready.committedEntries.map(\.data) == [[1, 2, 3]])
        #expect(ready.hardState?.commit == 2)
        #expect(!ready.mustSync || !ready.entries.isEmpty)
        try storage.append(ready.entries)
        node.advance(ready)
        #expect(!node.hasReady)
    }

    @Test func committedEntriesAreBoundedPerReady() throws {
        let (node, storage) = try node(1, voters: [1]) { $0.maxCommittedSizePerReadyBytes = 1 }
        node.campaign()
        for value in 0..<3 { try node.propose([UInt8(value)]) }
        var appliedData: [[UInt8]] = []
        var rounds = 0
        while node.hasReady {
            rounds += 1
            let ready = node.ready()
            try storage.append(ready.entries)
            if let state = ready.hardState { storage.setHardState(state) }
            appliedData += ready.committedEntries.map(\.data)
            node.advance(ready)
        }
        #expect(appliedData == [[], [0], [1], [2]])
        #expect(rounds == 4, "one committed entry per Ready")
    }

    @Test func aRestartedNodeResumesFromItsStorage() throws {
        var network = Network([1, 2, 3])
        network.campaign(1)
        try network.propose(1, "a")
        let storage = network.storages[2]!
        let restarted = try RawNode(config: RaftConfig(id: 2), storage: storage)
        #expect(restarted.raft.term == 1)
        #expect(restarted.raft.committedIndex == 2)
        #expect(restarted.raft.lastIndex == 2)
        #expect(restarted.raft.role == .follower)
        var config = RaftConfig(id: 2)
        config.applied = 2
        let resumed = try RawNode(config: config, storage: storage)
        #expect(!resumed.hasReady, "applied entries are not handed out again")
    }

    @Test func aCorruptHardStateIsATypedError() {
        let storage = MemoryStorage(hardState: HardState(term: 1, vote: 0, commit: 5), confState: ConfState(voters: [1]))
        #expect(throws: RaftError.self) { try RawNode(config: RaftConfig(id: 1), storage: storage) }
        #expect(throws: RaftError.invalidConfig("id must not be 0")) {
            try RawNode(config: RaftConfig(id: 0), storage: MemoryStorage())
        }
    }
}
