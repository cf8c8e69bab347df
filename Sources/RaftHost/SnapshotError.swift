import Raft

/// Why a snapshot file could not be written or trusted.
public enum SnapshotError: Error, Sendable, Equatable {
    /// A system call failed.
    case file(FileError)
    /// The file's bytes are damaged or not a snapshot file.
    case corrupt(file: String, reason: SnapshotCorruption)
    /// The file is intact but holds another snapshot than the one asked for.
    case metadataMismatch(file: String, expected: SnapshotMetadata, found: SnapshotMetadata)
    /// No snapshot file for this group and index.
    case missing(group: GroupID, index: UInt64)
}

/// What is wrong with a damaged snapshot file.
public enum SnapshotCorruption: Sendable, Equatable {
    /// The CRC32C over header and data does not match the stored one.
    case checksumMismatch
    /// Shorter than the smallest header and checksum.
    case badLength
    /// The checksum matches but the header does not parse (wrong magic, version, fields,
    /// or a data length that disagrees with the file's size).
    case malformedHeader(String)
    /// The group in the header is not the one in the file name.
    case wrongGroup(GroupID)
}

extension SnapshotError: CustomStringConvertible {
    /// One line for an operator's log.
    public var description: String {
        switch self {
        case .file(let error): "snapshot I/O failed: \(error)"
        case .corrupt(let file, let reason): "snapshot \(file) is corrupt: \(reason)"
        case .metadataMismatch(let file, let expected, let found):
            "snapshot \(file) holds index \(found.index) term \(found.term), expected index \(expected.index) term \(expected.term)"
                + (found.confState != expected.confState ? " (membership differs)" : "")
        case .missing(let group, let index): "snapshot of group \(group) at index \(index) is missing"
        }
    }
}

extension SnapshotCorruption: CustomStringConvertible {
    public var description: String {
        switch self {
        case .checksumMismatch: "checksum mismatch"
        case .badLength: "shorter than any snapshot file"
        case .malformedHeader(let reason): "malformed header (\(reason))"
        case .wrongGroup(let group): "belongs to group \(group)"
        }
    }
}
