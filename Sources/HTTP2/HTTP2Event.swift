import HPACK

/// Something the peer did, as ``HTTP2Connection/receive(_:)`` reports it.
public enum HTTP2Event: Equatable, Sendable {
    /// A request (server), a response or informational response (client), or a pushed
    /// response (client, on a promised stream). Pseudo-header fields come first.
    case headersReceived(HTTP2StreamID, [HeaderField], endStream: Bool)
    /// Trailers: a field block after the first one, always ending the stream.
    case trailersReceived(HTTP2StreamID, [HeaderField])
    /// Body octets (padding removed). Call ``HTTP2Connection/dataConsumed(_:on:)`` once
    /// the application has taken them, so the windows open again.
    case dataReceived(HTTP2StreamID, [UInt8], endStream: Bool)
    /// The server promised `promised` for a request it associated with the first stream.
    case pushPromiseReceived(HTTP2StreamID, promised: HTTP2StreamID, [HeaderField])
    /// The stream was reset: by the peer (`byPeer`), or by us because the peer broke a
    /// stream-level rule, or because the peer's GOAWAY did not cover it (REFUSED_STREAM).
    case streamReset(HTTP2StreamID, HTTP2ErrorCode, byPeer: Bool)
    /// Both sides have ended the stream normally.
    case streamClosed(HTTP2StreamID)
    /// The peer's SETTINGS were applied (and acknowledged).
    case settingsChanged([HTTP2Setting])
    /// The peer acknowledged our oldest unacknowledged SETTINGS; they are in effect.
    case settingsAcknowledged
    /// The answer to one of our PINGs.
    case pingAcknowledged(opaque: UInt64)
    /// The peer is going away: streams we opened above `lastStreamID` were not processed.
    case goAwayReceived(lastStreamID: HTTP2StreamID, HTTP2ErrorCode, debugData: [UInt8])
    /// The peer gave us more send window (stream 0 is the connection).
    case windowUpdated(HTTP2StreamID, increment: UInt32)
    /// The peer broke a connection-level rule: we sent GOAWAY with `code`; the
    /// connection accepts nothing more.
    case connectionError(HTTP2ErrorCode, reason: String)
}
