import HPACK
import HTTP2
import NIOCore

/// One HTTP/2 connection on a NIO channel: octets read go into an ``HTTP2Connection``, the
/// octets it queues (SETTINGS, ACKs, WINDOW_UPDATEs, responses) are written back.
///
/// Each complete request runs the server's handler in its own task whose executor is the
/// connection's event loop (``EventLoopTaskExecutor``): a handler that does not suspend
/// answers within the same loop pass. A synchronous handler is called right away instead. The response is queued on the engine, which sends
/// its DATA as the peer's windows allow. Received body octets are reported consumed as
/// soon as they are buffered (bounded per stream), so the engine keeps the peer's windows
/// open. Responses finishing in the same event-loop pass leave in one write and one flush.
final class HTTP2ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A request whose headers arrived and whose body is still coming.
    private struct PendingRequest {
        var fields: [HeaderField]
        var body: [UInt8] = []
    }

    private var connection: HTTP2Connection
    /// `:scheme` of pushed requests: what the connection runs on.
    private let scheme: String
    private var pending: [HTTP2StreamID: PendingRequest] = [:]
    private var runningHandlerCount = 0
    private var isFlushScheduled = false
    private var isClosing = false
    private var isStarted = false
    private var lastStatusField: (status: Int, field: HeaderField)?
    private var executor: EventLoopTaskExecutor?
    private let handler: HTTP2Server.RequestHandler
    private let bodySizeBytesMax: Int
    private let tracker: ConnectionTracker

    init(configuration: HTTP2ServerConfiguration, tracker: ConnectionTracker, handler: HTTP2Server.RequestHandler) {
        connection = HTTP2Connection(role: .server, configuration: configuration.connection)
        scheme = configuration.tls == nil ? "http" : "https"
        bodySizeBytesMax = configuration.bodySizeBytesMax
        self.tracker = tracker
        self.handler = handler
    }

    /// Added to a connection already open (after ``H2CNegotiationHandler``): starts now.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    /// Sends our SETTINGS once.
    private func start(context: ChannelHandlerContext) {
        guard !isStarted else { return }
        isStarted = true
        writeOutbound(context: context)
        context.flush()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for event in connection.receive(buffer.readableBytesView) {
            handle(event, context: context)
        }
        writeOutbound(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        closeIfFinished(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let upgrade = event as? HTTP1UpgradeRequest {
            acceptUpgrade(upgrade, context: context)
            return
        }
        guard event is HTTPServerQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        connection.goAway()  // graceful: open streams finish, no new ones
        writeOutbound(context: context)
        context.flush()
        closeIfFinished(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func handle(_ event: HTTP2Event, context: ChannelHandlerContext) {
        switch event {
        case let .headersReceived(stream, fields, endStream):
            if endStream {
                dispatch(PendingRequest(fields: fields), on: stream, context: context)
            } else if Self.declaredBodySize(fields) ?? 0 > bodySizeBytesMax {
                reject(stream)  // before the client sends more than its first window
            } else {
                pending[stream] = PendingRequest(fields: fields)
            }
        case let .dataReceived(stream, bytes, endStream):
            connection.dataConsumed(bytes.count, on: stream)
            guard let size = pending[stream]?.body.count else { return }
            guard size + bytes.count <= bodySizeBytesMax else {
                reject(stream)
                return
            }
            pending[stream]?.body.append(contentsOf: bytes)
            if endStream, let request = pending.removeValue(forKey: stream) { dispatch(request, on: stream, context: context) }
        case let .trailersReceived(stream, _):
            if let request = pending.removeValue(forKey: stream) { dispatch(request, on: stream, context: context) }
        case let .streamReset(stream, _, _):
            pending[stream] = nil
        default:
            break  // SETTINGS, PING, WINDOW_UPDATE, GOAWAY: the engine has answered them
        }
    }

    /// The HTTP/1.1 request that asked for `Upgrade: h2c`, already answered 101: it becomes
    /// stream 1, answered over HTTP/2. Settings or fields the engine refuses end the connection.
    private func acceptUpgrade(_ upgrade: HTTP1UpgradeRequest, context: ChannelHandlerContext) {
        do {
            for event in try connection.acceptUpgrade(settingsPayload: upgrade.settingsPayload, request: upgrade.fields) {
                handle(event, context: context)
            }
        } catch {
            context.close(promise: nil)
        }
    }

    /// The request's content-length; the engine has checked it is a number (RFC 9113 §8.1.1).
    private static func declaredBodySize(_ fields: [HeaderField]) -> Int? {
        fields.first { $0.name.equals("content-length") }.flatMap { Int($0.valueText) }
    }

    /// A body over the limit: 413, then RST_STREAM NO_ERROR (RFC 9113 §8.1).
    private func reject(_ stream: HTTP2StreamID) {
        pending[stream] = nil
        do {
            try connection.sendHeaders([HeaderField(name: ":status", value: "413")], on: stream, endStream: true)
            try connection.resetStream(stream, code: .noError)
        } catch {
            try? connection.resetStream(stream, code: .internalError)
        }
    }

    private func dispatch(_ request: PendingRequest, on stream: HTTP2StreamID, context: ChannelHandlerContext) {
        let message = Self.request(from: request)
        switch handler {
        case let .synchronous(answer):
            respond(answer(message), to: message, on: stream, context: context)
        case let .async(handler):
            start(handler, message, on: stream, context: context)
        }
    }

    private func start(_ handler: @escaping HTTP2Server.Handler, _ message: HTTP2Request, on stream: HTTP2StreamID, context: ChannelHandlerContext) {
        // The tracker, shared by every event loop, hears of this connection's handlers as
        // a group (first started, last finished): not one locked update per request.
        if runningHandlerCount == 0 { tracker.handlerStarted() }
        runningHandlerCount += 1
        let eventLoop = context.eventLoop
        let executor = self.executor ?? EventLoopTaskExecutor(eventLoop: eventLoop)
        self.executor = executor
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: eventLoop)
        Task(executorPreference: executor) {
            let response = await handler(message)
            if eventLoop.inEventLoop {
                let (this, context) = bound.value
                this.finish(response, to: message, on: stream, context: context)
            } else {
                eventLoop.execute {
                    let (this, context) = bound.value
                    this.finish(response, to: message, on: stream, context: context)
                }
            }
        }
    }

    /// A handler task's response is back on the event loop.
    private func finish(_ response: HTTP2Response, to request: HTTP2Request, on stream: HTTP2StreamID, context: ChannelHandlerContext) {
        runningHandlerCount -= 1
        if runningHandlerCount == 0 { tracker.handlerFinished() }
        respond(response, to: request, on: stream, context: context)
    }

    private func respond(_ response: HTTP2Response, to request: HTTP2Request, on stream: HTTP2StreamID, context: ChannelHandlerContext) {
        // Promises go first (RFC 9113 §8.4: before anything that refers to them).
        var promised: [(HTTP2StreamID, HTTP2Response)] = []
        for push in response.pushes {
            var fields = [
                HeaderField(name: ":method", value: "GET"), HeaderField(name: ":scheme", value: scheme),
                HeaderField(name: ":path", value: push.path),
            ]
            if let authority = request.authority { fields.append(HeaderField(name: ":authority", value: authority)) }
            guard let id = try? connection.sendPushPromise(fields, on: stream) else { break }  // push disabled
            promised.append((id, push.response))
        }
        send(response, on: stream)
        for (id, pushed) in promised { send(pushed, on: id) }
        scheduleFlush(context: context)
    }

    private func send(_ response: HTTP2Response, on stream: HTTP2StreamID) {
        var fields = [statusField(response.status)]
        fields.append(contentsOf: response.headers)
        do {
            try connection.sendHeaders(fields, on: stream, endStream: response.body.isEmpty)
            if !response.body.isEmpty { try connection.sendData(response.body, on: stream, endStream: true) }
        } catch {
            // The peer reset the stream meanwhile (nothing to do), or the handler's
            // header fields broke RFC 9113 §8.2 (reset rather than send them).
            try? connection.resetStream(stream, code: .internalError)
        }
    }

    /// Writes and flushes once the event loop has run what is queued now, so responses
    /// finishing together leave in one write.
    private func scheduleFlush(context: ChannelHandlerContext) {
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (this, context) = bound.value
            this.isFlushScheduled = false
            this.writeOutbound(context: context)
            context.flush()
            this.closeIfFinished(context: context)
        }
    }

    private func writeOutbound(context: ChannelHandlerContext) {
        guard connection.hasOutbound else { return }
        let bytes = connection.takeOutbound()
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    /// Closes after a connection error (our GOAWAY written) or once a GOAWAY either way has
    /// drained every stream and no handler is still running.
    private func closeIfFinished(context: ChannelHandlerContext) {
        guard !isClosing, connection.isClosed || (connection.isDrained && runningHandlerCount == 0) else { return }
        isClosing = true
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: written)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
    }

    private static func request(from pending: PendingRequest) -> HTTP2Request {
        var request = HTTP2Request(method: "", path: "", body: pending.body)
        for field in pending.fields {
            guard field.name.first == UInt8(ascii: ":") else {
                request.headers.append(field)
                continue
            }
            if field.name.equals(":method") {
                request.method = field.valueText
            } else if field.name.equals(":path") {
                request.path = field.valueText
            } else if field.name.equals(":authority") {
                request.authority = field.valueText
            }  // :scheme is not kept
        }
        return request
    }

    /// The `:status` field of the last response, reused while the status repeats. It
    /// belongs to this connection (this thread), so reusing it costs no shared refcounting.
    private func statusField(_ status: Int) -> HeaderField {
        if let last = lastStatusField, last.status == status { return last.field }
        let field = HeaderField(name: ":status", value: String(status))
        lastStatusField = (status, field)
        return field
    }
}
