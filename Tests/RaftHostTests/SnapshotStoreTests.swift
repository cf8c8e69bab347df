import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Snapshot files: written atomically, read back only when checksum and metadata agree,
/// pruned to the newest few; the layout is checked by Python reading the file itself.
@Suite struct SnapshotStoreTests {
    let metadata = SnapshotMetadata(
        index: 42, term: 7, confState: ConfState(voters: [1, 2, 3], learners: [9], votersOutgoing: [1, 4], autoLeave: true, witnesses: [3]))

    var snapshot: Snapshot { Snapshot(metadata: metadata, data: Array("the state machine at 42".utf8)) }

    @Test func aWrittenSnapshotReadsBackWithItsMetadata() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath)
        let path = try store.write(snapshot, group: 5)
        #expect(path == directory.snapshotPath + "/snapshot-0000000000000005-000000000000002a.snap")
        #expect(try store.read(group: 5, expected: metadata) == snapshot)
        #expect(try store.indexes(group: 5) == [42])
    }

    @Test func pythonReadsTheLayoutAndTheChecksum() throws {
        let directory = try TemporaryDirectory()
        let path = try SnapshotStore(directory: directory.snapshotPath).write(snapshot, group: 5)
        let script = """
            import struct, sys, crc32c
            raw = open(sys.argv[1], "rb").read()
            body, (stored,) = raw[:-4], struct.unpack("<I", raw[-4:])
            magic, version, group, index, term = struct.unpack_from("<4sHQQQ", body)
            at = 30
            sets = []
            for _ in range(4):
                (count,) = struct.unpack_from("<I", body, at)
                sets.append(sorted(struct.unpack_from("<%dQ" % count, body, at + 4)))
                at += 4 + 8 * count
            auto_leave = body[at]
            at += 1
            (count,) = struct.unpack_from("<I", body, at)
            sets.append(sorted(struct.unpack_from("<%dQ" % count, body, at + 4)))
            at += 4 + 8 * count
            (length,) = struct.unpack_from("<Q", body, at)
            data = body[at + 8:]
            assert len(data) == length
            print(magic.decode(), version, group, index, term, sets, auto_leave, data.decode(), crc32c.crc32c(body) == stored)
            """
        let output = try PythonOracle.run(script, arguments: [path])
        #expect(output == "MSNP 1 5 42 7 [[1, 2, 3], [9], [1, 4], [], [3]] 1 the state machine at 42 True\n")
    }

    @Test func anyFlippedByteIsACorruptSnapshot() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath)
        let path = try store.write(snapshot, group: 5)
        let original = try Files.bytes(path)
        for offset in original.indices {
            var damaged = original
            damaged[offset] ^= 0x01
            try Files.write(damaged, to: path)
            #expect(throws: SnapshotError.corrupt(file: path, reason: .checksumMismatch), "byte \(offset)") {
                try store.read(group: 5, expected: metadata)
            }
        }
    }

    @Test func aTruncatedFileIsACorruptSnapshot() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath)
        let path = try store.write(snapshot, group: 5)
        let original = try Files.bytes(path)
        for size in 0..<original.count {
            try Files.write(Array(original.prefix(size)), to: path)
            let reason: SnapshotCorruption = size < SnapshotFile.minimumSizeBytes ? .badLength : .checksumMismatch
            #expect(throws: SnapshotError.corrupt(file: path, reason: reason), "size \(size)") {
                try store.read(group: 5, index: 42)
            }
        }
    }

    @Test func anIntactSnapshotOfAnotherPointIsRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath)
        let path = try store.write(snapshot, group: 5)
        var other = metadata
        other.term = 8
        #expect(throws: SnapshotError.metadataMismatch(file: path, expected: other, found: metadata)) {
            try store.read(group: 5, expected: other)
        }
        // The same bytes under another group's or index's name.
        try Files.write(try Files.bytes(path), to: store.path(group: 6, index: 42))
        #expect(throws: SnapshotError.corrupt(file: store.path(group: 6, index: 42), reason: .wrongGroup(5))) {
            try store.read(group: 6, index: 42)
        }
        try Files.write(try Files.bytes(path), to: store.path(group: 5, index: 43))
        var renamed = metadata
        renamed.index = 43
        #expect(throws: SnapshotError.metadataMismatch(file: store.path(group: 5, index: 43), expected: renamed, found: metadata)) {
            try store.read(group: 5, index: 43)
        }
        #expect(throws: SnapshotError.missing(group: 5, index: 44)) { try store.read(group: 5, index: 44) }
    }

    @Test func onlyTheNewestSnapshotsOfEachGroupAreKept() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath, retainedCount: 2)
        for index in 1...5 as ClosedRange<Index> {
            try store.write(Snapshot(metadata: SnapshotMetadata(index: index * 10, term: 1), data: [UInt8(index)]), group: 1)
            try store.write(Snapshot(metadata: SnapshotMetadata(index: index, term: 1), data: [UInt8(index)]), group: 2)
        }
        try store.prune(group: 1)
        try store.prune(group: 2, below: 3)
        #expect(try store.indexes(group: 1) == [40, 50])
        #expect(try store.indexes(group: 2) == [3, 4, 5], "3 is spared: a durable record may point to it")
    }

    @Test func aTemporaryFileLeftByACrashIsRemovedOnOpen() throws {
        let directory = try TemporaryDirectory()
        let store = try SnapshotStore(directory: directory.snapshotPath)
        let leftover = store.path(group: 1, index: 9) + ".tmp"
        try Files.write([1, 2, 3], to: leftover)
        _ = try SnapshotStore(directory: directory.snapshotPath)
        #expect(throws: (any Error).self) { try Files.size(leftover) }
        #expect(try store.indexes(group: 1) == [])
    }
}
