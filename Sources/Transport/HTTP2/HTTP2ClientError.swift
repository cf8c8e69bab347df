import HTTP2

/// Why an ``HTTP2Client`` call failed.
public enum HTTP2ClientError: Error, Equatable, Sendable {
    /// The TCP connection (or the TLS set-up) could not be made.
    case connectFailed(String)
    /// The request's fields are not a valid HTTP/2 request, or no stream could be opened
    /// (the server's concurrency limit or its GOAWAY).
    case requestRefused(String)
    /// The server reset the stream (REFUSED_STREAM when its GOAWAY did not cover it).
    case streamReset(HTTP2ErrorCode)
    /// A connection error, ours or the server's: the connection is gone.
    case connectionError(HTTP2ErrorCode, String)
    /// The connection closed before the response was complete.
    case connectionClosed
}
