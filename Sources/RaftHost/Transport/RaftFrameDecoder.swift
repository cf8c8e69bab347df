import NIOCore

/// A decoded frame and where it started in the connection's stream.
struct ReceivedFrame {
    var streamOffset: Int
    var frame: RaftFrame
}

/// Cuts a connection's bytes into frames: waits for a whole header, checks it (so a
/// bad length is refused before its payload is buffered), then waits for the payload.
struct RaftFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ReceivedFrame

    let codec: RaftMessageCodec
    private var streamOffset = 0

    init(codec: RaftMessageCodec) {
        self.codec = codec
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while let frame = try nextFrame(&buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
        }
        if buffer.readableBytes > 0 {
            let leftover = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: leftover)
            throw RaftTransportError.truncated(offset: streamOffset, neededBytes: max(1, RaftMessageCodec.headerBytes - leftover))
        }
        return .needMoreData
    }

    private mutating func nextFrame(_ buffer: inout ByteBuffer) throws(RaftTransportError) -> ReceivedFrame? {
        let headerBytes = RaftMessageCodec.headerBytes
        guard buffer.readableBytes >= headerBytes else { return nil }
        let view = buffer.readableBytesView
        let header = try codec.header(view, at: 0, streamOffset: streamOffset)
        guard buffer.readableBytes - headerBytes >= header.length,
            let payload = buffer.getBytes(at: buffer.readerIndex + headerBytes, length: header.length)
        else { return nil }
        let frame = try codec.decodePayload(header, payload, headerBytes: view.prefix(headerBytes), streamOffset: streamOffset)
        let start = streamOffset
        buffer.moveReaderIndex(forwardBy: headerBytes + header.length)
        streamOffset += headerBytes + header.length
        return ReceivedFrame(streamOffset: start, frame: frame)
    }
}
