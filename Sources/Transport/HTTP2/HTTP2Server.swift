import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An HTTP/2 server on SwiftNIO (h2c with prior knowledge) running our sans-I/O
/// ``HTTP2/HTTP2Connection`` engine, one per connection, and handing each complete request
/// to an async handler.
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

    /// The bound host.
    public let host: String
    /// The bound port (the one the system chose when the configuration said 0).
    public let port: Int

    private let configuration: HTTP2ServerConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let tracker: ConnectionTracker
    private let logger: Logger
    private let shutdownTask = Mutex<Task<Void, Never>?>(nil)

    private init(
        configuration: HTTP2ServerConfiguration, group: MultiThreadedEventLoopGroup, listener: any Channel,
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
        configuration: HTTP2ServerConfiguration = HTTP2ServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.http2-server"),
        handler: @escaping Handler
    ) async throws(HTTPServerError) -> HTTP2Server {
        guard (0...65535).contains(configuration.port) else { throw .invalidConfiguration("port \(configuration.port)") }
        guard configuration.eventLoopThreadCount > 0, configuration.connectionCountMax > 0,
              configuration.bodySizeBytesMax >= 0, configuration.shutdownGraceSeconds >= 0
        else { throw .invalidConfiguration("thread count, connection limit, body limit or grace period") }
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
                    try channel.pipeline.syncOperations.addHandler(
                        HTTP2ServerConnectionHandler(configuration: configuration, tracker: tracker, handler: handler))
                }
            }
        do {
            let listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            let server = HTTP2Server(configuration: configuration, group: group, listener: listener, tracker: tracker, logger: logger)
            logger.debug("listening", metadata: ["host": "\(server.host)", "port": "\(server.port)"])
            return server
        } catch {
            try? await group.shutdownGracefully()
            throw .bindFailed(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
    }

    /// Stops accepting, sends GOAWAY on every connection, lets open streams finish (each
    /// connection closes once drained), and stops the event loops. Connections still busy
    /// after the grace period are closed anyway. Calling it again waits for the same shutdown.
    public func shutdown() async {
        let task = shutdownTask.withLock { task -> Task<Void, Never> in
            if let task { return task }
            let newTask = Task { await self.performShutdown() }
            task = newTask
            return newTask
        }
        await task.value
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
