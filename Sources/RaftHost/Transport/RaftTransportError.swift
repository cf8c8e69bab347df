/// Why the Raft transport refused bytes from a peer, or could not start.
///
/// Decoding errors carry the byte offset in the connection's stream (or in the buffer
/// given to ``RaftMessageCodec/decode(stream:)``) where the bad field or frame starts.
public enum RaftTransportError: Error, Sendable, Equatable {
    /// The frame does not start with the magic bytes `R`, `H`.
    case badMagic(offset: Int, found: UInt16)
    /// A frame of a wire-format version this build does not speak.
    case unsupportedVersion(offset: Int, version: UInt8)
    /// A frame type other than a message batch or a snapshot chunk.
    case unknownFrameType(offset: Int, type: UInt8)
    /// The length field is larger than ``RaftCodecLimits/frameBytesMax``.
    case frameTooLarge(offset: Int, lengthBytes: UInt32, maxBytes: Int)
    /// The stored CRC32C does not match the frame's bytes.
    case checksumMismatch(offset: Int, stored: UInt32, computed: UInt32)
    /// The input ends inside a frame.
    case truncated(offset: Int, neededBytes: Int)
    /// A field runs past the end of its frame or holds an impossible value.
    case malformed(offset: Int, reason: String)
    /// A message kind tag this build does not know.
    case unknownMessageKind(offset: Int, kind: UInt8)
    /// A count (messages, entries, address bytes) above its configured limit.
    case countTooLarge(offset: Int, field: String, count: Int, max: Int)
    /// A streamed snapshot larger than ``RaftCodecLimits/snapshotBytesMax``.
    case snapshotTooLarge(offset: Int, totalBytes: UInt64, maxBytes: Int)
    /// A snapshot chunk that does not continue the snapshot being reassembled.
    case snapshotChunkOutOfOrder(offset: Int, group: UInt64, expectedOffset: UInt64, chunkOffset: UInt64)
    /// The listener could not be bound, or TLS material could not be loaded.
    case startFailed(reason: String)
}

extension RaftTransportError: CustomStringConvertible {
    /// One line for an operator's log.
    public var description: String {
        switch self {
        case let .badMagic(offset, found): "bad frame magic 0x\(String(found, radix: 16)) at offset \(offset)"
        case let .unsupportedVersion(offset, version): "unsupported wire version \(version) at offset \(offset)"
        case let .unknownFrameType(offset, type): "unknown frame type \(type) at offset \(offset)"
        case let .frameTooLarge(offset, length, max): "frame of \(length) bytes (max \(max)) at offset \(offset)"
        case let .checksumMismatch(offset, stored, computed):
            "checksum mismatch at offset \(offset): stored \(stored), computed \(computed)"
        case let .truncated(offset, needed): "input ends inside the frame at offset \(offset) (\(needed) more bytes needed)"
        case let .malformed(offset, reason): "malformed field at offset \(offset): \(reason)"
        case let .unknownMessageKind(offset, kind): "unknown message kind \(kind) at offset \(offset)"
        case let .countTooLarge(offset, field, count, max): "\(field) count \(count) (max \(max)) at offset \(offset)"
        case let .snapshotTooLarge(offset, total, max): "snapshot of \(total) bytes (max \(max)) at offset \(offset)"
        case let .snapshotChunkOutOfOrder(offset, group, expected, chunk):
            "snapshot chunk for group \(group) at byte \(chunk), expected \(expected), at offset \(offset)"
        case let .startFailed(reason): "transport could not start: \(reason)"
        }
    }
}
