import Raft
import Testing
import TestSupport
@testable import RaftHost

/// A RawNode on the durable storage: closed and reopened, it keeps its log, hard state
/// and membership; snapshots compact the log and survive restarts.
@Suite struct DurableLogStorageTests {
    /// The WAL, snapshot store and one group's storage over a directory.
    struct Host {
        let wal: WriteAheadLog
        let storage: DurableLogStorage

        init(_ directory: TemporaryDirectory, segmentSizeBytes: Int = 64 << 20) throws {
            var options = WriteAheadLog.Options()
            options.segmentSizeBytes = segmentSizeBytes
            wal = try WriteAheadLog(directory: directory.walPath, options: options)
            let snapshots = try SnapshotStore(directory: directory.snapshotPath)
            storage = try DurableLogStorage(group: 1, wal: wal, snapshots: snapshots, bootstrap: ConfState(voters: [1]))
            try wal.sync()
        }

        /// Handles every Ready in the documented order and returns the applied entries.
        func drain(_ node: inout RawNode<DurableLogStorage>) throws -> [Entry] {
            var applied: [Entry] = []
            while node.hasReady {
                let ready = node.ready()
                if let snapshot = ready.snapshot { try storage.applySnapshot(snapshot) }
                try storage.append(ready.entries)
                if let state = ready.hardState { try storage.setHardState(state) }
                if ready.mustSync { try wal.sync() }
                #expect(ready.messages.isEmpty, "a single-node group sends nothing")
                applied += ready.committedEntries
                node.advance(ready)
            }
            return applied
        }

        func allEntries() throws -> [Entry] {
            try storage.entries(from: storage.firstIndex(), to: storage.lastIndex() + 1, maxSizeBytes: .max)
        }
    }

    @Test func aSingleNodeGroupKeepsItsLogAndHardStateAcrossRestarts() throws {
        let directory = try TemporaryDirectory()
        var log: [Entry] = []
        var hardState = HardState()
        do {
            let host = try Host(directory)
            var node = try RawNode(config: RaftConfig(id: 1), storage: host.storage)
            node.campaign()
            var applied = try host.drain(&node)
            for value in 0..<10 as Range<UInt8> {
                try node.propose([value])
                applied += try host.drain(&node)
            }
            #expect(node.raft.role == .leader)
            #expect(applied.map(\.data) == [[]] + (0..<10).map { [$0] })
            log = try host.allEntries()
            hardState = host.storage.hardState
            #expect(hardState == HardState(term: 1, vote: 1, commit: 11))
            try host.wal.close()
        }
        do {
            let host = try Host(directory)
            #expect(host.storage.initialState() == (hardState, ConfState(voters: [1])))
            #expect(try host.allEntries() == log)
            var node = try RawNode(config: RaftConfig(id: 1), storage: host.storage)
            #expect(node.raft.term == 1)
            #expect(node.raft.committedIndex == 11)
            #expect(node.raft.lastIndex == 11)
            #expect(node.raft.confState.voters == [1])
            node.campaign()
            var applied = try host.drain(&node)
            try node.propose([42])
            applied += try host.drain(&node)
            #expect(node.raft.term == 2)
            #expect(applied.map(\.data) == log.map(\.data) + [[], [42]], "replayed from the log, then the new term")
            try host.wal.close()
        }
        let host = try Host(directory)
        #expect(host.storage.hardState == HardState(term: 2, vote: 1, commit: 13))
        #expect(try host.allEntries().last == Entry(term: 2, index: 13, data: [42]))
    }

    /// Eight single-node groups on one WAL, each round's Readies made durable by one
    /// sync (group commit); after a restart every group has its own log back.
    @Test func manyGroupsShareOneSyncPerRoundAndRecoverSeparately() throws {
        let directory = try TemporaryDirectory()
        let groups = (1...8).map { GroupID($0) }
        var logs: [GroupID: [Entry]] = [:]
        var syncs = 0
        do {
            let wal = try WriteAheadLog(directory: directory.walPath)
            let snapshots = try SnapshotStore(directory: directory.snapshotPath)
            var storages: [GroupID: DurableLogStorage] = [:]
            var nodes: [GroupID: RawNode<DurableLogStorage>] = [:]
            for group in groups {
                let storage = try DurableLogStorage(group: group, wal: wal, snapshots: snapshots, bootstrap: ConfState(voters: [1]))
                storages[group] = storage
                nodes[group] = try RawNode(config: RaftConfig(id: 1), storage: storage)
                nodes[group]!.campaign()
            }
            // Each round: every group's Ready persisted, ONE sync, then (messages would be
            // sent here) every group advances. Proposals stop after 19 rounds; the rounds
            // go on until no group has work.
            var round = 0
            while round < 20 || groups.contains(where: { nodes[$0]!.hasReady }) {
                var readies: [(GroupID, Ready)] = []
                for group in groups {
                    if round > 0 && round < 20 { try nodes[group]!.propose(Array("g\(group) r\(round)".utf8)) }
                    guard nodes[group]!.hasReady else { continue }
                    let ready = nodes[group]!.ready()
                    try storages[group]!.append(ready.entries)
                    if let state = ready.hardState { try storages[group]!.setHardState(state) }
                    readies.append((group, ready))
                }
                try wal.sync()
                syncs += 1
                for (group, ready) in readies {
                    #expect(ready.messages.isEmpty)
                    nodes[group]!.advance(ready)
                }
                round += 1
            }
            #expect(wal.syncCount == syncs, "one sync per round for all eight groups")
            for group in groups {
                #expect(nodes[group]!.raft.committedIndex == 20)
                logs[group] = try storages[group]!.entries(from: 1, to: 21, maxSizeBytes: .max)
            }
        }
        let wal = try WriteAheadLog(directory: directory.walPath)
        let snapshots = try SnapshotStore(directory: directory.snapshotPath)
        #expect(wal.recoveredGroups == groups)
        for group in groups {
            let storage = try DurableLogStorage(group: group, wal: wal, snapshots: snapshots)
            #expect(try storage.entries(from: 1, to: storage.lastIndex() + 1, maxSizeBytes: .max) == logs[group])
            #expect(storage.hardState.commit == 20)
            #expect(logs[group]!.last?.data == Array("g\(group) r19".utf8))
        }
    }

    @Test func aSnapshotCompactsTheLogAndItsSegmentsAndSurvivesARestart() throws {
        let directory = try TemporaryDirectory()
        let state: [UInt8] = Array("applied through 150".utf8)
        do {
            let host = try Host(directory, segmentSizeBytes: 1024)
            var node = try RawNode(config: RaftConfig(id: 1), storage: host.storage)
            node.campaign()
            _ = try host.drain(&node)
            for value in 0..<200 as Range<Int> {
                try node.propose(Array("value \(value)".utf8))
                _ = try host.drain(&node)
            }
            let segmentsBefore = host.wal.segmentPaths.count
            try host.storage.createSnapshot(at: 150, confState: ConfState(voters: [1]), data: state)
            #expect(host.storage.firstIndex() == 151)
            #expect(throws: StorageError.compacted) { try host.storage.term(at: 149) }
            #expect(try host.storage.term(at: 150) == 1)
            #expect(try host.wal.compact() > 0)
            #expect(host.wal.segmentPaths.count < segmentsBefore)
            try host.wal.close()
        }
        let host = try Host(directory, segmentSizeBytes: 1024)
        #expect(host.storage.firstIndex() == 151)
        #expect(host.storage.lastIndex() == 201)
        #expect(host.storage.snapshot() == Snapshot(metadata: SnapshotMetadata(index: 150, term: 1, confState: ConfState(voters: [1])), data: state))
        #expect(try host.allEntries().first?.data == Array("value 149".utf8), "index 1 is the leader's empty entry")
        var config = RaftConfig(id: 1)
        config.applied = 150
        var node = try RawNode(config: config, storage: host.storage)
        node.campaign()
        let applied = try host.drain(&node)
        #expect(applied.first?.index == 151, "entries after the snapshot are applied again, none before")
    }

    @Test func aLeadersSnapshotReplacesALogThatDoesNotHoldItsLastEntry() throws {
        let directory = try TemporaryDirectory()
        let leaders = Snapshot(metadata: SnapshotMetadata(index: 10, term: 3, confState: ConfState(voters: [1, 2])), data: [1])
        do {
            let host = try Host(directory)
            try host.storage.append(Entry.run(1, 5, term: 1))
            try host.storage.applySnapshot(leaders)
            #expect(host.storage.lastIndex() == 10)
            try host.storage.append(Entry.run(11, 12, term: 3))
            try host.wal.close()
        }
        let host = try Host(directory)
        #expect(host.storage.firstIndex() == 11)
        #expect(try host.allEntries() == Entry.run(11, 12, term: 3))
        #expect(host.storage.initialState().1 == ConfState(voters: [1, 2]))
        #expect(throws: DurableStorageError.storage(.snapshotOutOfDate)) { try host.storage.applySnapshot(leaders) }
    }

    @Test func aSnapshotOfAnEntryTheLogHoldsKeepsTheEntriesAfterIt() throws {
        let directory = try TemporaryDirectory()
        do {
            let host = try Host(directory)
            try host.storage.append(Entry.run(1, 5, term: 1))
            try host.storage.applySnapshot(Snapshot(metadata: SnapshotMetadata(index: 3, term: 1), data: [3]))
            try host.wal.close()
        }
        let host = try Host(directory)
        #expect(try host.allEntries() == Entry.run(4, 5, term: 1))
        #expect(throws: DurableStorageError.storage(.unavailable)) { try host.storage.append(Entry.run(7, 7, term: 1)) }
    }

    /// Snapshots written while the WAL records pointing at them are not yet synced: a
    /// crash leaves the WAL pointing at the last synced one, whose file must still exist.
    @Test func pruningSparesTheSnapshotTheDurableLogPointsTo() throws {
        let directory = try TemporaryDirectory()
        do {
            let wal = try WriteAheadLog(directory: directory.walPath)
            let snapshots = try SnapshotStore(directory: directory.snapshotPath, retainedCount: 1)
            let storage = try DurableLogStorage(group: 1, wal: wal, snapshots: snapshots, bootstrap: ConfState(voters: [1]))
            try storage.append(Entry.run(1, 5, term: 1))
            try storage.createSnapshot(at: 2, confState: ConfState(voters: [1]), data: [2])
            try wal.sync()
            try storage.createSnapshot(at: 3, confState: ConfState(voters: [1]), data: [3])
            try storage.createSnapshot(at: 4, confState: ConfState(voters: [1]), data: [4])
            #expect(try snapshots.indexes(group: 1) == [2, 3, 4])
            // A crash: the WAL is dropped without its pending records ever being written.
        }
        let host = try Host(directory)
        #expect(host.storage.snapshot().data == [2])
        #expect(try host.allEntries() == Entry.run(3, 5, term: 1))
        try host.storage.append(Entry.run(6, 7, term: 1))
        try host.storage.createSnapshot(at: 5, confState: ConfState(voters: [1]), data: [5])
        try host.wal.sync()
        try host.storage.createSnapshot(at: 6, confState: ConfState(voters: [1]), data: [6])
        let store = try SnapshotStore(directory: directory.snapshotPath)
        #expect(try store.indexes(group: 1) == [5, 6], "once 5 is durable, the older files go")
    }

    @Test func aDamagedSnapshotFileStopsTheGroupFromOpening() throws {
        let directory = try TemporaryDirectory()
        var path = ""
        do {
            let host = try Host(directory)
            try host.storage.append(Entry.run(1, 5, term: 1))
            try host.storage.createSnapshot(at: 4, confState: ConfState(voters: [1]), data: [4, 4])
            try host.wal.close()
            path = try SnapshotStore(directory: directory.snapshotPath).path(group: 1, index: 4)
        }
        try Files.flipByte(at: 20, in: path)
        #expect(throws: DurableStorageError.snapshot(.corrupt(file: path, reason: .checksumMismatch))) { try Host(directory) }
    }
}
