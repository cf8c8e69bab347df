import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Round trips, Raft's overwrite rule, many interleaved groups (against Raft's own
/// `MemoryStorage` as the model of what a log holds) and segment roll-over.
@Suite struct WriteAheadLogTests {
    @Test func recordsOfSeveralGroupsComeBackAfterReopening() throws {
        let directory = try TemporaryDirectory()
        do {
            let wal = try WriteAheadLog(directory: directory.walPath)
            try wal.append(membership: ConfState(voters: [1, 2, 3], learners: [4]), group: 7)
            try wal.append(entries: Entry.run(1, 3, term: 1), group: 7)
            try wal.append(entries: [Entry(term: 1, index: 1, kind: .confChange, data: [9])], group: 9)
            try wal.append(hardState: HardState(term: 1, vote: 2, commit: 2), group: 7)
            try wal.append(hardState: HardState(term: 1, vote: 1, commit: 1), group: 9)
            try wal.sync()
            try wal.close()
        }
        let wal = try WriteAheadLog(directory: directory.walPath)
        #expect(wal.recoveredGroups == [7, 9])
        #expect(wal.recovery == .init(segmentCount: 1, recordCount: 6, truncatedBytes: 0))
        let seven = wal.takeRecoveredLog(group: 7)
        #expect(seven.entries == Entry.run(1, 3, term: 1))
        #expect(seven.hardState == HardState(term: 1, vote: 2, commit: 2))
        #expect(seven.confState == ConfState(voters: [1, 2, 3], learners: [4]))
        let nine = wal.takeRecoveredLog(group: 9)
        #expect(nine.entries == [Entry(term: 1, index: 1, kind: .confChange, data: [9])])
        #expect(nine.hardState == HardState(term: 1, vote: 1, commit: 1))
    }

    @Test func aDirectoryIsOpenedByOneLogAtATime() throws {
        let directory = try TemporaryDirectory()
        let wal = try WriteAheadLog(directory: directory.walPath)
        #expect(throws: WALError.locked(path: directory.walPath + "/LOCK")) { try WriteAheadLog(directory: directory.walPath) }
        try wal.close()
        _ = try WriteAheadLog(directory: directory.walPath)
    }

    @Test func anAppendDiscardsTheEntriesFromItsFirstIndexOn() throws {
        let directory = try TemporaryDirectory()
        do {
            let wal = try WriteAheadLog(directory: directory.walPath)
            try wal.append(entries: Entry.run(1, 5, term: 1), group: 1)
            try wal.append(entries: Entry.run(3, 3, term: 2), group: 1)
            try wal.close()
        }
        let wal = try WriteAheadLog(directory: directory.walPath)
        #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 2, term: 1) + Entry.run(3, 3, term: 2))
    }

    @Test func nonConsecutiveEntriesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let wal = try WriteAheadLog(directory: directory.walPath)
        let entries = [Entry(term: 1, index: 1), Entry(term: 1, index: 3)]
        #expect(throws: WALError.invalidAppend(group: 4, reason: "entry 3 at position 1 after 1")) {
            try wal.append(entries: entries, group: 4)
        }
    }

    @Test func anAppendThatWouldLeaveAGapIsRefused() throws {
        let directory = try TemporaryDirectory()
        let wal = try WriteAheadLog(directory: directory.walPath)
        try wal.append(entries: Entry.run(1, 2, term: 1), group: 4)
        #expect(throws: WALError.invalidAppend(group: 4, reason: "entry 4 after last index 2")) {
            try wal.append(entries: Entry.run(4, 4, term: 1), group: 4)
        }
        try wal.append(snapshot: SnapshotMetadata(index: 10, term: 2), replacesLog: true, group: 4)
        try wal.append(entries: Entry.run(11, 11, term: 2), group: 4)
        try wal.close()
        let log = try WriteAheadLog(directory: directory.walPath).takeRecoveredLog(group: 4)
        #expect(log.snapshot.index == 10)
        #expect(log.entries == Entry.run(11, 11, term: 2))
    }

    @Test func aLogWhoseEntriesDoNotFollowTheSnapshotDoesNotOpen() throws {
        let directory = try TemporaryDirectory()
        do {
            let wal = try WriteAheadLog(directory: directory.walPath)
            try wal.add(.entries(group: 3, Entry.run(5, 6, term: 1)))  // past the check `append` makes
            try wal.close()
        }
        let gap = WALCorruption.logGap(group: 3, snapshotIndex: 0, firstEntryIndex: 5)
        #expect(throws: WALError.corruption(file: directory.walPath, offset: 0, reason: gap)) {
            try WriteAheadLog(directory: directory.walPath)
        }
    }

    @Test func oversizedRecordsAreRefusedAndTheLogStaysUsable() throws {
        let directory = try TemporaryDirectory()
        var options = WriteAheadLog.Options()
        options.maxRecordSizeBytes = 1000
        let wal = try WriteAheadLog(directory: directory.walPath, options: options)
        let big = [Entry(term: 1, index: 1, data: [UInt8](repeating: 1, count: 1000))]
        #expect(throws: WALError.recordTooLarge(sizeBytes: 1042, maxBytes: 1000)) { try wal.append(entries: big, group: 1) }
        try wal.append(entries: Entry.run(1, 1, term: 1), group: 1)
        try wal.close()
        #expect(try WriteAheadLog(directory: directory.walPath).takeRecoveredLog(group: 1).entries == Entry.run(1, 1, term: 1))
    }

    /// Forty groups append, overwrite and store hard states in random order across
    /// small segments; each group's recovered log must equal what Raft's `MemoryStorage`
    /// holds after the same appends.
    @Test func manyInterleavedGroupsRecoverTheirOwnLogs() throws {
        let directory = try TemporaryDirectory()
        var options = WriteAheadLog.Options()
        options.segmentSizeBytes = 4096
        options.writeBufferSizeBytes = 512
        var random = SeededRandom(seed: 40)
        var models: [GroupID: MemoryStorage] = [:]
        var terms: [GroupID: Term] = [:]
        do {
            let wal = try WriteAheadLog(directory: directory.walPath, options: options)
            for step in 0..<3000 {
                let group = GroupID(random.next() % 40) + 100
                let model = models[group] ?? MemoryStorage()
                models[group] = model
                if random.next() % 4 == 0 {
                    let state = HardState(term: terms[group] ?? 0, vote: random.next() % 4, commit: model.lastIndex())
                    try wal.append(hardState: state, group: group)
                    model.setHardState(state)
                } else {
                    let last = model.lastIndex()
                    let first = last + 1 - min(last, random.next() % 4)  // sometimes overwrite a suffix
                    if first <= last { terms[group, default: 0] += 1 }
                    let entries = Entry.run(first, first + random.next() % 5, term: terms[group, default: 1])
                    try wal.append(entries: entries, group: group)
                    try model.append(entries)
                }
                if step % 97 == 0 { try wal.sync() }
            }
            try wal.close()
            #expect(wal.segmentPaths.count > 10)
        }
        let wal = try WriteAheadLog(directory: directory.walPath, options: options)
        #expect(wal.recovery.truncatedBytes == 0)
        #expect(Set(wal.recoveredGroups) == Set(models.keys))
        for (group, model) in models {
            let log = wal.takeRecoveredLog(group: group)
            let expected = try model.entries(from: 1, to: model.lastIndex() + 1, maxSizeBytes: .max)
            #expect(log.entries == expected, "group \(group)")
            #expect(log.hardState == model.hardState, "group \(group)")
        }
    }

    /// A new segment is preallocated to the segment size (appends then change no file
    /// metadata); a sealed one is cut back to its records.
    @Test func segmentsArePreallocatedAndCutToTheirRecordsWhenSealed() throws {
        let directory = try TemporaryDirectory()
        var options = WriteAheadLog.Options()
        options.segmentSizeBytes = 4096
        let wal = try WriteAheadLog(directory: directory.walPath, options: options)
        try wal.append(entries: [Entry(term: 1, index: 1, data: [1, 2, 3])], group: 1)
        try wal.sync()
        #expect(try Files.size(wal.segmentPaths[0]) == 4096)
        #expect(try Files.bytes(wal.segmentPaths[0])[Int(wal.writtenBytes)...].allSatisfy { $0 == 0 })
        for index in 2...100 as ClosedRange<Index> {
            try wal.append(entries: [Entry(term: 1, index: index, data: [UInt8](repeating: 7, count: 100))], group: 1)
        }
        try wal.sync()
        let paths = wal.segmentPaths
        #expect(paths.count > 2)
        for sealed in paths.dropLast() {
            let bytes = try Files.bytes(sealed)
            #expect(bytes.count < 4096 && bytes.last != 0, "\(sealed) holds records only")
        }
        #expect(try Files.size(paths.last!) == 4096)
        try wal.close()
        let reopened = try WriteAheadLog(directory: directory.walPath, options: options)
        #expect(reopened.recovery.truncatedBytes == 0)
        #expect(reopened.takeRecoveredLog(group: 1).lastIndex == 100)
    }

    @Test func segmentsRollOverAtTheConfiguredSizeAndAHugeRecordGetsItsOwn() throws {
        let directory = try TemporaryDirectory()
        var options = WriteAheadLog.Options()
        options.segmentSizeBytes = 300
        let wal = try WriteAheadLog(directory: directory.walPath, options: options)
        for index in 1...20 as ClosedRange<Index> {
            try wal.append(entries: [Entry(term: 1, index: index, data: [UInt8](repeating: 7, count: 40))], group: 1)
        }
        try wal.append(entries: [Entry(term: 1, index: 21, data: [UInt8](repeating: 8, count: 2000))], group: 1)
        try wal.sync()
        // Sealed segments are cut to their records; the last one is preallocated, but
        // its one record is larger than a segment.
        let sizes = try wal.segmentPaths.map(Files.size)
        // A 40-byte entry is an 82-byte record (9 frame + 20 batch + 13 entry + 40 data), the
        // segment header 23 bytes: three records fit in 300 bytes, the 2,042-byte one alone.
        #expect(Array(sizes.dropLast()) == [269, 269, 269, 269, 269, 269, 187])
        #expect(sizes.last == 23 + 2042)
        try wal.close()
        let reopened = try WriteAheadLog(directory: directory.walPath, options: options)
        #expect(reopened.takeRecoveredLog(group: 1).lastIndex == 21)
        #expect(reopened.recovery.segmentCount == 8)
    }
}
