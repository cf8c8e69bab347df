import HPACK
import HTTP2
import NIOCore

/// One client HTTP/2 connection on a NIO channel: requests become streams of an
/// ``HTTP2Connection`` in client role, the octets it queues are written and flushed, and
/// each stream's events are gathered into a whole response that completes its promise.
/// Server push is refused up front (SETTINGS_ENABLE_PUSH = 0).
final class HTTP2ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A request sent, its response gathering.
    private struct Exchange {
        var promise: EventLoopPromise<HTTP2Response>
        var response = HTTP2Response(status: 0)
    }

    private var connection: HTTP2Connection
    private var exchanges: [HTTP2StreamID: Exchange] = [:]
    private var context: ChannelHandlerContext?
    private var closedBecause: HTTP2ClientError?
    private let scheme: String

    init(scheme: String) {
        var settings = HTTP2Settings()
        settings.enablePush = false
        connection = HTTP2Connection(role: .client, configuration: HTTP2Connection.Configuration(settings: settings))
        self.scheme = scheme
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { writeAndFlush(context: context) }  // preface + SETTINGS
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        writeAndFlush(context: context)
        context.fireChannelActive()
    }

    /// Opens a stream for `request` (on the event loop); `promise` gets the whole response.
    func send(_ request: HTTP2Request, promise: EventLoopPromise<HTTP2Response>) {
        guard let context, closedBecause == nil else { return promise.fail(closedBecause ?? .connectionClosed) }
        var fields = [
            HeaderField(name: ":method", value: request.method), HeaderField(name: ":scheme", value: scheme),
            HeaderField(name: ":path", value: request.path),
        ]
        if let authority = request.authority { fields.append(HeaderField(name: ":authority", value: authority)) }
        fields.append(contentsOf: request.headers)
        do {
            let stream = try connection.sendRequest(fields, endStream: request.body.isEmpty)
            exchanges[stream] = Exchange(promise: promise)
            if !request.body.isEmpty { try connection.sendData(request.body, on: stream, endStream: true) }
        } catch {
            promise.fail(HTTP2ClientError.requestRefused("\(error)"))
        }
        writeAndFlush(context: context)
    }

    /// Sends GOAWAY and closes once it is written.
    func close() {
        guard let context else { return }
        connection.goAway()
        writeAndFlush(context: context)
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for event in connection.receive(buffer.readableBytesView) {
            handle(event)
        }
        if let outbound = outboundBuffer(context: context) { context.write(wrapOutboundOut(outbound), promise: nil) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closedBecause = closedBecause ?? .connectionClosed  // later sends fail at once
        failAll(closedBecause ?? .connectionClosed)
        context.fireChannelInactive()
    }

    /// A transport or TLS failure (an unverifiable certificate, say) ends the connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closedBecause = closedBecause ?? .connectFailed("\(error)")
        failAll(closedBecause ?? .connectionClosed)
        context.close(promise: nil)
    }

    private func handle(_ event: HTTP2Event) {
        switch event {
        case let .headersReceived(stream, fields, endStream):
            guard var exchange = exchanges[stream] else { return }
            let status = fields.first { $0.name.equals(":status") }.flatMap { Int($0.valueText) } ?? 0
            guard !(100..<200).contains(status) else { return }  // informational: the final one follows
            exchange.response.status = status
            exchange.response.headers = fields.filter { $0.name.first != UInt8(ascii: ":") }
            exchanges[stream] = exchange
            if endStream { complete(stream) }
        case let .dataReceived(stream, bytes, endStream):
            connection.dataConsumed(bytes.count, on: stream)
            exchanges[stream]?.response.body.append(contentsOf: bytes)
            if endStream { complete(stream) }
        case let .trailersReceived(stream, _):
            complete(stream)
        case let .streamReset(stream, code, _):
            exchanges.removeValue(forKey: stream)?.promise.fail(HTTP2ClientError.streamReset(code))
        case let .connectionError(code, reason):
            closedBecause = .connectionError(code, reason)
            failAll(.connectionError(code, reason))
        default:
            break  // SETTINGS, PING, WINDOW_UPDATE, GOAWAY (refused streams come as resets)
        }
    }

    private func complete(_ stream: HTTP2StreamID) {
        guard let exchange = exchanges.removeValue(forKey: stream) else { return }
        exchange.promise.succeed(exchange.response)
    }

    private func failAll(_ error: HTTP2ClientError) {
        let pending = exchanges.values
        exchanges = [:]
        for exchange in pending { exchange.promise.fail(error) }
    }

    private func writeAndFlush(context: ChannelHandlerContext) {
        if let outbound = outboundBuffer(context: context) { context.writeAndFlush(wrapOutboundOut(outbound), promise: nil) }
    }

    private func outboundBuffer(context: ChannelHandlerContext) -> ByteBuffer? {
        guard connection.hasOutbound else { return nil }
        let bytes = connection.takeOutbound()
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }
}
