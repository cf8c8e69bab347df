import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The part every server of this module shares: the event loops, the bound listener,
/// the open-connection tracker, and a graceful shutdown (stop accepting, ask each
/// connection to quiesce, wait for them to drain up to a grace period, then close the
/// rest and stop the loops). ``HTTPServer`` and ``HTTP2Server`` add their pipelines.
final class ServerListener: Sendable {
    /// The bound host.
    let host: String
    /// The bound port (the one the system chose when 0 was asked for).
    let port: Int

    private let group: any EventLoopGroup
    /// Whether the group is this server's own, to stop at shutdown.
    private let ownsGroup: Bool
    private let listener: any Channel
    private let tracker: ConnectionTracker
    private let graceSeconds: Double
    private let logger: Logger
    private let shutdownTask = Mutex<Task<Void, Never>?>(nil)

    private init(
        host: String, group: any EventLoopGroup, ownsGroup: Bool, listener: any Channel, tracker: ConnectionTracker,
        requestedPort: Int, graceSeconds: Double, logger: Logger
    ) {
        self.host = host
        port = listener.localAddress?.port ?? requestedPort
        self.group = group
        self.ownsGroup = ownsGroup
        self.listener = listener
        self.tracker = tracker
        self.graceSeconds = graceSeconds
        self.logger = logger
    }

    /// Binds `host:port` on `eventLoops`. Each accepted connection is counted
    /// (refused beyond `connectionCountMax`) and then set up by `configure`, on its loop.
    static func bind(
        host: String, port: Int, eventLoops: ServerEventLoops, connectionCountMax: Int, graceSeconds: Double, logger: Logger,
        configure: @escaping @Sendable (any Channel, ConnectionTracker) throws -> Void
    ) async throws(HTTPServerError) -> ServerListener {
        let group: any EventLoopGroup
        let ownsGroup: Bool
        switch eventLoops {
        case let .own(threads): (group, ownsGroup) = (MultiThreadedEventLoopGroup(numberOfThreads: threads), true)
        case let .shared(shared): (group, ownsGroup) = (shared, false)
        }
        let tracker = ConnectionTracker(connectionCountMax: connectionCountMax)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard tracker.add(channel) else { return channel.close() }
                channel.closeFuture.whenComplete { _ in tracker.remove(channel) }
                return channel.eventLoop.makeCompletedFuture { try configure(channel, tracker) }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            let listener = ServerListener(
                host: host, group: group, ownsGroup: ownsGroup, listener: channel, tracker: tracker, requestedPort: port,
                graceSeconds: graceSeconds, logger: logger)
            logger.debug("listening", metadata: ["host": "\(host)", "port": "\(listener.port)"])
            return listener
        } catch {
            if ownsGroup { try? await group.shutdownGracefully() }
            throw .bindFailed(host: host, port: port, reason: String(describing: error))
        }
    }

    /// Shuts down once; later calls wait for the same shutdown.
    func shutdown() async {
        let task = shutdownTask.withLock { task -> Task<Void, Never> in
            if let task { return task }
            let newTask = Task { await self.performShutdown() }
            task = newTask
            return newTask
        }
        await task.value
    }

    /// Waits until the listener has been shut down (by ``shutdown()`` from elsewhere).
    func waitUntilShutDown() async {
        try? await listener.closeFuture.get()
        let task = shutdownTask.withLock { $0 }
        await task?.value
    }

    private func performShutdown() async {
        try? await listener.close()
        for channel in tracker.beginShutdown() {
            channel.pipeline.fireUserInboundEventTriggered(HTTPServerQuiesceEvent())
        }
        let graceSeconds = self.graceSeconds
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
        if ownsGroup { try? await group.shutdownGracefully() }
        logger.debug("shut down", metadata: ["port": "\(port)"])
    }
}
