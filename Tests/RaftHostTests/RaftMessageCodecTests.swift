import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Every message kind survives encode → decode, and malformed streams are refused with
/// the typed error at the right offset.
@Suite struct RaftMessageCodecTests {
    let codec = RaftMessageCodec()

    @Test func randomBatchesOfEveryKindRoundTrip() throws {
        var random = RandomMessages(seed: 42)
        for round in 0..<300 {
            let messages = (0..<random.int(0...20)).map { index in
                GroupMessage(group: random.u64(), message: random.message(kind: (round + index) % RandomMessages.kindCount))
            }
            let batch = RaftMessageBatch(sourceHost: random.u64(), sourceAddress: "127.0.0.1:\(round)", messages: messages)
            let chunk = SnapshotChunk(
                sourceHost: 7, group: random.u64(), from: 1, to: 2, term: 3, metadata: random.snapshot().metadata,
                totalBytes: 1000, offset: 100, data: random.bytes(0...900))
            let stream = codec.encode(.batch(batch)) + codec.encode(.snapshotChunk(chunk))
            #expect(try codec.decode(stream: stream) == [.batch(batch), .snapshotChunk(chunk)])
        }
    }

    @Test func everyKindIsCoveredWithJointConfState() throws {
        var random = RandomMessages(seed: 7)
        let joint = ConfState(voters: [1, 2, 3], learners: [4], votersOutgoing: [1, 2, 5], learnersNext: [5], autoLeave: true)
        var messages = (0..<RandomMessages.kindCount).map { GroupMessage(group: UInt64($0), message: random.message(kind: $0)) }
        messages.append(GroupMessage(group: 99, message: Message(from: 1, to: 2, term: 3, kind: .snapshot(
            Snapshot(metadata: SnapshotMetadata(index: 10, term: 2, confState: joint), data: [1, 2, 3])))))
        let batch = RaftMessageBatch(sourceHost: 1, sourceAddress: "", messages: messages)
        #expect(try codec.decode(stream: codec.encode(.batch(batch))) == [.batch(batch)])
    }

    /// A frame with a valid header and checksum around `payload`.
    static func frame(type: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.raw([0x52, 0x48, 1, type])
        writer.u32(UInt32(payload.count))
        writer.u32(0)
        writer.raw(payload)
        RaftMessageCodec.endFrame(&writer)
        return writer.bytes
    }

    /// A batch payload: host 1, address "a", then `count` and `body` as given.
    static func batchPayload(count: UInt32, _ body: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(1)
        writer.u16(1)
        writer.u8(0x61)
        writer.u32(count)
        writer.raw(body)
        return writer.bytes
    }

    @Test func badInputIsRefusedWithTypedErrors() {
        let limits = RaftCodecLimits(frameBytesMax: 1024, messagesPerBatchMax: 4, entriesPerMessageMax: 2, addressBytesMax: 8, snapshotBytesMax: 100)
        let codec = RaftMessageCodec(limits: limits)
        let good = codec.encode(.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "a", messages: [
            GroupMessage(group: 2, message: Message(from: 1, to: 2, term: 3, kind: .timeoutNow)),
        ])))
        var badCRC = good
        badCRC[good.count - 1] ^= 1
        var tooLong = good
        tooLong[4...7] = [0x01, 0x04, 0, 0]  // 1025 bytes
        // group u64, from, to, term, kind 200
        let unknownKind = [UInt8](repeating: 0, count: 32) + [200]
        // an append with three entries (limit 2): prevIndex, prevTerm, commit, count 3
        let threeEntries = [UInt8](repeating: 0, count: 32) + [1] + [UInt8](repeating: 0, count: 24) + [3, 0, 0, 0]
            + [UInt8](repeating: 0, count: 3 * 21)
        // a claimed context of 2^32-1 bytes in a small frame
        let hugeContext = [UInt8](repeating: 0, count: 32) + [11, 0xFF, 0xFF, 0xFF, 0xFF]
        let cases: [(String, [UInt8], RaftTransportError)] = [
            ("truncated header", Array(good.prefix(5)), .truncated(offset: 0, neededBytes: 7)),
            ("truncated payload", Array(good.dropLast(3)), .truncated(offset: 0, neededBytes: 3)),
            ("wrong magic", [0x47, 0x45] + good.dropFirst(2), .badMagic(offset: 0, found: 0x4745)),
            ("wrong version", [0x52, 0x48, 9] + good.dropFirst(3), .unsupportedVersion(offset: 2, version: 9)),
            ("unknown frame type", [0x52, 0x48, 1, 7] + good.dropFirst(4), .unknownFrameType(offset: 3, type: 7)),
            ("bad CRC", badCRC, .checksumMismatch(
                offset: 8, stored: Self.crc(of: good), computed: CRC32C.checksum(badCRC[2..<8] + badCRC[12...]))),
            ("length past limit", tooLong, .frameTooLarge(offset: 4, lengthBytes: 1025, maxBytes: 1024)),
            ("second frame truncated", good + good.prefix(13), .truncated(offset: good.count, neededBytes: good.count - 13)),
            ("unknown kind", Self.frame(type: 1, Self.batchPayload(count: 1, unknownKind)),
             .unknownMessageKind(offset: 12 + 15 + 32, kind: 200)),
            ("messages beyond limit", Self.frame(type: 1, Self.batchPayload(count: 5, [])),
             .countTooLarge(offset: 12 + 11, field: "message", count: 5, max: 4)),
            ("messages beyond bytes", Self.frame(type: 1, Self.batchPayload(count: 3, unknownKind)),
             .malformed(offset: 12 + 11, reason: "3 messages in 33 bytes")),
            ("entries beyond limit", Self.frame(type: 1, Self.batchPayload(count: 1, threeEntries)),
             .countTooLarge(offset: 12 + 15 + 57, field: "entry", count: 3, max: 2)),
            ("bytes past the frame", Self.frame(type: 1, Self.batchPayload(count: 1, hugeContext)),
             .malformed(offset: 12 + 15 + 37, reason: "4294967295 bytes past the end")),
            ("address beyond limit", Self.frame(type: 1, [1, 0, 0, 0, 0, 0, 0, 0, 9, 0] + [UInt8](repeating: 0x61, count: 9) + [0, 0, 0, 0]),
             .countTooLarge(offset: 12 + 8, field: "address byte", count: 9, max: 8)),
            ("trailing bytes", Self.frame(type: 1, Self.batchPayload(count: 0, [0])),
             .malformed(offset: 12 + 15, reason: "1 trailing bytes")),
            ("snapshot beyond limit", Self.frame(type: 2, [UInt8](repeating: 0, count: 40 + 37) + [101] + [UInt8](repeating: 0, count: 7)),
             .snapshotTooLarge(offset: 12 + 77, totalBytes: 101, maxBytes: 100)),
            ("duplicate id in a set", Self.frame(type: 2, [UInt8](repeating: 0, count: 56) + [2, 0, 0, 0] + Self.u64(1) + Self.u64(1)),
             .malformed(offset: 12 + 68, reason: "node id 1 after 1: not ascending")),
        ]
        for (name, bytes, expected) in cases {
            #expect(throws: expected, "\(name)") { try codec.decode(stream: bytes) }
        }
    }

    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    static func crc(of frame: [UInt8]) -> UInt32 {
        UInt32(frame[8]) | UInt32(frame[9]) << 8 | UInt32(frame[10]) << 16 | UInt32(frame[11]) << 24
    }

    @Test func randomMutationsNeverTrap() {
        var random = RandomMessages(seed: 5)
        let messages = (0..<RandomMessages.kindCount).map { GroupMessage(group: 1, message: random.message(kind: $0)) }
        let frame = codec.encode(.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "x", messages: messages)))
        for _ in 0..<2000 {
            var mutated = frame
            for _ in 0..<random.int(1...4) { mutated[random.int(12...(frame.count - 1))] = UInt8(random.int(0...255)) }
            // Reseal so the mutation reaches the payload parser.
            var writer = ByteWriter()
            writer.raw(mutated)
            RaftMessageCodec.endFrame(&writer)
            _ = try? codec.decode(stream: writer.bytes)
        }
    }
}
