import Logging
import NIOCore
import NIOHTTP1

/// An HTTP/1.1 server on SwiftNIO that hands each complete request to an async handler.
///
/// Requests are read on the event loops (one per core by default) and handled in a task
/// each, so CPU-bound handlers spread over all cores. Connections are kept alive and
/// pipelined requests are answered in order. A body over the limit is answered 413, a
/// malformed request 400 (and that connection closed); other connections keep going.
///
/// ```swift
/// let server = try await HTTPServer.start(configuration: .init(port: 0)) { request in
///     HTTPResponse(status: 200, body: request.body)
/// }
/// print(server.port)          // the bound port
/// await server.shutdown()     // stops accepting, lets running requests finish
/// ```
public final class HTTPServer: Sendable {
    /// Turns a request into a response; runs in its own task.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    /// The bound host.
    public var host: String { listener.host }
    /// The bound port (the one the system chose when the configuration said 0).
    public var port: Int { listener.port }

    private let listener: ServerListener

    private init(listener: ServerListener) {
        self.listener = listener
    }

    /// Binds and starts serving.
    public static func start(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.http-server"),
        handler: @escaping Handler
    ) async throws(HTTPServerError) -> HTTPServer {
        try validate(configuration)
        let listener = try await ServerListener.bind(
            host: configuration.host, port: configuration.port, eventLoops: configuration.eventLoops,
            connectionCountMax: configuration.connectionCountMax,
            graceSeconds: Double(configuration.shutdownGraceSeconds), logger: logger
        ) { channel, tracker in
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(configuration.idleTimeoutSeconds)))
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(HTTPServerHandler(
                handler: handler, bodySizeBytesMax: configuration.bodySizeBytesMax, tracker: tracker))
        }
        return HTTPServer(listener: listener)
    }

    private static func validate(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
        guard (0...65535).contains(configuration.port) else { throw .invalidConfiguration("port \(configuration.port)") }
        guard configuration.bodySizeBytesMax >= 0 else { throw .invalidConfiguration("negative body size limit") }
        guard configuration.eventLoops.isUsable else { throw .invalidConfiguration("no event-loop threads") }
        guard configuration.connectionCountMax > 0 else { throw .invalidConfiguration("no connections allowed") }
        guard configuration.idleTimeoutSeconds > 0, configuration.shutdownGraceSeconds >= 0 else {
            throw .invalidConfiguration("timeouts must be positive")
        }
    }

    /// Stops accepting connections, lets requests in progress finish (each connection
    /// closes after its current response), closes idle connections, and stops the event
    /// loops. Connections still busy after the configured grace period are closed anyway.
    /// Calling it again waits for the same shutdown.
    public func shutdown() async {
        await listener.shutdown()
    }

    /// Waits until the server has been shut down (by ``shutdown()`` from elsewhere).
    public func waitUntilShutDown() async {
        await listener.waitUntilShutDown()
    }
}
