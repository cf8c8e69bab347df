import Foundation
import Logging
import RaftHost
import Testing
@testable import KVStore

/// A one-node NodeHost over ``KVDiskStateMachine``: after a restart the host replays only
/// the log entries after the applied index the SQLite file holds.
@Suite(.serialized) struct KVDiskNodeHostTests {
    /// Forwards to a ``KVDiskStateMachine`` and records the indexes `update` was given.
    final class Recording: OnDiskStateMachine, @unchecked Sendable {
        let inner: KVDiskStateMachine
        private let lock = NSLock()
        private var indexes: [UInt64] = []

        init(path: String) { inner = KVDiskStateMachine(path: path) }

        var updatedIndexes: [UInt64] { lock.withLock { indexes } }

        func open() throws(StateMachineError) -> UInt64 { try inner.open() }
        func sync() throws(StateMachineError) { try inner.sync() }
        func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
            lock.withLock { indexes += entries.map(\.index) }
            return try inner.update(entries)
        }
        func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] { try inner.lookup(query) }
        func saveSnapshot() throws(StateMachineError) -> [UInt8] { try inner.saveSnapshot() }
        func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) { try inner.recoverFromSnapshot(data) }
    }

    /// A one-node host in `directory/raft` with group 1 over `machine`.
    static func start(
        _ directory: ScratchDirectory, snapshotEveryEntries: UInt64 = 0, _ machine: @escaping @Sendable () -> any StateMachine
    ) async throws -> NodeHost {
        var logger = Logger(label: "kv-disk-host")
        logger.logLevel = .warning
        let configuration = NodeHostConfiguration(dataDirectory: directory.path + "/raft", nodeID: 1, logger: logger)
        // Once, under the full suite, a restart right after `shutdown()` found the WAL's
        // LOCK still held; the cause is RaftHost's to find, the test waits a little for it.
        var host: NodeHost?
        for attempt in 0..<20 where host == nil {
            do {
                host = try await NodeHost.start(configuration)
            } catch {
                guard "\(error)".contains("is locked"), attempt < 19 else { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard let host else { throw NodeHostError.timeout }
        try await host.startGroup(1, initialMembers: [1: host.listenAddress], options: GroupOptions(snapshotEveryEntries: snapshotEveryEntries), stateMachine: machine)
        return host
    }

    /// Calls `call` until the group has a leader (a restarted node elects itself first).
    static func withLeader<Value>(_ call: () async throws(NodeHostError) -> Value) async throws -> Value {
        for _ in 0..<100 {
            do {
                return try await call()
            } catch .noLeader {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw NodeHostError.timeout
    }

    static func put(_ host: NodeHost, _ key: String) async throws {
        let command = KVCommand.put(key: Array(key.utf8), value: Array(key.utf8)).encoded()
        let result = try await withLeader { () async throws(NodeHostError) in try await host.propose(group: 1, command: command) }
        #expect(result.value == KVOutcome.ok.rawValue)
    }

    static func get(_ host: NodeHost, _ key: String) async throws -> KVGetAnswer {
        let query = KVQuery.get(key: Array(key.utf8)).encoded()
        return try KVGetAnswer(decoding: try await withLeader { () async throws(NodeHostError) in try await host.read(group: 1, query: query) })
    }

    @Test func onlyEntriesAfterTheDatabasesAppliedIndexAreReplayed() async throws {
        let directory = ScratchDirectory("kv-disk-host")
        let path = directory.path + "/group-1.sqlite"
        let files = FileManager.default
        var host = try await Self.start(directory) { KVDiskStateMachine(path: path) }
        for index in 0..<10 { try await Self.put(host, "a\(index)") }
        await host.shutdown()
        // The file as it was after the first ten puts (shutdown syncs: no WAL left behind).
        let durable = try KVDiskStateMachine(path: path).openStore()
        try files.copyItem(atPath: path, toPath: path + ".saved")

        host = try await Self.start(directory) { KVDiskStateMachine(path: path) }
        for index in 0..<10 { try await Self.put(host, "b\(index)") }
        let last = try await host.status(group: 1).appliedIndex
        await host.shutdown()

        // Lose the second ten puts from the database, as a crash before a sync can: the
        // Raft log still has them.
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
        try files.moveItem(atPath: path + ".saved", toPath: path)
        let recording = Recording(path: path)
        host = try await Self.start(directory) { recording }
        for index in 0..<10 {
            #expect(try await Self.get(host, "a\(index)") == .value(Array("a\(index)".utf8)))
            #expect(try await Self.get(host, "b\(index)") == .value(Array("b\(index)".utf8)))
        }
        let replayed = recording.updatedIndexes
        #expect(replayed.first.map { $0 > durable } == true)
        #expect(replayed.contains(last))
        #expect(Set(replayed).count == replayed.count)
        await host.shutdown()
        #expect(try KVDiskStateMachine(path: path).openStore() >= last)
    }

    /// Snapshots every 20 entries, read from the database on the snapshot worker while
    /// puts go on; with the database lost, a restart rebuilds it from the newest snapshot
    /// and the log after it, and every put is there.
    @Test func aLostDatabaseComesBackFromTheSnapshotsReadOffTheLoop() async throws {
        let directory = ScratchDirectory("kv-disk-host")
        let path = directory.path + "/group-1.sqlite"
        var host = try await Self.start(directory, snapshotEveryEntries: 20) { KVDiskStateMachine(path: path) }
        for index in 0..<200 { try await Self.put(host, "k\(index)") }
        #expect(try await host.status(group: 1).snapshotIndex >= 100, "the log was compacted to a snapshot")
        await host.shutdown()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        host = try await Self.start(directory, snapshotEveryEntries: 20) { KVDiskStateMachine(path: path) }
        for index in 0..<200 {
            #expect(try await Self.get(host, "k\(index)") == .value(Array("k\(index)".utf8)), "k\(index)")
        }
        await host.shutdown()
    }
}
