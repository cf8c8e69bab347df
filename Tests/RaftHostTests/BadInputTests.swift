import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Garbage behind a valid checksum reaches the parsers: they must answer with a typed
/// error or a record, never trap, and never allocate what a length field claims before
/// checking it against the bytes that are there.
@Suite struct BadInputTests {
    /// Rewrites the CRC of the frame at `offset` so that the mutated payload is parsed.
    static func resealFrame(_ bytes: inout [UInt8], at offset: Int) {
        let length = Int(bytes[(offset + 4)..<(offset + 8)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard offset + 9 + length <= bytes.count else { return }
        let crc = CRC32C.checksum(bytes[(offset + 4)..<(offset + 9 + length)])
        for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(shift))) }
    }

    @Test func mutatedRecordsWithValidChecksumsAreRefusedOrParsed() {
        var random = SeededRandom(seed: 11)
        var writer = ByteWriter()
        let records: [WALRecord] = [
            .segmentHeader(sequence: 1),
            .entries(group: 3, Entry.run(1, 4, term: 2)),
            .hardState(group: 3, HardState(term: 2, vote: 1, commit: 4)),
            .snapshot(group: 3, SnapshotMetadata(index: 2, term: 2, confState: ConfState(voters: [1, 2])), replacesLog: true),
            .membership(group: 3, ConfState(voters: [1], learners: [2, 3])),
        ]
        var starts: [Int] = []
        for record in records {
            starts.append(writer.bytes.count)
            record.encode(into: &writer)
        }
        #expect(SegmentScan(writer.bytes, sequence: 1).records.map(\.record) == records)
        var outcomes = (parsed: 0, refused: 0)
        for _ in 0..<20_000 {
            var bytes = writer.bytes
            let frame = Int(random.next() % UInt64(records.count))
            let payloadStart = starts[frame] + 9
            let payloadEnd = frame + 1 < starts.count ? starts[frame + 1] : bytes.count
            for _ in 0...(random.next() % 4) {
                let offset = payloadStart - 1 + Int(random.next() % UInt64(payloadEnd - payloadStart + 1))
                bytes[offset] = random.next() % 3 == 0 ? 0xFF : UInt8(truncatingIfNeeded: random.next())
            }
            Self.resealFrame(&bytes, at: starts[frame])
            let scan = SegmentScan(bytes, sequence: 1)
            if let failure = scan.failure {
                #expect(failure.offset == starts[frame])
                outcomes.refused += 1
            } else {
                outcomes.parsed += 1
            }
            _ = SegmentScan.hasValidRecord(in: bytes, after: starts[frame])
        }
        #expect(outcomes.parsed > 0 && outcomes.refused > 0, "\(outcomes)")
    }

    @Test func randomBytesAreNeverASegment() {
        var random = SeededRandom(seed: 12)
        for length in 0..<2000 {
            let bytes = random.bytes(count: length % 300)
            let scan = SegmentScan(bytes, sequence: 1)
            #expect(scan.records.isEmpty)
            #expect(scan.failure != nil || bytes.isEmpty)
        }
    }

    @Test func mutatedSnapshotHeadersWithValidChecksumsAreRefusedOrParsed() {
        var random = SeededRandom(seed: 13)
        let snapshot = Snapshot(
            metadata: SnapshotMetadata(index: 9, term: 3, confState: ConfState(voters: [1, 2, 3], learners: [4])), data: [1, 2, 3])
        let (header, trailer) = SnapshotFile.frame(snapshot, group: 1)
        let original = header + snapshot.data + trailer
        var refused = 0
        for _ in 0..<20_000 {
            var bytes = Array(original.dropLast(4))
            for _ in 0...(random.next() % 3) {
                bytes[Int(random.next() % UInt64(bytes.count))] = random.next() % 3 == 0 ? 0xFF : UInt8(truncatingIfNeeded: random.next())
            }
            let crc = CRC32C.checksum(bytes)
            for shift in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt32(shift)))) }
            do {
                _ = try SnapshotFile.decode(bytes, path: "fuzz")
            } catch {
                guard case .corrupt(_, .malformedHeader) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                refused += 1
            }
        }
        #expect(refused > 0)
    }
}
