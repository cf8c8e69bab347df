/// Segment files: writing out the buffer, sealing one segment and starting the next,
/// and their names.
extension WriteAheadLog {
    /// Writes the pending records to the current segment (no sync).
    func flush() throws(WALError) {
        if pending.bytes.isEmpty { return }
        guard let file = current else { throw .closed }
        do { try file.write(pending.bytes, at: writtenBytes) } catch { throw fail(.file(error)) }
        writtenBytes += UInt64(pending.bytes.count)
        // Keep the buffer's memory for the next batch, unless one huge batch inflated it.
        pending.bytes.removeAll(keepingCapacity: pending.bytes.capacity <= 4 * options.writeBufferSizeBytes)
    }

    /// Seals the current segment (written, cut to its records and synced with its size,
    /// so a sealed segment never has a torn tail or preallocated space) and starts the
    /// next one.
    func rollOver() throws(WALError) {
        try flush()
        guard let file = current, let last = segments.last else { throw .closed }
        do {
            try file.truncate(to: writtenBytes)
            try file.syncAll()
        } catch {
            throw fail(.file(error))
        }
        file.close()
        current = nil
        try startSegment(sequence: last.sequence + 1)
    }

    /// Creates segment `sequence` with its header record, preallocated to the segment
    /// size (zeros after the header, as etcd's WAL does: appends then sync their data
    /// alone), durable with its directory entry.
    func startSegment(sequence: UInt64) throws(WALError) {
        let path = path(of: sequence)
        var header = ByteWriter()
        WALRecord.segmentHeader(sequence: sequence).encode(into: &header)
        do {
            let file = try File.open(path, create: true)
            current = file
            try file.truncate(to: 0)
            try file.write(header.bytes, at: 0)
            file.preallocate(to: UInt64(options.segmentSizeBytes))
            try file.syncAll()
            try Directory.sync(directory)
        } catch {
            throw fail(.file(error))
        }
        writtenBytes = UInt64(header.bytes.count)
        segments.append(Segment(sequence: sequence))
    }

    func path(of sequence: UInt64) -> String {
        directory + "/" + WriteAheadLog.fileName(of: sequence)
    }

    /// `<16 hex digits>.wal`, so that names sort like sequences.
    static func fileName(of sequence: UInt64) -> String {
        let digits = String(sequence, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits + ".wal"
    }

    static func sequence(ofFileName name: String) -> UInt64? {
        guard name.utf8.count == 20, name.hasSuffix(".wal") else { return nil }
        return UInt64(name.prefix(16), radix: 16)
    }

    /// The framed size of a segment header record.
    static let headerSizeBytes = UInt64(WALRecord.frameHeaderSizeBytes + 14)
}
