import HPACK

/// A stream's state as RFC 9113 §5.1 names it.
public enum HTTP2StreamState: Equatable, Sendable {
    case idle
    case reservedLocal
    case reservedRemote
    case open
    case halfClosedLocal
    case halfClosedRemote
    case closed

    /// Whether the peer may still send DATA, or HEADERS as trailers, on the stream.
    var peerCanSend: Bool { self == .open || self == .halfClosedLocal }
    /// Whether we may still send DATA or trailers on the stream.
    var weCanSend: Bool { self == .open || self == .halfClosedRemote }

    /// The state after the peer ended its side (END_STREAM received).
    var afterRemoteEnd: HTTP2StreamState {
        switch self {
        case .open, .reservedRemote: return .halfClosedRemote
        case .halfClosedLocal: return .closed
        default: return self
        }
    }

    /// The state after we ended our side (END_STREAM sent).
    var afterLocalEnd: HTTP2StreamState {
        switch self {
        case .open, .reservedLocal: return .halfClosedLocal
        case .halfClosedRemote: return .closed
        default: return self
        }
    }
}

/// Why a stream reached "closed": RFC 9113 §5.1 answers late frames differently.
enum StreamClosure: Equatable, Sendable {
    /// We sent RST_STREAM: frames already in flight are ignored.
    case resetLocally
    /// The peer sent RST_STREAM: more frames are a stream error STREAM_CLOSED.
    case resetByPeer
    /// Both sides sent END_STREAM: more DATA or HEADERS is a connection error STREAM_CLOSED.
    case ended
}

/// What the connection keeps for one stream that is not idle or closed.
struct StreamRecord: Sendable {
    var state: HTTP2StreamState
    /// Octets the peer may still send before our next WINDOW_UPDATE.
    var inboundWindow: Int
    /// Octets the application consumed that no WINDOW_UPDATE has returned yet.
    var inboundConsumedUnannounced = 0
    /// Octets we may still send; negative after the peer shrank SETTINGS_INITIAL_WINDOW_SIZE.
    var outboundWindow: Int
    /// DATA waiting for window, then END_STREAM or trailers once it is all out.
    var pendingData: [UInt8] = []
    var pendingDataOffset = 0
    var pendingEndStream = false
    var pendingTrailers: [HeaderField]? = nil
    /// Whether the peer's first field block (request or final response) arrived.
    var receivedHeaders = false
    /// Whether we sent our first field block.
    var sentHeaders = false
    /// The peer's content-length, checked against the DATA it sends (RFC 9113 §8.1.1).
    var expectedContentLength: Int? = nil
    var receivedDataBytes = 0
    /// How our DATA on this stream is scheduled against other streams' (RFC 9218).
    var priority = HTTP2Priority()

    var pendingDataBytes: Int { pendingData.count - pendingDataOffset }
    var hasPendingOutput: Bool { pendingDataBytes > 0 || pendingEndStream || pendingTrailers != nil }
}
