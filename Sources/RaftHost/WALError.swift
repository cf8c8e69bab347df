/// Why the write-ahead log refused to open, append or sync.
public enum WALError: Error, Sendable, Equatable {
    /// A system call failed. After a failed write or sync the log refuses further
    /// use: what reached the disk is unknown, so the process must reopen (recover).
    case file(FileError)
    /// Bytes that cannot be trusted where valid records must be: anywhere in a sealed
    /// segment, or in the last segment before valid records. Never skipped.
    case corruption(file: String, offset: UInt64, reason: WALCorruption)
    /// A record larger than ``WriteAheadLog/Options/maxRecordSizeBytes``.
    case recordTooLarge(sizeBytes: Int, maxBytes: Int)
    /// Appended entries must be consecutive and continue (or overwrite) the group's log.
    case invalidAppend(group: GroupID, reason: String)
    /// Another open log (in this or another process) holds the directory's `LOCK` file.
    case locked(path: String)
    /// The log was closed.
    case closed
}

/// What is wrong at a corrupt offset.
public enum WALCorruption: Sendable, Equatable {
    /// The stored CRC32C does not match the record's bytes.
    case checksumMismatch
    /// The length field is zero or runs past the end of the file.
    case badLength(UInt32)
    /// The file ends inside a record's frame header.
    case truncatedRecord
    /// The checksum matches but the payload does not parse (a bug, or a different format).
    case malformedRecord(String)
    /// The segment does not start with its own header record.
    case badSegmentHeader
    /// A segment between the first and the last is missing.
    case missingSegment(sequence: UInt64)
    /// After replay a group's entries do not start right after its snapshot.
    case logGap(group: GroupID, snapshotIndex: UInt64, firstEntryIndex: UInt64)
}

extension WALError: CustomStringConvertible {
    /// One line for an operator's log.
    public var description: String {
        switch self {
        case .file(let error): "WAL I/O failed: \(error)"
        case .corruption(let file, let offset, let reason): "WAL corrupt at \(file) offset \(offset): \(reason)"
        case .recordTooLarge(let size, let max): "WAL record of \(size) bytes exceeds the limit of \(max)"
        case .invalidAppend(let group, let reason): "WAL append for group \(group) refused: \(reason)"
        case .locked(let path): "WAL directory in use by another log (\(path) is locked)"
        case .closed: "WAL closed"
        }
    }
}

extension WALCorruption: CustomStringConvertible {
    public var description: String {
        switch self {
        case .checksumMismatch: "checksum mismatch"
        case .badLength(let length): "bad record length \(length)"
        case .truncatedRecord: "file ends inside a record header"
        case .malformedRecord(let reason): "malformed record (\(reason))"
        case .badSegmentHeader: "not a segment header"
        case .missingSegment(let sequence): "segment \(sequence) is missing"
        case .logGap(let group, let snapshotIndex, let firstEntryIndex):
            "group \(group) has entries from \(firstEntryIndex) after its snapshot at \(snapshotIndex)"
        }
    }
}
