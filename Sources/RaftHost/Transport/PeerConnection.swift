import NIOCore
import NIOPosix
import NIOSSL
import Raft
import Synchronization

/// The one connection from this host to one destination: a bounded queue of messages,
/// flushed as batch frames once per event-loop turn, dialed lazily and redialed with
/// backoff. Messages that cannot be queued or sent are dropped and counted: Raft
/// retransmits what matters.
///
/// All state sits behind one lock; channel work runs on `eventLoop`. Writing frames is
/// in `PeerConnection+Writing.swift`.
final class PeerConnection: Sendable {
    struct State {
        var queue: [GroupMessage] = []
        var flushScheduled = false
        var channel: (any Channel)?
        var dialing = false
        var failures = 0
        var retryAt = NIODeadline.uptimeNanoseconds(0)
        var droppedMessages: UInt64 = 0
        var closed = false
        /// The snapshot stream each group is sending now, by a number that only grows.
        var streamingSnapshot: [GroupID: UInt64] = [:]
        var snapshotStreams: UInt64 = 0
    }

    let address: PeerAddress
    let eventLoop: any EventLoop
    let context: TransportContext
    let state = Mutex(State())

    init(address: PeerAddress, eventLoop: any EventLoop, context: TransportContext) {
        self.address = address
        self.eventLoop = eventLoop
        self.context = context
    }

    var droppedMessages: UInt64 { state.withLock { $0.droppedMessages } }

    /// Queues messages (dropping what does not fit) and flushes them: at once when called
    /// on the event loop, else in one flush scheduled for the messages queued before the
    /// event loop gets to it.
    func enqueue(_ messages: [GroupMessage]) {
        let queueLengthMax = context.configuration.queueLengthMax
        var dropped: [GroupMessage] = []
        let schedule = state.withLock { state -> Bool in
            let room = state.closed ? 0 : max(0, queueLengthMax - state.queue.count)
            state.queue.append(contentsOf: messages.prefix(room))
            if messages.count > room {
                dropped = Array(messages.dropFirst(room))
                state.droppedMessages += UInt64(dropped.count)
            }
            guard !state.flushScheduled, !state.queue.isEmpty else { return false }
            state.flushScheduled = true
            return true
        }
        reportDropped(dropped)
        guard schedule else { return }
        if eventLoop.inEventLoop { flush() } else { eventLoop.execute { self.flush() } }
    }

    /// Sends what is queued if connected and writable; dials if not connected.
    func flush() {
        enum Step {
            case none
            case write(any Channel, [GroupMessage])
            case dial
            case drop([GroupMessage])
        }
        let now = NIODeadline.now()
        let step = state.withLock { state -> Step in
            state.flushScheduled = false
            if state.closed || state.queue.isEmpty { return .none }
            if let channel = state.channel {
                guard channel.isWritable else { return .none }
                defer { state.queue = [] }
                return .write(channel, state.queue)
            }
            if state.dialing { return .none }
            if now < state.retryAt {
                defer { state.queue = [] }
                state.droppedMessages += UInt64(state.queue.count)
                return .drop(state.queue)
            }
            state.dialing = true
            return .dial
        }
        switch step {
        case .none: break
        case let .write(channel, messages): write(messages, to: channel)
        case .dial: dial()
        case let .drop(messages): reportDropped(messages)
        }
    }

    /// Closes the connection; later messages are dropped.
    func close() -> EventLoopFuture<Void> {
        let (channel, queued) = state.withLock { state in
            state.closed = true
            defer { state.queue = [] }
            return (state.channel, state.queue)
        }
        reportDropped(queued)
        guard let channel else { return eventLoop.makeSucceededVoidFuture() }
        return channel.close().recover { _ in }
    }

    // MARK: Connection lifecycle

    private func dial() {
        let context = self.context
        // A name is verified (and sent as SNI); an IP literal is checked against the
        // certificate's IP addresses by NIOSSL when no name is given.
        let isIPLiteral = (try? SocketAddress(ipAddress: address.host, port: 0)) != nil
        let serverHostname = isIPLiteral ? nil : address.host
        let bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(context.configuration.connectTimeout.timeAmount)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls = context.clientTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(OutboundConnectionHandler(peer: self))
                }
            }
        bootstrap.connect(host: address.host, port: address.port).whenComplete { result in
            switch result {
            case let .success(channel): self.connected(channel)
            case let .failure(error): self.dialFailed(error)
            }
        }
    }

    private func connected(_ channel: any Channel) {
        enum Outcome {
            case keep
            case discard
            case lost([GroupMessage])
        }
        let outcome = state.withLock { state -> Outcome in
            state.dialing = false
            if state.closed { return .discard }
            // Closed already (refused by the peer's TLS, say): as good as a failed dial.
            guard channel.isActive else { return .lost(backOff(&state)) }
            state.channel = channel
            if context.clientTLS == nil { state.failures = 0 }
            return .keep
        }
        switch outcome {
        case .keep:
            flush()
        case .discard:
            channel.close(promise: nil)
        case let .lost(dropped):
            reportDropped(dropped)
            context.deliver(.unreachable(address))
        }
    }

    /// The TLS handshake succeeded: the peer is really there.
    func established() {
        state.withLock { $0.failures = 0 }
    }

    private func dialFailed(_ error: any Error) {
        context.configuration.logger.debug("dial \(address) failed: \(error)")
        let dropped = state.withLock { state -> [GroupMessage] in
            state.dialing = false
            return backOff(&state)
        }
        reportDropped(dropped)
        context.deliver(.unreachable(address))
    }

    /// The channel went inactive: the peer closed it, the network failed, or TLS refused it.
    func connectionClosed(_ channel: any Channel) {
        let dropped = state.withLock { state -> [GroupMessage]? in
            guard let current = state.channel, current === channel else { return nil }
            state.channel = nil
            return state.closed ? nil : backOff(&state)
        }
        guard let dropped else { return }
        reportDropped(dropped)
        context.deliver(.unreachable(address))
    }

    func connectionFailed(_ error: any Error) {
        context.configuration.logger.info("connection to \(address) failed: \(error)")
    }

    /// Sets the next dial time (doubling per failure up to the maximum) and empties the queue.
    private func backOff(_ state: inout State) -> [GroupMessage] {
        let configuration = context.configuration
        let delay = min(configuration.reconnectBackoffMax, configuration.reconnectBackoffMin * (1 << min(state.failures, 20)))
        state.failures += 1
        state.retryAt = NIODeadline.now() + delay.timeAmount
        defer { state.queue = [] }
        state.droppedMessages += UInt64(state.queue.count)
        return state.queue
    }

    func reportDropped(_ messages: [GroupMessage]) {
        for dropped in messages {
            if case .snapshot = dropped.message.kind { reportSnapshot(dropped, delivered: false) }
        }
    }
}
