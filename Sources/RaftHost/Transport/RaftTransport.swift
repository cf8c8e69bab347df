import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Raft
import Synchronization

/// The network layer of a Raft host, in the spirit of Dragonboat's transport: one TCP
/// connection per destination host carrying the messages of every group, batched per
/// event-loop turn, with optional mutual TLS. Every connection runs on one event-loop
/// thread, ``eventLoop``: messages sent from it are written at once, without a hand-off
/// (`NodeHost` runs its loop there).
///
/// `send` never blocks and never fails: messages that cannot be queued or delivered are
/// dropped and counted, and the host hears about lost peers through
/// ``RaftTransportEvent/unreachable(_:)``. Received batches go to the handler as they
/// arrive, on an event-loop thread. Call ``shutdown()`` before dropping a transport.
public final class RaftTransport: Sendable {
    private struct State {
        var listener: (any Channel)?
        var peers: [PeerAddress: PeerConnection] = [:]
        var isShutDown = false
    }

    /// The address the listener is bound to (with the real port when 0 was asked for).
    public let localAddress: PeerAddress
    /// The thread every connection of this transport runs on.
    public let eventLoop: any EventLoop
    private let context: TransportContext
    private let group: MultiThreadedEventLoopGroup
    private let inbound: InboundChannels
    private let state: Mutex<State>

    private init(
        localAddress: PeerAddress, context: TransportContext, group: MultiThreadedEventLoopGroup,
        inbound: InboundChannels, listener: any Channel
    ) {
        self.localAddress = localAddress
        self.context = context
        self.group = group
        self.eventLoop = group.next()
        self.inbound = inbound
        self.state = Mutex(State(listener: listener))
    }

    /// Binds the listener and returns a running transport.
    public static func start(
        configuration: RaftTransportConfiguration,
        handler: @escaping @Sendable (RaftTransportEvent) -> Void
    ) async throws(RaftTransportError) -> RaftTransport {
        let tls = try configuration.tls?.makeContexts()
        let codec = RaftMessageCodec(limits: configuration.limits)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let inbound = InboundChannels(limit: configuration.inboundConnectionsMax)
        let logger = configuration.logger
        let inboundConnectionsMax = configuration.inboundConnectionsMax
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard inbound.add(channel) else {
                    logger.warning("refusing inbound connection: \(inboundConnectionsMax) already open")
                    return channel.close()
                }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let server = tls?.server { try pipeline.addHandler(NIOSSLServerHandler(context: server)) }
                    try pipeline.addHandler(ByteToMessageHandler(RaftFrameDecoder(codec: codec)))
                    try pipeline.addHandler(InboundConnectionHandler(limits: codec.limits, logger: logger, deliver: handler))
                }
            }
        let requested = configuration.listenAddress
        let listener: any Channel
        do {
            listener = try await bootstrap.bind(host: requested.host, port: requested.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw .startFailed(reason: "bind \(requested): \(error)")
        }
        let local = PeerAddress(host: requested.host, port: listener.localAddress?.port ?? requested.port)
        let context = TransportContext(
            configuration: configuration, codec: codec, sourceAddress: local.description,
            clientTLS: tls?.client, deliver: handler)
        logger.info("raft transport listening on \(local)\(tls == nil ? "" : " (mutual TLS)")")
        return RaftTransport(localAddress: local, context: context, group: group, inbound: inbound, listener: listener)
    }

    /// Queues one message of `group` for the host at `address`.
    public func send(_ message: Message, group: GroupID, to address: PeerAddress) {
        send([GroupMessage(group: group, message: message)], to: address)
    }

    /// Queues messages for the host at `address`; they leave in order, batched.
    public func send(_ messages: [GroupMessage], to address: PeerAddress) {
        peer(for: address)?.enqueue(messages)
    }

    /// Messages to `address` dropped so far: queue full, peer unreachable, or too large.
    public func droppedMessages(to address: PeerAddress) -> UInt64 {
        state.withLock { $0.peers[address] }?.droppedMessages ?? 0
    }

    /// Closes the listener and every connection, then stops the event loops.
    public func shutdown() async {
        let (listener, peers) = state.withLock { state in
            state.isShutDown = true
            defer {
                state.listener = nil
                state.peers = [:]
            }
            return (state.listener, Array(state.peers.values))
        }
        try? await listener?.close()
        for peer in peers { try? await peer.close().get() }
        await inbound.closeAll()
        try? await group.shutdownGracefully()
    }

    private func peer(for address: PeerAddress) -> PeerConnection? {
        state.withLock { state in
            if state.isShutDown { return nil }
            if let peer = state.peers[address] { return peer }
            let peer = PeerConnection(address: address, eventLoop: eventLoop, context: context)
            state.peers[address] = peer
            return peer
        }
    }
}

/// The accepted connections still open (at most `limit`), so that shutdown can close them.
final class InboundChannels: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Registers an accepted connection; false when `limit` are open already.
    func add(_ channel: any Channel) -> Bool {
        let key = ObjectIdentifier(channel)
        let admitted = channels.withLock { channels -> Bool in
            guard channels.count < limit else { return false }
            channels[key] = channel
            return true
        }
        guard admitted else { return false }
        channel.closeFuture.whenComplete { _ in
            self.channels.withLock { $0[key] = nil }
        }
        return true
    }

    func closeAll() async {
        let open = channels.withLock { Array($0.values) }
        for channel in open { try? await channel.close() }
    }
}
