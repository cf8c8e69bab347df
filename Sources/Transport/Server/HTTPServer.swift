import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

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
    public let host: String
    /// The bound port (the one the system chose when the configuration said 0).
    public let port: Int

    private let configuration: HTTPServerConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let tracker: ConnectionTracker
    private let logger: Logger
    private let shutdownTask = Mutex<Task<Void, Never>?>(nil)

    private init(
        configuration: HTTPServerConfiguration, group: MultiThreadedEventLoopGroup, listener: any Channel,
        tracker: ConnectionTracker, logger: Logger
    ) {
        self.configuration = configuration
        self.group = group
        self.listener = listener
        self.tracker = tracker
        self.logger = logger
        host = configuration.host
        port = listener.localAddress?.port ?? configuration.port
    }

    /// Binds and starts serving.
    public static func start(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.http-server"),
        handler: @escaping Handler
    ) async throws(HTTPServerError) -> HTTPServer {
        try validate(configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoopThreadCount)
        let tracker = ConnectionTracker(connectionCountMax: configuration.connectionCountMax)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard tracker.add(channel) else { return channel.close() }
                channel.closeFuture.whenComplete { _ in tracker.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(configuration.idleTimeoutSeconds)))
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(HTTPServerHandler(
                        handler: handler, bodySizeBytesMax: configuration.bodySizeBytesMax, tracker: tracker))
                }
            }
        do {
            let listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            let server = HTTPServer(configuration: configuration, group: group, listener: listener, tracker: tracker, logger: logger)
            logger.debug("listening", metadata: ["host": "\(server.host)", "port": "\(server.port)"])
            return server
        } catch {
            try? await group.shutdownGracefully()
            throw .bindFailed(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
    }

    private static func validate(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
        guard (0...65535).contains(configuration.port) else { throw .invalidConfiguration("port \(configuration.port)") }
        guard configuration.bodySizeBytesMax >= 0 else { throw .invalidConfiguration("negative body size limit") }
        guard configuration.eventLoopThreadCount > 0 else { throw .invalidConfiguration("no event-loop threads") }
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
        let task = shutdownTask.withLock { task -> Task<Void, Never> in
            if let task { return task }
            let newTask = Task { await self.performShutdown() }
            task = newTask
            return newTask
        }
        await task.value
    }

    /// Waits until the server has been shut down (by ``shutdown()`` from elsewhere).
    public func waitUntilShutDown() async {
        try? await listener.closeFuture.get()
        let task = shutdownTask.withLock { $0 }
        await task?.value
    }

    private func performShutdown() async {
        try? await listener.close()
        for channel in tracker.beginShutdown() {
            channel.pipeline.fireUserInboundEventTriggered(HTTPServerQuiesceEvent())
        }
        let graceSeconds = configuration.shutdownGraceSeconds
        let tracker = self.tracker
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await tracker.waitUntilDrained(); return true }
            group.addTask {
                do {
                    try await Task.sleep(for: .seconds(graceSeconds))
                    return false  // the grace period ran out
                } catch {
                    return true  // cancelled: drained first
                }
            }
            if await group.next() == false {
                for channel in tracker.openChannels { channel.close(promise: nil) }
            }
            group.cancelAll()
        }
        try? await group.shutdownGracefully()
        logger.debug("shut down", metadata: ["port": "\(port)"])
    }
}
