/// The records of one segment file, read front to back, and where reading stopped.
struct SegmentScan {
    /// Each valid record with the offset of its frame.
    var records: [(offset: Int, record: WALRecord)] = []
    /// One past the last valid record.
    var validEndOffset = 0
    /// The first invalid frame, if the file does not end on a record boundary.
    var failure: (offset: Int, reason: WALCorruption)?

    /// Reads `bytes` (the whole file) as segment `sequence`.
    init(_ bytes: [UInt8], sequence: UInt64) {
        var offset = 0
        while offset < bytes.count {
            switch SegmentScan.frame(in: bytes, at: offset) {
            case .failure(let reason):
                failure = (offset, reason)
                return
            case .record(let record, let next):
                let isHeader = if case .segmentHeader(let found) = record { found == sequence } else { false }
                if isHeader != (offset == 0) {
                    failure = (offset, offset == 0 ? .badSegmentHeader : .malformedRecord("a second segment header"))
                    return
                }
                records.append((offset, record))
                offset = next
                validEndOffset = next
            }
        }
    }

    enum Frame {
        case record(WALRecord, next: Int)
        case failure(WALCorruption)
    }

    /// Parses and checks the frame at `offset`.
    static func frame(in bytes: [UInt8], at offset: Int) -> Frame {
        let header = WALRecord.frameHeaderSizeBytes
        if bytes.count - offset < header { return .failure(.truncatedRecord) }
        let (stored, length) = bytes.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian,
                raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
            )
        }
        if length == 0 || UInt64(length) > UInt64(bytes.count - offset - header) { return .failure(.badLength(length)) }
        let end = offset + header + Int(length)
        let computed = bytes.withUnsafeBytes { raw in
            var crc = CRC32C()
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<end]))
            return crc.value
        }
        if computed != stored { return .failure(.checksumMismatch) }
        do {
            return .record(try WALRecord.decode(type: bytes[offset + 8], bytes, from: offset + header, to: end), next: end)
        } catch {
            return .failure(.malformedRecord("\(error.reason) at \(error.offset)"))
        }
    }

    /// Whether a valid record starts anywhere after `offset`: if so, the bad bytes at
    /// `offset` are damage inside durable data, not a write torn by a crash.
    static func hasValidRecord(in bytes: [UInt8], after offset: Int) -> Bool {
        let header = WALRecord.frameHeaderSizeBytes
        var candidate = offset + 1
        while bytes.count - candidate > header {
            let length = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: candidate + 4, as: UInt32.self).littleEndian }
            // Cheap filters first: most garbage (and all zero fill) fails them.
            if length != 0, UInt64(length) <= UInt64(bytes.count - candidate - header),
                WALRecord.Kind(rawValue: bytes[candidate + 8]) != nil,
                case .record = frame(in: bytes, at: candidate)
            {
                return true
            }
            candidate += 1
        }
        return false
    }
}
