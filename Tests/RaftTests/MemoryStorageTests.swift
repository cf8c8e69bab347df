import Testing
@testable import Raft

/// MemoryStorage as etcd-raft's storage_test.go exercises it: terms, slices, size
/// limits, compaction and snapshots, with typed errors at every edge.
@Suite struct MemoryStorageTests {
    /// A storage compacted to index 3 (term 3) holding 3/3, 4/4, 5/5.
    func storage() throws -> MemoryStorage {
        let storage = MemoryStorage()
        try storage.append((1...5).map { Entry(term: Term($0), index: Index($0)) })
        try storage.compact(upTo: 3)
        return storage
    }

    @Test func termsAroundTheCompactionPoint() throws {
        let storage = try storage()
        #expect(throws: StorageError.compacted) { try storage.term(at: 2) }
        #expect(try storage.term(at: 3) == 3)
        #expect(try storage.term(at: 5) == 5)
        #expect(throws: StorageError.unavailable) { try storage.term(at: 6) }
        #expect(storage.firstIndex() == 4)
        #expect(storage.lastIndex() == 5)
    }

    @Test func entriesAreBoundedBySizeButNeverEmpty() throws {
        let storage = try storage()
        #expect(throws: StorageError.compacted) { try storage.entries(from: 3, to: 6, maxSizeBytes: .max) }
        #expect(throws: StorageError.unavailable) { try storage.entries(from: 4, to: 7, maxSizeBytes: .max) }
        #expect(try storage.entries(from: 4, to: 6, maxSizeBytes: .max).map(\.index) == [4, 5])
        #expect(try storage.entries(from: 4, to: 6, maxSizeBytes: 0).map(\.index) == [4])
        let two = Entry.headerSizeBytes * 2
        #expect(try storage.entries(from: 4, to: 6, maxSizeBytes: two).map(\.index) == [4, 5])
    }

    @Test func appendOverwritesASuffixAndSkipsCompactedEntries() throws {
        let storage = try storage()
        try storage.append([Entry(term: 3, index: 3), Entry(term: 6, index: 4)])
        #expect(storage.lastIndex() == 4)
        #expect(try storage.term(at: 4) == 6)
        #expect(throws: StorageError.unavailable) { try storage.append([Entry(term: 6, index: 9)]) }
    }

    @Test func snapshotsReplaceTheLogAndOldOnesAreRefused() throws {
        let storage = try storage()
        let snapshot = try storage.createSnapshot(at: 4, confState: ConfState(voters: [1, 2, 3]), data: [1])
        #expect(snapshot.metadata.term == 4)
        #expect(throws: StorageError.snapshotOutOfDate) {
            try storage.createSnapshot(at: 4, confState: ConfState(), data: [])
        }
        let newer = Snapshot(metadata: SnapshotMetadata(index: 10, term: 7, confState: ConfState(voters: [1])))
        try storage.applySnapshot(newer)
        #expect(storage.firstIndex() == 11)
        #expect(storage.lastIndex() == 10)
        #expect(try storage.term(at: 10) == 7)
        #expect(throws: StorageError.snapshotOutOfDate) { try storage.applySnapshot(snapshot) }
        #expect(storage.initialState().1.voters == [1])
    }
}
