import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Crashes and disk damage: a torn tail is cut back to the last whole record and
/// reported; damage anywhere a valid record must be is a typed error naming the file
/// and offset, never skipped.
@Suite struct WALRecoveryTests {
    /// A log over several 512-byte segments whose last record (in the last segment)
    /// overwrites group 1's entries 3...5 with one entry of term 2.
    struct Fixture {
        let directory: TemporaryDirectory
        var options = WriteAheadLog.Options()
        /// Paths of the segments, oldest first.
        var segments: [String] = []
        /// Where the last segment's records end before and after the last record (the file
        /// itself is preallocated to the segment size).
        var boundary = 0
        var end = 0

        init() throws {
            directory = try TemporaryDirectory()
            options.segmentSizeBytes = 512
            let wal = try WriteAheadLog(directory: directory.walPath, options: options)
            try wal.append(entries: Entry.run(1, 5, term: 1), group: 1)
            try wal.append(hardState: HardState(term: 1, vote: 1, commit: 5), group: 1)
            for index in 1...30 as ClosedRange<Index> {
                try wal.append(entries: Entry.run(index, index, term: 1), group: 2)
                if index % 10 == 0 { try wal.sync() }
            }
            try wal.sync()
            boundary = Int(wal.writtenBytes)
            try wal.append(entries: Entry.run(3, 3, term: 2), group: 1)
            try wal.sync()
            segments = wal.segmentPaths
            end = Int(wal.writtenBytes)
            try wal.close()
        }

        var lastSegmentName: String { String(segments.last!.split(separator: "/").last!) }

        /// A copy of the log to damage, and the path of its segment `position`.
        func copy(_ name: String = "damaged") throws -> String {
            let path = directory.path + "/" + name
            try Files.copyDirectory(directory.walPath, to: path)
            return path
        }

        func segment(_ position: Int, in copy: String) -> String {
            copy + "/" + String(segments[position].split(separator: "/").last!)
        }
    }

    @Test func theFixtureSpansSeveralSegmentsAndItsLastRecordIsWhole() throws {
        let fixture = try Fixture()
        #expect(fixture.segments.count >= 3)
        #expect(fixture.end - fixture.boundary == 9 + 20 + 13 + 3)
        let wal = try WriteAheadLog(directory: fixture.directory.walPath, options: fixture.options)
        #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 2, term: 1) + Entry.run(3, 3, term: 2))
        #expect(wal.takeRecoveredLog(group: 2).entries == Entry.run(1, 30, term: 1))
    }

    /// A crash at any byte of the last write: in a preallocated segment the bytes not
    /// written read as zeros; where the file system cannot preallocate, the file ends
    /// there. Either way the torn bytes (those that are not zero) are cut and reported.
    @Test(arguments: [true, false]) func aCrashAtAnyByteOfTheLastRecordRecoversToTheRecordBefore(preallocated: Bool) throws {
        let fixture = try Fixture()
        let original = try Files.bytes(fixture.segments.last!)
        for cut in fixture.boundary..<fixture.end {
            let copy = try fixture.copy()
            let last = fixture.segment(fixture.segments.count - 1, in: copy)
            if preallocated {
                var bytes = original
                bytes.replaceSubrange(cut..<fixture.end, with: [UInt8](repeating: 0, count: fixture.end - cut))
                try Files.write(bytes, to: last)
            } else {
                try Files.truncate(last, to: cut)
            }
            let torn = (original[fixture.boundary..<cut].lastIndex { $0 != 0 }).map { $0 + 1 - fixture.boundary } ?? 0
            let wal = try WriteAheadLog(directory: copy, options: fixture.options)
            #expect(wal.recovery.truncatedBytes == UInt64(torn), "cut at \(cut)")
            #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 5, term: 1), "cut at \(cut)")
            #expect(wal.takeRecoveredLog(group: 2).entries == Entry.run(1, 30, term: 1), "cut at \(cut)")
            #expect(wal.writtenBytes == UInt64(fixture.boundary), "appends go after the last whole record")
            #expect(try Files.bytes(last)[fixture.boundary...].allSatisfy { $0 == 0 }, "the torn bytes are gone from the file")
        }
    }

    @Test func aLogCutBackToItsLastRecordTakesNewAppends() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        try Files.truncate(fixture.segment(fixture.segments.count - 1, in: copy), to: fixture.end - 5)
        do {
            let wal = try WriteAheadLog(directory: copy, options: fixture.options)
            try wal.append(entries: Entry.run(6, 6, term: 1), group: 1)
            try wal.close()
        }
        let wal = try WriteAheadLog(directory: copy, options: fixture.options)
        #expect(wal.recovery.truncatedBytes == 0)
        #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 6, term: 1))
    }

    @Test func aBadChecksumInTheLastRecordIsATornWrite() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        try Files.flipByte(at: fixture.end - 1, in: fixture.segment(fixture.segments.count - 1, in: copy))
        let wal = try WriteAheadLog(directory: copy, options: fixture.options)
        #expect(wal.recovery.truncatedBytes == UInt64(fixture.end - fixture.boundary))
        #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 5, term: 1))
    }

    @Test func zerosAfterTheLastRecordArePreallocatedSpaceNotATornWrite() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        let last = fixture.segment(fixture.segments.count - 1, in: copy)
        try Files.write(try Files.bytes(last) + [UInt8](repeating: 0, count: 4096), to: last)
        let wal = try WriteAheadLog(directory: copy, options: fixture.options)
        #expect(wal.recovery.truncatedBytes == 0)
        #expect(wal.takeRecoveredLog(group: 1).entries == Entry.run(1, 2, term: 1) + Entry.run(3, 3, term: 2))
        #expect(wal.writtenBytes == UInt64(fixture.end))
    }

    @Test func aSegmentTornWhileBeingCreatedIsStartedAgain() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        // Rolling over seals the segment first: cut to its records and synced.
        try Files.truncate(fixture.segment(fixture.segments.count - 1, in: copy), to: fixture.end)
        let next = copy + "/" + WriteAheadLog.fileName(of: UInt64(fixture.segments.count + 1))
        try Files.write(Array(try Files.bytes(fixture.segment(0, in: copy)).prefix(10)), to: next)
        do {
            let wal = try WriteAheadLog(directory: copy, options: fixture.options)
            #expect(wal.recovery.truncatedBytes == 10)
            try wal.append(entries: Entry.run(31, 31, term: 1), group: 2)
            try wal.close()
        }
        let wal = try WriteAheadLog(directory: copy, options: fixture.options)
        #expect(wal.takeRecoveredLog(group: 2).entries == Entry.run(1, 31, term: 1))
    }

    /// Every byte of the first record of the first (sealed) segment, flipped in turn.
    @Test func anyFlippedByteInASealedSegmentIsReportedWithItsFileAndOffset() throws {
        let fixture = try Fixture()
        let recordStart = 23  // after the segment header record
        let recordSize = 9 + 20 + 5 * (13 + 3)
        let length = UInt32(recordSize - 9)
        for offset in recordStart..<(recordStart + recordSize) {
            let copy = try fixture.copy()
            let first = fixture.segment(0, in: copy)
            let fileSize = try Files.size(first)
            try Files.flipByte(at: offset, in: first)
            var reason = WALCorruption.checksumMismatch
            if (recordStart + 4..<recordStart + 8).contains(offset) {
                let flipped = length ^ (0xFF << (8 * UInt32(offset - recordStart - 4)))
                if Int(flipped) > fileSize - recordStart - 9 { reason = .badLength(flipped) }
            }
            let expected = WALError.corruption(file: first, offset: UInt64(recordStart), reason: reason)
            #expect(throws: expected, "byte \(offset)") { try WriteAheadLog(directory: copy, options: fixture.options) }
        }
    }

    /// Random bytes anywhere in random sealed segments: always the frame that holds the
    /// byte, in that file.
    @Test func randomFlipsInSealedSegmentsNameTheFrameThatHoldsThem() throws {
        let fixture = try Fixture()
        var random = SeededRandom(seed: 99)
        for _ in 0..<60 {
            let position = Int(random.next() % UInt64(fixture.segments.count - 1))
            let original = try Files.bytes(fixture.segments[position])
            let flipped = Int(random.next() % UInt64(original.count))
            var frameStarts = [0]
            while true {
                let start = frameStarts.last!
                let length = original[(start + 4)..<(start + 8)].reversed().reduce(0) { $0 << 8 | Int($1) }
                if start + 9 + length > flipped { break }
                frameStarts.append(start + 9 + length)
            }
            let copy = try fixture.copy()
            let segment = fixture.segment(position, in: copy)
            try Files.flipByte(at: flipped, in: segment)
            let error = #expect(throws: WALError.self, "byte \(flipped) of segment \(position)") {
                try WriteAheadLog(directory: copy, options: fixture.options)
            }
            guard case .corruption(let file, let offset, _) = error else {
                Issue.record("byte \(flipped) of segment \(position): \(String(describing: error))")
                continue
            }
            #expect(file == segment)
            #expect(offset == UInt64(frameStarts.last!), "byte \(flipped) of segment \(position)")
        }
    }

    @Test func aDamagedSegmentHeaderIsCorruption() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        let second = fixture.segment(1, in: copy)
        try Files.flipByte(at: 15, in: second)
        #expect(throws: WALError.corruption(file: second, offset: 0, reason: .checksumMismatch)) {
            try WriteAheadLog(directory: copy, options: fixture.options)
        }
    }

    @Test func damageInTheLastSegmentBeforeValidRecordsIsCorruptionNotATornTail() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        let last = fixture.segment(fixture.segments.count - 1, in: copy)
        try Files.flipByte(at: 23 + 12, in: last)
        #expect(throws: WALError.corruption(file: last, offset: 23, reason: .checksumMismatch)) {
            try WriteAheadLog(directory: copy, options: fixture.options)
        }
    }

    @Test func corruptionReadsAsOneLineNamingFileAndOffset() throws {
        let error = WALError.corruption(file: "/data/wal/0000000000000001.wal", offset: 23, reason: .checksumMismatch)
        #expect("\(error)" == "WAL corrupt at /data/wal/0000000000000001.wal offset 23: checksum mismatch")
    }

    @Test func aMissingMiddleSegmentIsCorruption() throws {
        let fixture = try Fixture()
        let copy = try fixture.copy()
        let second = fixture.segment(1, in: copy)
        try Files.remove(second)
        #expect(throws: WALError.corruption(file: second, offset: 0, reason: .missingSegment(sequence: 2))) {
            try WriteAheadLog(directory: copy, options: fixture.options)
        }
    }
}
