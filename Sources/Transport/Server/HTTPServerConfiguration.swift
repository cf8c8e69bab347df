import NIOCore

/// Where and how an ``HTTPServer`` listens, and its limits.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind, e.g. `"127.0.0.1"` or `"0.0.0.0"`.
    public var host: String
    /// The port; 0 asks the system for a free one (see ``HTTPServer/port``).
    public var port: Int
    /// The largest request body accepted; a larger one is answered 413 (checked against
    /// `Content-Length` and again while the body streams in, before buffering more).
    /// Default 2 MiB, many-rs's `READ_BUFFER_LEN`.
    public var bodySizeBytesMax: Int
    /// Where connections run; default a thread per core.
    public var eventLoops: ServerEventLoops
    /// Open connections at most; more are closed as soon as they are accepted.
    public var connectionCountMax: Int
    /// A connection with no request in progress and nothing read for this long is closed.
    public var idleTimeoutSeconds: Int64
    /// How long ``HTTPServer/shutdown()`` waits for in-flight requests before closing
    /// their connections anyway.
    public var shutdownGraceSeconds: Int64

    public init(
        host: String = "127.0.0.1", port: Int = 0, bodySizeBytesMax: Int = 2 * 1024 * 1024,
        eventLoops: ServerEventLoops = .perCore, connectionCountMax: Int = 10_000,
        idleTimeoutSeconds: Int64 = 60, shutdownGraceSeconds: Int64 = 30
    ) {
        self.host = host
        self.port = port
        self.bodySizeBytesMax = bodySizeBytesMax
        self.eventLoops = eventLoops
        self.connectionCountMax = connectionCountMax
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }
}

/// Why an ``HTTPServer`` could not start.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The address could not be bound (in use, not local, no permission).
    case bindFailed(host: String, port: Int, reason: String)
    /// A limit in the configuration is not usable (e.g. a negative body size).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .bindFailed(host, port, reason): return "could not listen on \(host):\(port): \(reason)"
        case let .invalidConfiguration(reason): return "invalid HTTP server configuration: \(reason)"
        }
    }
}
