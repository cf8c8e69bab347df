import HTTP2
import NIOCore

/// Where and how an ``HTTP2Server`` listens.
public struct HTTP2ServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system choose; read the bound port from ``HTTP2Server/port``.
    public var port: Int
    /// A request body above this is answered 413 and the stream reset (NO_ERROR, RFC 9113 §8.1).
    public var bodySizeBytesMax: Int
    /// Where connections run; default a thread per core.
    public var eventLoops: ServerEventLoops
    public var connectionCountMax: Int
    /// How long shutdown waits for open streams before closing connections anyway.
    public var shutdownGraceSeconds: Int
    /// The engine's SETTINGS and windows; by default 256 concurrent streams per connection.
    public var connection: HTTP2Connection.Configuration
    /// TLS with ALPN `h2` on every connection; nil serves h2c (prior knowledge or `Upgrade: h2c`).
    public var tls: HTTP2ServerTLS?

    public init(
        host: String = "127.0.0.1", port: Int = 0, bodySizeBytesMax: Int = 4 << 20,
        eventLoops: ServerEventLoops = .perCore, connectionCountMax: Int = 1_024,
        shutdownGraceSeconds: Int = 10, connection: HTTP2Connection.Configuration? = nil, tls: HTTP2ServerTLS? = nil
    ) {
        self.host = host
        self.port = port
        self.bodySizeBytesMax = bodySizeBytesMax
        self.eventLoops = eventLoops
        self.connectionCountMax = connectionCountMax
        self.shutdownGraceSeconds = shutdownGraceSeconds
        self.connection = connection ?? Self.defaultConnection
        self.tls = tls
    }

    private static var defaultConnection: HTTP2Connection.Configuration {
        var settings = HTTP2Settings()
        settings.maxConcurrentStreams = 256
        return HTTP2Connection.Configuration(settings: settings)
    }
}
