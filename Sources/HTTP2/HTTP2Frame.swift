/// One HTTP/2 frame (RFC 9113 §4 and §6): the stream it is on and its typed payload.
///
/// Padding is not kept: the decoder strips it (counting it for flow control in
/// ``flowControlledLength``) and the encoder writes `padding` zero octets when asked.
struct HTTP2Frame: Equatable, Sendable {
    var streamID: HTTP2StreamID
    var payload: Payload

    init(streamID: HTTP2StreamID, payload: Payload) {
        self.streamID = streamID
        self.payload = payload
    }

    /// A frame's contents, one case per frame type (RFC 9113 §6); frames of unknown
    /// types are kept as `.unknown` so the connection can ignore them (§4.1, §5.5).
    enum Payload: Equatable, Sendable {
        /// DATA (0x0). `padding` is the padding length including its length octet (0 when unpadded).
        case data([UInt8], endStream: Bool, padding: Int = 0)
        /// HEADERS (0x1): a field block fragment.
        case headers(HeaderFragment, endStream: Bool, priority: PrioritySignal? = nil)
        /// PRIORITY (0x2): RFC 7540 priority, deprecated by RFC 9113 but still legal.
        case priority(PrioritySignal)
        /// RST_STREAM (0x3).
        case rstStream(HTTP2ErrorCode)
        /// SETTINGS (0x4); an ACK carries no parameters.
        case settings(ack: Bool, [HTTP2Setting])
        /// PUSH_PROMISE (0x5).
        case pushPromise(promised: HTTP2StreamID, HeaderFragment)
        /// PING (0x8 octets of opaque data).
        case ping(ack: Bool, opaque: UInt64)
        /// GOAWAY (0x7).
        case goAway(lastStreamID: HTTP2StreamID, HTTP2ErrorCode, debugData: [UInt8])
        /// WINDOW_UPDATE (0x8): the increment, 1 ... 2^31 − 1 when valid.
        case windowUpdate(increment: UInt32)
        /// CONTINUATION (0x9).
        case continuation(block: [UInt8], endHeaders: Bool)
        /// A frame type this implementation does not know.
        case unknown(type: UInt8, flags: UInt8, payload: [UInt8])
    }

    /// A field block fragment with END_HEADERS and padding, as HEADERS and PUSH_PROMISE carry it.
    struct HeaderFragment: Equatable, Sendable {
        var block: [UInt8]
        var endHeaders: Bool
        /// Padding length including its length octet (0 when unpadded).
        var padding: Int
        init(block: [UInt8], endHeaders: Bool = true, padding: Int = 0) {
            self.block = block
            self.endHeaders = endHeaders
            self.padding = padding
        }
    }

    /// RFC 7540's stream dependency and weight: parsed and validated, otherwise ignored
    /// (RFC 9113 §5.3.2). `weight` is the wire value (the RFC's weight minus one).
    struct PrioritySignal: Equatable, Sendable {
        var exclusive: Bool
        var dependency: HTTP2StreamID
        var weight: UInt8
        init(exclusive: Bool = false, dependency: HTTP2StreamID, weight: UInt8 = 15) {
            self.exclusive = exclusive
            self.dependency = dependency
            self.weight = weight
        }
    }
}

/// Wire constants of the frame layer (RFC 9113 §4.1, §6).
enum FrameType {
    static let data: UInt8 = 0x0, headers: UInt8 = 0x1, priority: UInt8 = 0x2, rstStream: UInt8 = 0x3
    static let settings: UInt8 = 0x4, pushPromise: UInt8 = 0x5, ping: UInt8 = 0x6, goAway: UInt8 = 0x7
    static let windowUpdate: UInt8 = 0x8, continuation: UInt8 = 0x9
}

enum FrameFlag {
    static let endStream: UInt8 = 0x1, ack: UInt8 = 0x1, endHeaders: UInt8 = 0x4
    static let padded: UInt8 = 0x8, priority: UInt8 = 0x20
}

/// The nine octets in front of every frame.
struct FrameHeader: Equatable, Sendable {
    static let byteCount = 9
    var length: Int
    var type: UInt8
    var flags: UInt8
    var streamID: HTTP2StreamID

    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}
