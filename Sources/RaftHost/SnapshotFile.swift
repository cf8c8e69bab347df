import Raft

/// The bytes of one snapshot file:
///
///     magic "MSNP": u32 | version: u16 | group: u64 | index: u64 | term: u64
///     | conf state | data length: u64 | data | crc32c: u32
///
/// (little-endian; the conf state is four id sets, each a u32 count and ascending u64
/// ids, then an auto-leave byte). The checksum covers everything before it.
enum SnapshotFile {
    static let magic: UInt32 = 0x504E_534D
    static let formatVersion: UInt16 = 1
    /// Magic, version, group, index, term, the smallest conf state, data length, checksum.
    static let minimumSizeBytes = 4 + 2 + 24 + 17 + 8 + 4

    /// What goes before and after the data, so that a writer need not copy the data
    /// (a large state is hundreds of megabytes): the header, and the checksum over it and
    /// the data.
    static func frame(_ snapshot: Snapshot, group: GroupID) -> (header: [UInt8], trailer: [UInt8]) {
        var writer = ByteWriter(capacity: minimumSizeBytes + 64)
        writer.u32(magic)
        writer.u16(formatVersion)
        writer.u64(group)
        writer.u64(snapshot.metadata.index)
        writer.u64(snapshot.metadata.term)
        writer.confState(snapshot.metadata.confState)
        writer.u64(UInt64(snapshot.data.count))
        var crc = CRC32C()
        crc.update(writer.bytes)
        crc.update(snapshot.data)
        var trailer = ByteWriter(capacity: 4)
        trailer.u32(crc.value)
        return (writer.bytes, trailer.bytes)
    }

    /// Checks the checksum first, then parses; `path` names the file in errors.
    static func decode(_ bytes: [UInt8], path: String) throws(SnapshotError) -> (group: GroupID, snapshot: Snapshot) {
        if bytes.count < minimumSizeBytes { throw .corrupt(file: path, reason: .badLength) }
        let body = bytes.count - 4
        let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: body, as: UInt32.self).littleEndian }
        let computed = bytes.withUnsafeBytes { raw in
            var crc = CRC32C()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[0..<body]))
            return crc.value
        }
        if stored != computed { throw .corrupt(file: path, reason: .checksumMismatch) }
        var reader = ByteReader(bytes, to: body)
        do throws(ByteReaderError) {
            if try reader.u32() != magic { throw ByteReaderError(offset: 0, reason: "not a snapshot file") }
            let version = try reader.u16()
            if version != formatVersion { throw ByteReaderError(offset: 4, reason: "format version \(version)") }
            let group = try reader.u64()
            let index = try reader.u64()
            let term = try reader.u64()
            let confState = try reader.confState()
            let lengthOffset = reader.position
            let length = try reader.u64()
            if length != UInt64(reader.remaining) {
                throw ByteReaderError(offset: lengthOffset, reason: "data length \(length) in a file with \(reader.remaining)")
            }
            let data = try reader.raw(Int(length))
            return (group, Snapshot(metadata: SnapshotMetadata(index: index, term: term, confState: confState), data: data))
        } catch {
            throw .corrupt(file: path, reason: .malformedHeader("\(error.reason) at \(error.offset)"))
        }
    }
}
