import Raft

/// Identifies a Raft group among the many one host runs.
public typealias GroupID = UInt64

/// One record of the write-ahead log, tagged with the group it belongs to.
///
/// On disk each record is framed as
///
///     crc32c: u32 | length: u32 | type: u8 | payload: length bytes
///
/// (little-endian), where the checksum covers `length`, `type` and the payload, so a
/// damaged length is caught as surely as a damaged payload.
enum WALRecord: Equatable, Sendable {
    /// The first record of every segment: format magic, version and the segment's sequence.
    case segmentHeader(sequence: UInt64)
    /// Consecutive entries of one group; replaying them discards the group's entries
    /// at and after the first one (Raft's suffix overwrite).
    case entries(group: GroupID, [Entry])
    /// The group's term, vote and commit index.
    case hardState(group: GroupID, HardState)
    /// A snapshot of the group up to `metadata.index` is durable (in a snapshot file):
    /// entries up to that index are dropped; when `replacesLog` the later ones go too
    /// (a follower installing a leader's snapshot that its log does not match).
    case snapshot(group: GroupID, SnapshotMetadata, replacesLog: Bool)
    /// The group's membership, as applied by the host.
    case membership(group: GroupID, ConfState)

    enum Kind: UInt8 {
        case segmentHeader = 1
        case entries = 2
        case hardState = 3
        case snapshot = 4
        case membership = 5
    }

    /// `crc32c`, `length`, `type`.
    static let frameHeaderSizeBytes = 9
    /// "MWAL": the magic of a segment header.
    static let magic: UInt32 = 0x4C41_574D
    static let formatVersion: UInt16 = 1

    /// Appends the framed record to `writer`.
    func encode(into writer: inout ByteWriter) {
        let start = writer.bytes.count
        writer.u32(0)  // checksum, patched below
        writer.u32(0)  // length, patched below
        switch self {
        case .segmentHeader(let sequence):
            writer.u8(Kind.segmentHeader.rawValue)
            writer.u32(WALRecord.magic)
            writer.u16(WALRecord.formatVersion)
            writer.u64(sequence)
        case .entries(let group, let entries):
            writer.u8(Kind.entries.rawValue)
            writer.u64(group)
            writer.u64(entries.first?.index ?? 0)
            writer.u32(UInt32(entries.count))
            for entry in entries {
                writer.u64(entry.term)
                writer.u8(entry.kind.code)
                writer.u32(UInt32(entry.data.count))
                writer.raw(entry.data)
            }
        case .hardState(let group, let state):
            writer.u8(Kind.hardState.rawValue)
            writer.u64(group)
            writer.u64(state.term)
            writer.u64(state.vote)
            writer.u64(state.commit)
        case .snapshot(let group, let metadata, let replacesLog):
            writer.u8(Kind.snapshot.rawValue)
            writer.u64(group)
            writer.u64(metadata.index)
            writer.u64(metadata.term)
            writer.u8(replacesLog ? 1 : 0)
            writer.confState(metadata.confState)
        case .membership(let group, let state):
            writer.u8(Kind.membership.rawValue)
            writer.u64(group)
            writer.confState(state)
        }
        let length = UInt32(writer.bytes.count - start - WALRecord.frameHeaderSizeBytes)
        writer.bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: length.littleEndian, toByteOffset: start + 4, as: UInt32.self)
            var crc = CRC32C()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(start + 4)...]))
            raw.storeBytes(of: crc.value.littleEndian, toByteOffset: start, as: UInt32.self)
        }
    }

    /// Decodes the payload `bytes[start..<end]` of a record of type `type`.
    static func decode(type: UInt8, _ bytes: [UInt8], from start: Int, to end: Int) throws(ByteReaderError) -> WALRecord {
        var reader = ByteReader(bytes, from: start, to: end)
        let record: WALRecord
        switch Kind(rawValue: type) {
        case .segmentHeader:
            let magic = try reader.u32()
            let version = try reader.u16()
            if magic != WALRecord.magic || version != WALRecord.formatVersion {
                throw ByteReaderError(offset: start, reason: "not a segment header of version \(WALRecord.formatVersion)")
            }
            record = .segmentHeader(sequence: try reader.u64())
        case .entries:
            let group = try reader.u64()
            let first = try reader.u64()
            let count = Int(try reader.u32())
            // Bound before allocating: every entry takes at least 13 bytes.
            if count == 0 || count > reader.remaining / 13 {
                throw ByteReaderError(offset: reader.position - 4, reason: "batch of \(count) entries")
            }
            var entries = [Entry]()
            entries.reserveCapacity(count)
            for offset in 0..<UInt64(count) {
                let term = try reader.u64()
                let kindOffset = reader.position
                guard let kind = Entry.Kind(code: try reader.u8()) else {
                    throw ByteReaderError(offset: kindOffset, reason: "entry kind")
                }
                let data = try reader.raw(Int(try reader.u32()))
                entries.append(Entry(term: term, index: first + offset, kind: kind, data: data))
            }
            record = .entries(group: group, entries)
        case .hardState:
            record = .hardState(
                group: try reader.u64(), HardState(term: try reader.u64(), vote: try reader.u64(), commit: try reader.u64()))
        case .snapshot:
            let group = try reader.u64()
            let index = try reader.u64()
            let term = try reader.u64()
            let replacesLog = try reader.bool()
            let metadata = SnapshotMetadata(index: index, term: term, confState: try reader.confState())
            record = .snapshot(group: group, metadata, replacesLog: replacesLog)
        case .membership:
            record = .membership(group: try reader.u64(), try reader.confState())
        case nil:
            throw ByteReaderError(offset: start - 1, reason: "record type \(type)")
        }
        if reader.remaining != 0 {
            throw ByteReaderError(offset: reader.position, reason: "\(reader.remaining) bytes after the record")
        }
        return record
    }
}
