import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Segments go once every group's entries in them are covered by a snapshot, and the
/// log reopened afterwards still holds every group's hard state, membership,
/// snapshot point and the entries after it.
@Suite struct WALCompactionTests {
    static let groups: [GroupID] = [1, 2, 3, 4, 5]

    /// Five groups, entries 1...40 each, interleaved over 1 KiB segments.
    func fill(_ wal: WriteAheadLog) throws {
        for group in Self.groups {
            try wal.append(membership: ConfState(voters: [group, group + 10]), group: group)
            try wal.append(hardState: HardState(term: 1, vote: group, commit: 0), group: group)
        }
        for index in 1...40 as ClosedRange<Index> {
            for group in Self.groups {
                try wal.append(entries: Entry.run(index, index, term: 1), group: group)
            }
        }
        for group in Self.groups {
            try wal.append(hardState: HardState(term: 1, vote: group, commit: 40), group: group)
        }
        try wal.sync()
    }

    func options() -> WriteAheadLog.Options {
        var options = WriteAheadLog.Options()
        options.segmentSizeBytes = 1024
        return options
    }

    @Test func aGroupWithoutASnapshotKeepsEverySegmentWithItsEntries() throws {
        let directory = try TemporaryDirectory()
        let wal = try WriteAheadLog(directory: directory.walPath, options: options())
        try fill(wal)
        for group in Self.groups.dropLast() {
            try wal.append(snapshot: SnapshotMetadata(index: 30, term: 1), replacesLog: false, group: group)
        }
        let before = wal.segmentPaths
        #expect(try wal.compact() == 0)
        #expect(wal.segmentPaths == before)
    }

    @Test func compactionDeletesCoveredSegmentsAndRecoveryKeepsEveryGroupsState() throws {
        let directory = try TemporaryDirectory()
        var deleted: [String] = []
        do {
            let wal = try WriteAheadLog(directory: directory.walPath, options: options())
            try fill(wal)
            for group in Self.groups {
                let index: Index = group == 5 ? 35 : 30
                let conf = ConfState(voters: [group, group + 10])
                try wal.append(snapshot: SnapshotMetadata(index: index, term: 1, confState: conf), replacesLog: false, group: group)
            }
            let before = wal.segmentPaths
            let removed = try wal.compact()
            #expect(removed > 0)
            deleted = Array(before.prefix(removed))
            #expect(wal.segmentPaths.first == before[removed])
            try wal.close()
        }
        for path in deleted {
            #expect(throws: (any Error).self, "\(path) is gone") { try Files.size(path) }
        }
        let wal = try WriteAheadLog(directory: directory.walPath, options: options())
        #expect(wal.recoveredGroups == Self.groups)
        for group in Self.groups {
            let log = wal.takeRecoveredLog(group: group)
            let point: Index = group == 5 ? 35 : 30
            #expect(log.snapshot.index == point)
            #expect(log.entries == Entry.run(point + 1, 40, term: 1), "group \(group)")
            #expect(log.hardState == HardState(term: 1, vote: group, commit: 40))
            #expect(log.confState == ConfState(voters: [group, group + 10]))
        }
    }

    /// A crash after compaction's restated records are synced but before (or while) the
    /// doomed segments are unlinked: some of them are still there on restart, and the
    /// log must read the same.
    @Test func aCrashWhileDeletingSegmentsLeavesTheSameLog() throws {
        let directory = try TemporaryDirectory()
        let before = directory.path + "/before"
        var doomed: [String] = []
        do {
            let wal = try WriteAheadLog(directory: directory.walPath, options: options())
            try fill(wal)
            for group in Self.groups {
                try wal.append(snapshot: SnapshotMetadata(index: 30, term: 1), replacesLog: false, group: group)
                try wal.append(hardState: HardState(term: 2, vote: group, commit: 40), group: group)
            }
            try wal.sync()
            try Files.copyDirectory(directory.walPath, to: before)
            let paths = wal.segmentPaths
            doomed = Array(paths.prefix(try wal.compact()))
            #expect(doomed.count >= 2)
            try wal.close()
        }
        // Put back the newest k doomed segments (unlinking goes oldest first).
        for kept in 1...doomed.count {
            let copy = directory.path + "/crashed-\(kept)"
            try Files.copyDirectory(directory.walPath, to: copy)
            for path in doomed.suffix(kept) {
                let name = String(path.split(separator: "/").last!)
                try Files.write(try Files.bytes(before + "/" + name), to: copy + "/" + name)
            }
            let wal = try WriteAheadLog(directory: copy, options: options())
            #expect(wal.recovery.segmentCount == wal.segmentPaths.count)
            for group in Self.groups {
                let log = wal.takeRecoveredLog(group: group)
                #expect(log.snapshot.index == 30, "\(kept) kept, group \(group)")
                #expect(log.entries == Entry.run(31, 40, term: 1), "\(kept) kept, group \(group)")
                #expect(log.hardState == HardState(term: 2, vote: group, commit: 40))
                #expect(log.confState == ConfState(voters: [group, group + 10]))
            }
        }
    }

    @Test func compactingTwiceAfterMoreWritesStaysConsistent() throws {
        let directory = try TemporaryDirectory()
        var random = SeededRandom(seed: 2)
        var expected: [GroupID: (point: Index, last: Index)] = [:]
        do {
            let wal = try WriteAheadLog(directory: directory.walPath, options: options())
            try fill(wal)
            for round in 1...3 {
                for group in Self.groups {
                    let last = 40 + Index(round) * 20
                    try wal.append(entries: Entry.run(last - 19, last, term: 1), group: group)
                    let point = last - random.next() % 20
                    try wal.append(snapshot: SnapshotMetadata(index: point, term: 1), replacesLog: false, group: group)
                    expected[group] = (point, last)
                }
                try wal.compact()
            }
            try wal.close()
        }
        let wal = try WriteAheadLog(directory: directory.walPath, options: options())
        for group in Self.groups {
            let log = wal.takeRecoveredLog(group: group)
            let (point, last) = expected[group]!
            #expect(log.snapshot.index == point)
            #expect(log.entries == (point < last ? Entry.run(point + 1, last, term: 1) : []), "group \(group)")
            #expect(log.hardState.commit == 40)
        }
    }
}
