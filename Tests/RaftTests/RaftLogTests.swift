import Testing
@testable import Raft

/// RaftLog over storage plus unstable entries (etcd-raft log_test.go, by example).
@Suite struct RaftLogTests {
    func log(stored: [Term], unstable: [Term] = []) throws -> RaftLog<MemoryStorage> {
        let storage = MemoryStorage()
        try storage.append(stored.enumerated().map { Entry(term: $1, index: Index($0 + 1)) })
        var log = try RaftLog(storage: storage)
        let base = Index(stored.count)
        log.append(unstable.enumerated().map { Entry(term: $1, index: base + Index($0 + 1)) })
        return log
    }

    @Test func termsSpanStorageAndUnstable() throws {
        let log = try log(stored: [1, 1, 2], unstable: [3, 3])
        #expect(log.lastIndex == 5 && log.lastTerm == 3)
        #expect(try log.term(at: 3) == 2)
        #expect(try log.term(at: 4) == 3)
        #expect(try log.term(at: 0) == 0)
        #expect(throws: StorageError.unavailable) { try log.term(at: 6) }
        #expect(try log.slice(2, 5, maxSizeBytes: .max).map(\.term) == [1, 2, 3])
    }

    @Test func findConflictReportsTheFirstDifferingEntry() throws {
        let log = try log(stored: [1, 2, 3])
        #expect(log.findConflict([Entry(term: 1, index: 1), Entry(term: 2, index: 2)]) == 0)
        #expect(log.findConflict([Entry(term: 2, index: 2), Entry(term: 4, index: 3)]) == 3)
        #expect(log.findConflict([Entry(term: 3, index: 3), Entry(term: 4, index: 4)]) == 4)
    }

    @Test func findConflictByTermSkipsWholeTerms() throws {
        // Follower log: terms 1 1 1 4 4 5 5 5 (indexes 1...8).
        let log = try log(stored: [1, 1, 1, 4, 4, 5, 5, 5])
        #expect(log.findConflictByTerm(8, 3) == (3, 1))
        #expect(log.findConflictByTerm(8, 4) == (5, 4))
        #expect(log.findConflictByTerm(8, 6) == (8, 5))
        #expect(log.findConflictByTerm(5, 0) == (0, 0))
    }

    @Test func maybeAppendTruncatesConflictsAndCommits() throws {
        var log = try log(stored: [1, 2, 3])
        let mismatch = AppendEntries(prevIndex: 3, prevTerm: 2, entries: [], commit: 3)
        let mismatched = try log.maybeAppend(mismatch)
        #expect(mismatched == nil)
        let overwrite = AppendEntries(prevIndex: 1, prevTerm: 1, entries: [Entry(term: 4, index: 2)], commit: 5)
        let matched = try log.maybeAppend(overwrite)
        #expect(matched == 2)
        #expect(log.lastIndex == 2 && log.committed == 2, "commit is bounded by the last new entry")
        let contradicting = AppendEntries(prevIndex: 0, prevTerm: 0, entries: [Entry(term: 9, index: 1)], commit: 0)
        var copy = log
        #expect(throws: RaftLog<MemoryStorage>.AppendError.conflictWithCommitted(1)) {
            try copy.maybeAppend(contradicting)
        }
    }

    @Test func leaderCommitsOnlyEntriesOfItsTerm() throws {
        var log = try log(stored: [1, 2], unstable: [3])
        let earlier = log.maybeCommit(2, term: 3)
        #expect(!earlier)
        let current = log.maybeCommit(3, term: 3)
        #expect(current)
        #expect(log.committed == 3)
        #expect(log.nextCommittedEntries().map(\.index) == [1, 2, 3])
        log.applied(to: 3)
        #expect(!log.hasNextCommittedEntries)
    }

    @Test func stableToDropsPersistedUnstableEntries() throws {
        var log = try log(stored: [1], unstable: [2, 2])
        log.stable(to: 2, term: 9)
        #expect(log.unstableEntries.count == 2, "term mismatch: overwritten meanwhile")
        log.stable(to: 2, term: 2)
        #expect(log.unstableEntries.map(\.index) == [3])
    }
}
