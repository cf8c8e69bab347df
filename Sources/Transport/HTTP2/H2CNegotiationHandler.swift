import NIOCore

/// The first handler of a plaintext HTTP/2 connection: it reads until it can tell how the
/// client starts, then puts an ``HTTP2ServerConnectionHandler`` in its place.
///
/// - The client preface (h2c with prior knowledge): the connection handler takes over
///   and gets the octets read so far.
/// - An HTTP/1.1 request with `Upgrade: h2c` (RFC 7540 §3.2): `101 Switching Protocols`
///   is written first, then the connection handler takes over, is told the request
///   (``HTTP1UpgradeRequest``) and gets the octets that followed its head.
/// - Anything else is answered `426 Upgrade Required` (or `400` when it is not HTTP/1.1
///   at all, or its head exceeds ``HTTP1UpgradeRequest/headBytesMax``) and closed.
final class H2CNegotiationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    private static let switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"

    private var received: [UInt8] = []
    private var isDecided = false
    private let makeConnectionHandler: () -> HTTP2ServerConnectionHandler

    init(makeConnectionHandler: @escaping () -> HTTP2ServerConnectionHandler) {
        self.makeConnectionHandler = makeConnectionHandler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isDecided else { return }
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        let prefixLength = min(received.count, Self.preface.count)
        if received[..<prefixLength].elementsEqual(Self.preface[..<prefixLength]) {
            if prefixLength == Self.preface.count { handOver(context: context, upgrade: nil, rest: received[...]) }
            return
        }
        guard let end = headEnd() else {
            if received.count > HTTP1UpgradeRequest.headBytesMax { refuse(context: context, status: "400 Bad Request") }
            return
        }
        do {
            let upgrade = try HTTP1UpgradeRequest(head: received[..<end])
            var buffer = context.channel.allocator.buffer(capacity: Self.switching.utf8.count)
            buffer.writeString(Self.switching)
            context.write(wrapOutboundOut(buffer), promise: nil)
            handOver(context: context, upgrade: upgrade, rest: received[end...])
        } catch .notAnUpgrade {
            refuse(context: context, status: "426 Upgrade Required\r\nUpgrade: h2c")
        } catch {
            refuse(context: context, status: "400 Bad Request")
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HTTPServerQuiesceEvent && !isDecided {
            context.close(promise: nil)  // nothing started yet: nothing to drain
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// The index just past the blank line ending the request head, once it has arrived.
    private func headEnd() -> Int? {
        let limit = min(received.count, HTTP1UpgradeRequest.headBytesMax)
        guard limit >= 4 else { return nil }
        for index in 3..<limit where received[index] == 0x0a && received[index - 1] == 0x0d
            && received[index - 2] == 0x0a && received[index - 3] == 0x0d {
            return index + 1
        }
        return nil
    }

    private func handOver(context: ChannelHandlerContext, upgrade: HTTP1UpgradeRequest?, rest: ArraySlice<UInt8>) {
        isDecided = true
        let handler = makeConnectionHandler()
        do {
            try context.pipeline.syncOperations.addHandler(handler, position: .after(self))
        } catch {
            context.close(promise: nil)
            return
        }
        if let upgrade { context.fireUserInboundEventTriggered(upgrade) }
        if !rest.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: rest.count)
            buffer.writeBytes(rest)
            context.fireChannelRead(wrapInboundOut(buffer))
            context.fireChannelReadComplete()
        }
        received = []
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func refuse(context: ChannelHandlerContext, status: String) {
        isDecided = true
        let response = "HTTP/1.1 \(status)\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        var buffer = context.channel.allocator.buffer(capacity: response.utf8.count)
        buffer.writeString(response)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in bound.value.close(promise: nil) }
    }
}
