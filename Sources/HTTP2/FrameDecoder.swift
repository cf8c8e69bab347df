/// Reads frames from a byte stream (RFC 9113 §4), enforcing everything that can be
/// checked from one frame alone: lengths against SETTINGS_MAX_FRAME_SIZE and each
/// type's fixed size, stream 0 where a type requires or forbids it, padding.
///
/// Partial input is buffered; the buffer holds at most one incomplete frame (its
/// length is checked against `maxFrameSize` before the payload is awaited), so a
/// peer cannot make it grow past `maxFrameSize` + 9 plus the caller's last chunk.
struct FrameDecoder: Sendable {
    /// The client connection preface (RFC 9113 §3.4).
    static let clientPreface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    /// Our SETTINGS_MAX_FRAME_SIZE: longer frames are a FRAME_SIZE_ERROR.
    var maxFrameSize: Int
    /// A server first reads the client preface.
    private var prefaceBytesPending: Int
    private var buffer: [UInt8] = []
    private var readIndex = 0

    init(maxFrameSize: Int, expectsPreface: Bool) {
        self.maxFrameSize = maxFrameSize
        self.prefaceBytesPending = expectsPreface ? Self.clientPreface.count : 0
    }

    /// Bytes received but not yet returned as frames.
    var bufferedBytes: Int { buffer.count - readIndex }

    mutating func append(_ bytes: some Collection<UInt8>) {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 4096 && readIndex * 2 > buffer.count {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    mutating func next() throws(HTTP2ProtocolError) -> HTTP2Frame? {
        try readPreface()
        guard prefaceBytesPending == 0, bufferedBytes >= FrameHeader.byteCount else { return nil }
        let header = readHeader(at: readIndex)
        guard header.length <= maxFrameSize else {
            throw .connection(.frameSizeError, reason: "frame of \(header.length) octets exceeds SETTINGS_MAX_FRAME_SIZE \(maxFrameSize)")
        }
        guard bufferedBytes >= FrameHeader.byteCount + header.length else { return nil }
        let start = readIndex + FrameHeader.byteCount
        readIndex = start + header.length
        return try buffer.withUnsafeBufferPointer { all throws(HTTP2ProtocolError) in
            try FramePayloadParser.parse(header, UnsafeBufferPointer(rebasing: all[start..<start + header.length]))
        }
    }

    private mutating func readPreface() throws(HTTP2ProtocolError) {
        guard prefaceBytesPending > 0 else { return }
        let expected = Self.clientPreface
        while prefaceBytesPending > 0 && readIndex < buffer.count {
            let position = expected.count - prefaceBytesPending
            guard buffer[readIndex] == expected[position] else {
                throw .connection(.protocolError, reason: "invalid connection preface at octet \(position)")
            }
            readIndex += 1
            prefaceBytesPending -= 1
        }
    }

    private func readHeader(at index: Int) -> FrameHeader {
        FrameHeader(
            length: Int(buffer[index]) << 16 | Int(buffer[index + 1]) << 8 | Int(buffer[index + 2]),
            type: buffer[index + 3], flags: buffer[index + 4],
            streamID: HTTP2StreamID(rawValue: FramePayloadParser.read32(buffer, index + 5)))
    }
}

/// Turns one complete frame's payload into an ``HTTP2Frame/Payload``.
enum FramePayloadParser {
    static func read32(_ bytes: some RandomAccessCollection<UInt8>, _ offset: Int) -> UInt32 {
        let i = bytes.index(bytes.startIndex, offsetBy: offset)
        return UInt32(bytes[i]) << 24 | UInt32(bytes[bytes.index(i, offsetBy: 1)]) << 16
            | UInt32(bytes[bytes.index(i, offsetBy: 2)]) << 8 | UInt32(bytes[bytes.index(i, offsetBy: 3)])
    }

    static func parse(_ header: FrameHeader, _ payload: UnsafeBufferPointer<UInt8>) throws(HTTP2ProtocolError) -> HTTP2Frame {
        let id = header.streamID
        func frame(_ payload: HTTP2Frame.Payload) -> HTTP2Frame { HTTP2Frame(streamID: id, payload: payload) }
        switch header.type {
        case FrameType.data:
            try requireStream(header, "DATA")
            let (body, padding) = try unpad(header, payload, fixedPrefix: 0)
            return frame(.data(Array(body), endStream: header.has(FrameFlag.endStream), padding: padding))
        case FrameType.headers:
            try requireStream(header, "HEADERS")
            let prefix = header.has(FrameFlag.priority) ? 5 : 0
            let (body, padding) = try unpad(header, payload, fixedPrefix: prefix)
            var priority: HTTP2Frame.PrioritySignal?
            if prefix == 5 { priority = prioritySignal(UnsafeBufferPointer(rebasing: body[body.startIndex..<body.startIndex + 5])) }
            let fragment = HTTP2Frame.HeaderFragment(
                block: Array(body.dropFirst(prefix)), endHeaders: header.has(FrameFlag.endHeaders), padding: padding)
            return frame(.headers(fragment, endStream: header.has(FrameFlag.endStream), priority: priority))
        case FrameType.priority:
            try requireStream(header, "PRIORITY")
            guard payload.count == 5 else { throw .stream(id, .frameSizeError, reason: "PRIORITY of \(payload.count) octets") }
            return frame(.priority(prioritySignal(payload)))
        case FrameType.rstStream:
            try requireStream(header, "RST_STREAM")
            try requireLength(payload, 4, "RST_STREAM")
            return frame(.rstStream(HTTP2ErrorCode(rawValue: read32(payload, 0))))
        case FrameType.settings:
            return frame(try settings(header, payload))
        case FrameType.pushPromise:
            try requireStream(header, "PUSH_PROMISE")
            let (body, padding) = try unpad(header, payload, fixedPrefix: 4)
            let promised = HTTP2StreamID(rawValue: read32(body, 0))
            let fragment = HTTP2Frame.HeaderFragment(
                block: Array(body.dropFirst(4)), endHeaders: header.has(FrameFlag.endHeaders), padding: padding)
            return frame(.pushPromise(promised: promised, fragment))
        case FrameType.ping:
            try requireConnection(header, "PING")
            try requireLength(payload, 8, "PING")
            let opaque = UInt64(read32(payload, 0)) << 32 | UInt64(read32(payload, 4))
            return frame(.ping(ack: header.has(FrameFlag.ack), opaque: opaque))
        case FrameType.goAway:
            try requireConnection(header, "GOAWAY")
            guard payload.count >= 8 else { throw .connection(.frameSizeError, reason: "GOAWAY of \(payload.count) octets") }
            return frame(.goAway(
                lastStreamID: HTTP2StreamID(rawValue: read32(payload, 0)),
                HTTP2ErrorCode(rawValue: read32(payload, 4)), debugData: Array(payload.dropFirst(8))))
        case FrameType.windowUpdate:
            try requireLength(payload, 4, "WINDOW_UPDATE")
            return frame(.windowUpdate(increment: read32(payload, 0) & HTTP2StreamID.maxRawValue))
        case FrameType.continuation:
            try requireStream(header, "CONTINUATION")
            return frame(.continuation(block: Array(payload), endHeaders: header.has(FrameFlag.endHeaders)))
        default:
            return frame(.unknown(type: header.type, flags: header.flags, payload: Array(payload)))
        }
    }

    private static func settings(_ header: FrameHeader, _ payload: UnsafeBufferPointer<UInt8>) throws(HTTP2ProtocolError) -> HTTP2Frame.Payload {
        try requireConnection(header, "SETTINGS")
        let ack = header.has(FrameFlag.ack)
        if ack && !payload.isEmpty { throw .connection(.frameSizeError, reason: "SETTINGS ACK with a payload") }
        guard payload.count % 6 == 0 else { throw .connection(.frameSizeError, reason: "SETTINGS of \(payload.count) octets") }
        var parameters: [HTTP2Setting] = []
        parameters.reserveCapacity(payload.count / 6)
        for offset in stride(from: 0, to: payload.count, by: 6) {
            let id = HTTP2SettingID(rawValue: UInt16(payload[offset]) << 8 | UInt16(payload[offset + 1]))
            parameters.append(HTTP2Setting(id, read32(payload, offset + 2)))
        }
        return .settings(ack: ack, parameters)
    }

    private static func prioritySignal(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTP2Frame.PrioritySignal {
        let word = read32(bytes, 0)
        return .init(exclusive: word & 0x8000_0000 != 0, dependency: HTTP2StreamID(rawValue: word), weight: bytes[4])
    }

    /// Strips padding (RFC 9113 §6.1): returns the body and the padding length counted
    /// with its length octet. `fixedPrefix` octets (priority, promised id) must fit too.
    private static func unpad(
        _ header: FrameHeader, _ payload: UnsafeBufferPointer<UInt8>, fixedPrefix: Int
    ) throws(HTTP2ProtocolError) -> (Slice<UnsafeBufferPointer<UInt8>>, Int) {
        guard header.has(FrameFlag.padded) else {
            guard payload.count >= fixedPrefix else { throw .connection(.frameSizeError, reason: "frame too short for its fields") }
            return (payload[...], 0)
        }
        guard let padLength = payload.first.map(Int.init) else {
            throw .connection(.frameSizeError, reason: "PADDED frame without a pad length")
        }
        guard 1 + fixedPrefix + padLength <= payload.count else {
            throw .connection(.protocolError, reason: "pad length \(padLength) exceeds the payload")
        }
        return (payload[1..<payload.count - padLength], padLength + 1)
    }

    private static func requireStream(_ header: FrameHeader, _ name: String) throws(HTTP2ProtocolError) {
        if header.streamID.isConnection { throw .connection(.protocolError, reason: "\(name) on stream 0") }
    }

    private static func requireConnection(_ header: FrameHeader, _ name: String) throws(HTTP2ProtocolError) {
        if !header.streamID.isConnection { throw .connection(.protocolError, reason: "\(name) on stream \(header.streamID)") }
    }

    private static func requireLength(_ payload: UnsafeBufferPointer<UInt8>, _ length: Int, _ name: String) throws(HTTP2ProtocolError) {
        if payload.count != length { throw .connection(.frameSizeError, reason: "\(name) of \(payload.count) octets") }
    }
}
