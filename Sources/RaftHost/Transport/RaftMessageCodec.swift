import Raft

/// The versioned binary encoding of Raft messages between hosts, framed for a stream.
///
/// A frame is a 12-byte header and a payload, little-endian throughout:
///
///     0  'R' 'H'        magic
///     2  version  u8    1
///     3  type     u8    1 = message batch, 2 = snapshot chunk
///     4  length   u32   payload bytes, at most `limits.frameBytesMax`
///     8  crc32c   u32   over bytes 2..<8 and the payload
///
/// The payload layouts are in `RaftPayloadEncoding.swift`. Decoding checks the header
/// first, then the checksum, then every length and count against both `limits` and the
/// bytes present before it allocates; it throws ``RaftTransportError`` and never traps.
public struct RaftMessageCodec: Sendable {
    public static let headerBytes = 12
    public static let version: UInt8 = 1
    static let magic: (UInt8, UInt8) = (0x52, 0x48)

    enum FrameType: UInt8 {
        case batch = 1
        case snapshotChunk = 2
    }

    /// A checked header: the payload that follows is `length` bytes long.
    struct Header {
        var type: FrameType
        var length: Int
        var crc: UInt32
    }

    public var limits: RaftCodecLimits

    public init(limits: RaftCodecLimits = RaftCodecLimits()) {
        self.limits = limits
    }

    /// One frame, header included.
    public func encode(_ frame: RaftFrame) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        switch frame {
        case let .batch(batch):
            var builder = BatchFrameBuilder(sourceHost: batch.sourceHost, sourceAddress: batch.sourceAddress)
            for message in batch.messages { builder.append(message) }
            return builder.finish()
        case let .snapshotChunk(chunk):
            Self.beginFrame(&writer, type: .snapshotChunk)
            writer.snapshotChunk(chunk)
        }
        Self.endFrame(&writer)
        return writer.bytes
    }

    /// Every frame in `bytes`, which must end on a frame boundary.
    public func decode(stream bytes: [UInt8]) throws(RaftTransportError) -> [RaftFrame] {
        var frames: [RaftFrame] = []
        var offset = 0
        while offset < bytes.count {
            let available = bytes.count - offset
            if available < Self.headerBytes {
                throw .truncated(offset: offset, neededBytes: Self.headerBytes - available)
            }
            let header = try self.header(bytes, at: offset, streamOffset: offset)
            if available - Self.headerBytes < header.length {
                throw .truncated(offset: offset, neededBytes: header.length - (available - Self.headerBytes))
            }
            let start = offset + Self.headerBytes
            let payload = Array(bytes[start..<start + header.length])
            frames.append(try decodePayload(header, payload, headerBytes: bytes[offset..<start], streamOffset: offset))
            offset = start + header.length
        }
        return frames
    }

    /// Checks the `headerBytes` bytes at `index`; `streamOffset` is where they sit in
    /// the connection's stream, for error reports.
    func header(_ bytes: some RandomAccessCollection<UInt8>, at index: Int, streamOffset: Int)
        throws(RaftTransportError) -> Header
    {
        func byte(_ at: Int) -> UInt8 { bytes[bytes.index(bytes.startIndex, offsetBy: index + at)] }
        func u32(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(byte(at + $1)) << (8 * UInt32($1)) }
        }
        if byte(0) != Self.magic.0 || byte(1) != Self.magic.1 {
            throw .badMagic(offset: streamOffset, found: UInt16(byte(0)) << 8 | UInt16(byte(1)))
        }
        if byte(2) != Self.version { throw .unsupportedVersion(offset: streamOffset + 2, version: byte(2)) }
        guard let type = FrameType(rawValue: byte(3)) else {
            throw .unknownFrameType(offset: streamOffset + 3, type: byte(3))
        }
        let length = u32(4)
        if Int(length) > limits.frameBytesMax {
            throw .frameTooLarge(offset: streamOffset + 4, lengthBytes: length, maxBytes: limits.frameBytesMax)
        }
        return Header(type: type, length: Int(length), crc: u32(8))
    }

    /// Verifies the checksum and parses a payload whose header has been checked.
    func decodePayload(
        _ header: Header, _ payload: [UInt8], headerBytes: some Collection<UInt8>, streamOffset: Int
    ) throws(RaftTransportError) -> RaftFrame {
        var crc = CRC32C()
        crc.update(headerBytes.dropFirst(2).prefix(6))
        crc.update(payload)
        if crc.value != header.crc {
            throw .checksumMismatch(offset: streamOffset + 8, stored: header.crc, computed: crc.value)
        }
        var decoder = RaftPayloadDecoder(payload, limits: limits, baseOffset: streamOffset + Self.headerBytes)
        return switch header.type {
        case .batch: .batch(try decoder.batch())
        case .snapshotChunk: .snapshotChunk(try decoder.snapshotChunk())
        }
    }

    /// Writes a header whose length and checksum ``endFrame(_:)`` fills in.
    static func beginFrame(_ writer: inout ByteWriter, type: FrameType) {
        writer.u8(magic.0)
        writer.u8(magic.1)
        writer.u8(version)
        writer.u8(type.rawValue)
        writer.u32(0)
        writer.u32(0)
    }

    /// Fills in the length and checksum of the frame that starts at byte 0 of `writer`.
    static func endFrame(_ writer: inout ByteWriter) {
        let length = UInt32(writer.bytes.count - headerBytes)
        writer.patch(u32: length, at: 4)
        var crc = CRC32C()
        writer.bytes.withUnsafeBytes { raw in
            crc.update(UnsafeRawBufferPointer(rebasing: raw[2..<8]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[headerBytes...]))
        }
        writer.patch(u32: crc.value, at: 8)
    }
}

/// Builds one batch frame message by message, so that a sender can cut batches at a
/// size without encoding twice.
struct BatchFrameBuilder {
    private var writer = ByteWriter(capacity: 4096)
    private(set) var count = 0
    private let countOffset: Int

    init(sourceHost: UInt64, sourceAddress: String) {
        RaftMessageCodec.beginFrame(&writer, type: .batch)
        writer.u64(sourceHost)
        let address = Array(sourceAddress.utf8)
        writer.u16(UInt16(truncatingIfNeeded: address.count))
        writer.raw(address)
        countOffset = writer.bytes.count
        writer.u32(0)
    }

    /// Payload bytes so far.
    var payloadBytes: Int { writer.bytes.count - RaftMessageCodec.headerBytes }

    mutating func append(_ message: GroupMessage) {
        writer.u64(message.group)
        writer.message(message.message)
        count += 1
    }

    /// Takes back the last message (a sender does when it made the frame too large).
    mutating func removeLast(toBytes payloadBytes: Int) {
        writer.bytes.removeLast(writer.bytes.count - RaftMessageCodec.headerBytes - payloadBytes)
        count -= 1
    }

    /// The finished frame; the builder is not used after this.
    mutating func finish() -> [UInt8] {
        writer.patch(u32: UInt32(count), at: countOffset)
        RaftMessageCodec.endFrame(&writer)
        return writer.bytes
    }
}
