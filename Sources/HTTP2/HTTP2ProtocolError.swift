/// A violation of RFC 9113 found in what the peer sent, with the scope the RFC gives
/// it: a connection error ends the connection with GOAWAY (§5.4.1), a stream error
/// resets one stream with RST_STREAM (§5.4.2).
public enum HTTP2ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole connection is unusable; `reason` goes into GOAWAY's debug data.
    case connection(HTTP2ErrorCode, reason: String)
    /// Only `stream` is affected.
    case stream(HTTP2StreamID, HTTP2ErrorCode, reason: String)

    /// The error code sent in GOAWAY or RST_STREAM.
    public var code: HTTP2ErrorCode {
        switch self {
        case let .connection(code, _), let .stream(_, code, _): return code
        }
    }

    public var description: String {
        switch self {
        case let .connection(code, reason): return "connection error \(code): \(reason)"
        case let .stream(id, code, reason): return "stream \(id) error \(code): \(reason)"
        }
    }
}

/// Why an API call on ``HTTP2Connection`` was refused: the caller asked for something
/// the protocol does not allow now (a programming or timing issue, not bad input).
public enum HTTP2UsageError: Error, Equatable, Sendable {
    /// The stream is not in a state where this frame may be sent (RFC 9113 §5.1).
    case streamNotWritable(HTTP2StreamID)
    /// No new stream may be opened: GOAWAY was sent or received, the identifiers ran
    /// out, or the peer's SETTINGS_MAX_CONCURRENT_STREAMS is reached.
    case cannotOpenStream
    /// Push is not possible: this is a client, or the client disabled it.
    case pushNotAllowed
    /// The connection has ended (a connection error or both sides' GOAWAY).
    case connectionClosed
    /// The headers do not form a valid request, response or trailers (RFC 9113 §8.2–8.3).
    case invalidHeaders(String)
    /// A setting value out of range (RFC 9113 §6.5.2).
    case invalidSetting(HTTP2SettingID, UInt32)
    /// An HTTP/1.1 `Upgrade: h2c` that cannot be accepted: not a fresh server connection,
    /// or an `HTTP2-Settings` payload that is not a list of valid settings.
    case invalidUpgrade(String)
}
