/// Why an ``HTTPClient`` request failed. HTTP error statuses are not errors: they come
/// back as an ``HTTPResponse``.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an `http://host[:port][/path]` URL (`https` is not supported).
    case invalidURL(String)
    /// The TCP connection could not be made.
    case connectFailed(host: String, port: Int, reason: String)
    /// Connecting or waiting for the response took longer than configured.
    case timedOut
    /// The server closed the connection before the response was complete.
    case connectionClosed
    /// The response body was larger than the configured limit.
    case responseTooLarge(max: Int)
    /// The bytes received were not an HTTP/1.1 response.
    case malformedResponse(String)
    /// The client was shut down.
    case shutDown
    /// The calling task was cancelled; the connection was closed.
    case cancelled

    public var description: String {
        switch self {
        case let .invalidURL(url): return "invalid URL \"\(url)\" (expected http://host[:port][/path])"
        case let .connectFailed(host, port, reason): return "could not connect to \(host):\(port): \(reason)"
        case .timedOut: return "the request timed out"
        case .connectionClosed: return "the server closed the connection before responding"
        case let .responseTooLarge(max): return "the response is larger than \(max) bytes"
        case let .malformedResponse(reason): return "malformed HTTP response: \(reason)"
        case .shutDown: return "the HTTP client is shut down"
        case .cancelled: return "the request was cancelled"
        }
    }
}
