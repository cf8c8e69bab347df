import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// The end of an accepted connection's pipeline: hands batches and reassembled
/// snapshots to the host, and closes the connection on the first bad frame.
final class InboundConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ReceivedFrame

    private var assembler: SnapshotAssembler
    private let deliver: @Sendable (RaftTransportEvent) -> Void
    private let logger: Logger

    init(limits: RaftCodecLimits, logger: Logger, deliver: @escaping @Sendable (RaftTransportEvent) -> Void) {
        assembler = SnapshotAssembler(limits: limits)
        self.logger = logger
        self.deliver = deliver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let received = unwrapInboundIn(data)
        switch received.frame {
        case let .batch(batch):
            deliver(.received(batch))
        case let .snapshotChunk(chunk):
            do {
                if let message = try assembler.add(chunk, streamOffset: received.streamOffset) {
                    deliver(.receivedSnapshot(sourceHost: chunk.sourceHost, message))
                }
            } catch {
                refuse(context: context, error)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? RaftTransportError {
            refuse(context: context, error)
        } else if error is NIOSSLError {
            // Most often a certificate the cluster's CA did not sign.
            logger.warning("inbound TLS refused: \(error)", metadata: ["remote": "\(remote(context))"])
            context.close(promise: nil)
        } else {
            // Socket errors: the connection is gone; the dialer retries.
            logger.debug("inbound connection failed: \(error)", metadata: ["remote": "\(remote(context))"])
            context.close(promise: nil)
        }
    }

    private func refuse(context: ChannelHandlerContext, _ error: RaftTransportError) {
        let remote = remote(context)
        logger.warning("closing inbound connection: \(error)", metadata: ["remote": "\(remote)"])
        deliver(.inboundError(remote: remote, error))
        context.close(promise: nil)
    }

    private func remote(_ context: ChannelHandlerContext) -> String {
        context.remoteAddress.map { "\($0)" } ?? "unknown"
    }
}

/// The end of a dialed connection's pipeline: tells its peer when the connection can
/// take more bytes or is gone. Dialed connections carry no replies, so reads are dropped.
final class OutboundConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let peer: PeerConnection

    init(peer: PeerConnection) {
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { peer.flush() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { peer.established() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.connectionClosed(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        peer.connectionFailed(error)
        context.close(promise: nil)
    }
}
