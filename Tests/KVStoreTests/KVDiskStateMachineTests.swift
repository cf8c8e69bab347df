import Foundation
import Logging
import ManyModules
import RaftHost
import Testing
import TestSupport
@testable import KVStore

/// The SQLite state machine against the in-memory one: the same history gives the same
/// snapshot bytes; what it applied survives a close and reopen; a file that is not its
/// database is a typed error naming the file.
struct KVDiskStateMachineTests {
    /// A seeded mix of every command kind over a small key space, so commands collide.
    static func history(seed: UInt64, count: Int) -> [StateMachineEntry] {
        var random = SeededRandom(seed: seed)
        let senders = [KVFixtures.alice, KVFixtures.bob]
        var entries = [StateMachineEntry(index: 1, command: KVCommand.initialize(KVInitialState(
            identity: KVFixtures.carol, acl: [[7]: KVFixtures.bob],
            accounts: [KVAccount(address: KVFixtures.carol, roles: [KVFixtures.alice: ["canKvStorePut"]])])).encoded())]
        for index in 2...UInt64(count) {
            let key = [UInt8(random.next() % 12)], value = random.bytes(count: Int(random.next() % 6))
            let sender = senders[Int(random.next() % 2)]
            let command: KVCommand =
                switch random.next() % 7 {
                case 0: .put(key: key, value: value)
                case 1: .delete(key: key)
                case 2: .compareAndSet(key: key, expected: random.next() % 2 == 0 ? nil : value, new: value)
                case 3: .manyPut(sender: sender, KVStorePutArgs(key: key, value: value))
                case 4: .manyDisable(sender: sender, KVStoreDisableArgs(key: key))
                case 5: .manyTransfer(sender: sender, KVStoreTransferArgs(key: key, newOwner: senders[Int(random.next() % 2)]))
                default: .manyPut(sender: KVFixtures.alice, KVStorePutArgs(key: key, value: value, alternativeOwner: KVFixtures.carol))
                }
            entries.append(StateMachineEntry(index: index, command: random.next() % 50 == 0 ? [9, 9] : command.encoded()))
        }
        return entries
    }

    @Test func theSameHistoryGivesTheSameResultsAndSnapshotBytes() throws {
        let directory = ScratchDirectory("kv-disk")
        let memory = KVStateMachine()
        let disk = KVDiskStateMachine(path: directory.path + "/sm.sqlite")
        #expect(try disk.open() == 0)
        let history = Self.history(seed: 0x5a17e, count: 2_000)
        // Batches of varying size, as the host hands them over.
        var start = 0, size = 1
        while start < history.count {
            let batch = Array(history[start..<min(history.count, start + size)])
            #expect(try memory.update(batch) == disk.update(batch))
            start += size
            size = size % 37 + 1
        }
        #expect(try disk.saveSnapshot() == memory.saveSnapshot())
        for query in [KVQuery.hash, .stats, .owned, .list(prefix: [], limit: 5), .list(prefix: [3], limit: 100)] {
            #expect(try disk.lookup(query.encoded()) == memory.lookup(query.encoded()))
        }
    }

    /// A snapshot captured after 1,000 entries and serialized after 1,000 more (and a
    /// replacement from a snapshot) holds the state of the capture: the in-memory
    /// machine's bytes after the first 1,000.
    @Test func aCapturedSnapshotIsTheStateAtCaptureWhateverIsWrittenAfter() throws {
        let directory = ScratchDirectory("kv-disk")
        let history = Self.history(seed: 0xcab, count: 2_000)
        let memory = KVStateMachine()
        _ = try memory.update(Array(history[..<1_000]))
        let disk = KVDiskStateMachine(path: directory.path + "/sm.sqlite")
        _ = try disk.open()
        _ = try disk.update(Array(history[..<1_000]))
        let serialize = try disk.captureSnapshot()
        _ = try disk.update(Array(history[1_000...]))
        let replaced = KVStateMachine()
        _ = try replaced.update(Self.history(seed: 7, count: 50))
        try disk.recoverFromSnapshot(try replaced.saveSnapshot())
        var serialized: [UInt8] = [9]
        try serialize(&serialized)
        #expect(serialized == [9] + (try memory.saveSnapshot()), "appended after what was there")
        #expect(try disk.saveSnapshot() == replaced.saveSnapshot(), "the writer's state went on")
        try disk.sync()
    }

    @Test func closeAndReopenKeepsTheAppliedIndexAndTheData() throws {
        let directory = ScratchDirectory("kv-disk")
        let path = directory.path + "/sm.sqlite"
        let history = Self.history(seed: 0xd15c, count: 300)
        let memory = KVStateMachine()
        _ = try memory.update(history)
        do {
            let disk = KVDiskStateMachine(path: path)
            #expect(try disk.open() == 0)
            _ = try disk.update(Array(history[0..<100]))
            _ = try disk.update(Array(history[100...]))
            // Released without sync(): each batch was already committed.
        }
        let reopened = KVDiskStateMachine(path: path)
        #expect(try reopened.open() == 300)
        #expect(try reopened.saveSnapshot() == memory.saveSnapshot())
        try reopened.sync()
        let again = KVDiskStateMachine(path: path)
        #expect(try again.open() == 300)
        #expect(try again.lookup(KVQuery.hash.encoded()) == memory.lookup(KVQuery.hash.encoded()))
    }

    @Test func recoveringFromASnapshotReplacesEverythingDurably() throws {
        let directory = ScratchDirectory("kv-disk")
        let path = directory.path + "/sm.sqlite"
        let source = KVStateMachine()
        _ = try source.update(Self.history(seed: 1, count: 200))
        do {
            let disk = KVDiskStateMachine(path: path)
            _ = try disk.open()
            _ = try disk.update(Self.history(seed: 2, count: 500))
            try disk.recoverFromSnapshot(try source.saveSnapshot())
        }
        let reopened = KVDiskStateMachine(path: path)
        #expect(try reopened.open() == 200)
        #expect(try reopened.saveSnapshot() == source.saveSnapshot())
    }

    @Test func aFileThatIsNotADatabaseIsATypedErrorNamingIt() throws {
        let directory = ScratchDirectory("kv-disk")
        let path = directory.path + "/sm.sqlite"
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
        let machine = KVDiskStateMachine(path: path)
        #expect(throws: KVStorageError.sqlite(file: path, code: 26, message: "file is not a database")) {
            _ = try machine.openStore()
        }
        let error = #expect(throws: StateMachineError.self) { _ = try machine.open() }
        #expect(error?.message.contains(path) == true)
        #expect(throws: StateMachineError(KVStorageError.notOpen(file: path).description)) { _ = try machine.update([]) }
    }

    @Test func aDatabaseWithDamagedPagesIsATypedErrorNamingIt() throws {
        let directory = ScratchDirectory("kv-disk")
        let path = directory.path + "/sm.sqlite"
        do {
            let disk = KVDiskStateMachine(path: path)
            _ = try disk.open()
            _ = try disk.update(Self.history(seed: 3, count: 400))
            try disk.sync()
        }
        // Keep the 100-byte header and the first page's start; overwrite every page after.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count > 8192)
        for offset in 4096..<bytes.count { bytes[offset] = UInt8(truncatingIfNeeded: offset &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let machine = KVDiskStateMachine(path: path)
        // Opening reads the schema and the meta table; a snapshot reads every page.
        let error = #expect(throws: (any Error).self) {
            _ = try machine.open()
            _ = try machine.saveSnapshot()
        }
        #expect(error.map { "\($0)" }?.hasPrefix(path + ": SQLite error 11") == true)
    }
}
