import Logging
import NIOCore
import NIOSSL

/// An HTTP/2 server on SwiftNIO running our sans-I/O ``HTTP2/HTTP2Connection`` engine, one
/// per connection, and handing each complete request to an async handler. Plaintext
/// connections speak h2c with prior knowledge or upgrade from HTTP/1.1 (`Upgrade: h2c`);
/// with ``HTTP2ServerConfiguration/tls`` they speak TLS with ALPN `h2`.
///
/// ```swift
/// let server = try await HTTP2Server.start(configuration: .init(port: 0)) { request in
///     HTTP2Response(status: 200, body: request.body)
/// }
/// print(server.port)
/// await server.shutdown()     // GOAWAY to every connection; open streams finish
/// ```
public final class HTTP2Server: Sendable {
    /// Turns a request into a response; runs in its own task.
    public typealias Handler = @Sendable (HTTP2Request) async -> HTTP2Response
    /// Turns a request into a response at once, on the connection's event loop.
    public typealias SynchronousHandler = @Sendable (HTTP2Request) -> HTTP2Response

    /// How a connection runs the server's handler.
    enum RequestHandler: Sendable {
        case async(Handler)
        case synchronous(SynchronousHandler)
    }

    /// The bound host.
    public var host: String { listener.host }
    /// The bound port (the one the system chose when the configuration said 0).
    public var port: Int { listener.port }

    private let listener: ServerListener

    private init(listener: ServerListener) {
        self.listener = listener
    }

    /// Binds and starts serving; each request runs `handler` in a task that starts on the
    /// connection's event loop.
    public static func start(
        configuration: HTTP2ServerConfiguration = HTTP2ServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.http2-server"),
        handler: @escaping Handler
    ) async throws(HTTPServerError) -> HTTP2Server {
        try await start(configuration, logger, .async(handler))
    }

    /// Binds and starts serving; `handler` answers each request right on the connection's
    /// event loop, with no task: for handlers that neither suspend nor block (a fixed or
    /// computed response), which it saves a task and an executor hop per request.
    public static func startOnEventLoop(
        configuration: HTTP2ServerConfiguration = HTTP2ServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.http2-server"),
        handler: @escaping SynchronousHandler
    ) async throws(HTTPServerError) -> HTTP2Server {
        try await start(configuration, logger, .synchronous(handler))
    }

    private static func start(
        _ configuration: HTTP2ServerConfiguration, _ logger: Logger, _ handler: RequestHandler
    ) async throws(HTTPServerError) -> HTTP2Server {
        guard (0...65535).contains(configuration.port) else { throw .invalidConfiguration("port \(configuration.port)") }
        guard configuration.eventLoops.isUsable, configuration.connectionCountMax > 0,
              configuration.bodySizeBytesMax >= 0, configuration.shutdownGraceSeconds >= 0
        else { throw .invalidConfiguration("thread count, connection limit, body limit or grace period") }
        let tlsContext = try configuration.tls?.makeContext()
        let listener = try await ServerListener.bind(
            host: configuration.host, port: configuration.port, eventLoops: configuration.eventLoops,
            connectionCountMax: configuration.connectionCountMax,
            graceSeconds: Double(configuration.shutdownGraceSeconds), logger: logger
        ) { channel, tracker in
            let makeConnectionHandler = {
                HTTP2ServerConnectionHandler(configuration: configuration, tracker: tracker, handler: handler)
            }
            let pipeline = channel.pipeline.syncOperations
            if let tlsContext {
                try pipeline.addHandler(NIOSSLServerHandler(context: tlsContext))
                try pipeline.addHandler(makeConnectionHandler())
            } else {
                try pipeline.addHandler(H2CNegotiationHandler(makeConnectionHandler: makeConnectionHandler))
            }
        }
        return HTTP2Server(listener: listener)
    }

    /// Stops accepting, sends GOAWAY on every connection, lets open streams finish (each
    /// connection closes once drained), and stops the event loops. Connections still busy
    /// after the grace period are closed anyway. Calling it again waits for the same shutdown.
    public func shutdown() async {
        await listener.shutdown()
    }
}
