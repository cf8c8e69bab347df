import NIOCore
import NIOHTTP1

/// One connection's request loop: collects a request (bounded by the body limit), runs the
/// server's handler in a task off the event loop, writes its response, and keeps the
/// connection for the next request unless either side asked to close.
///
/// `HTTPServerPipelineHandler` (in front of this one) delivers pipelined requests one at a
/// time and holds the next until the current response is written.
final class HTTPServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer)
        /// Answered 413; reading away the rest of the body, then closing.
        case rejecting(discardedBytes: Int, responseWritten: Bool, requestEnded: Bool)
        /// The handler task is running.
        case handling
    }

    private var state = State.idle
    private var closesWhenIdle = false
    /// Runs this connection's handler tasks on its event loop; made on the first request.
    private var executor: EventLoopTaskExecutor?
    private var remoteAddress: String?
    private let handler: HTTPServer.Handler
    private let bodySizeBytesMax: Int
    private let tracker: ConnectionTracker

    /// After a 413, at most this much more body is read away before closing outright.
    private var discardBytesMax: Int { max(bodySizeBytesMax, 1 << 20) }

    init(handler: @escaping HTTPServer.Handler, bodySizeBytesMax: Int, tracker: ConnectionTracker) {
        self.handler = handler
        self.bodySizeBytesMax = bodySizeBytesMax
        self.tracker = tracker
    }

    func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.channel.remoteAddress?.description
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head): receiveHead(head, context: context)
        case var .body(part): receiveBody(&part, context: context)
        case .end: receiveEnd(context: context)
        }
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard case .idle = state else { return }
        let declared = head.headers.first(name: "content-length").flatMap { Int($0) }
        if let declared, declared > bodySizeBytesMax {
            reject(version: head.version, discardedBytes: 0, context: context)
            return
        }
        let capacity = min(declared ?? 0, bodySizeBytesMax)
        state = .receiving(head, context.channel.allocator.buffer(capacity: capacity))
        if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            // curl and others wait for this before sending a larger body.
            let informational = HTTPResponseHead(version: head.version, status: .continue)
            context.writeAndFlush(wrapOutboundOut(.head(informational)), promise: nil)
        }
    }

    private func receiveBody(_ part: inout ByteBuffer, context: ChannelHandlerContext) {
        switch state {
        case .receiving(let head, var body):
            let total = body.readableBytes + part.readableBytes
            guard total <= bodySizeBytesMax else {
                reject(version: head.version, discardedBytes: total, context: context)
                return
            }
            state = .idle  // drop the enum's reference so the append does not copy the buffer
            body.writeBuffer(&part)
            state = .receiving(head, body)
        case let .rejecting(discarded, written, ended):
            let total = discarded + part.readableBytes
            state = .rejecting(discardedBytes: total, responseWritten: written, requestEnded: ended)
            if total > discardBytesMax { context.close(promise: nil) }
        case .idle, .handling:
            break
        }
    }

    private func receiveEnd(context: ChannelHandlerContext) {
        switch state {
        case .receiving(let head, var body):
            let request = HTTPRequest(
                method: head.method.rawValue, target: head.uri,
                headers: head.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
                body: body.readBytes(length: body.readableBytes) ?? [], remoteAddress: remoteAddress)
            state = .handling
            run(request, version: head.version, keepAlive: head.isKeepAlive, context: context)
        case let .rejecting(discarded, written, _):
            state = .rejecting(discardedBytes: discarded, responseWritten: written, requestEnded: true)
            if written { context.close(promise: nil) }
        case .idle, .handling:
            break
        }
    }

    /// Answers 413 with `Connection: close`; the connection closes once the response is out
    /// and the rest of the body has been read away (or too much of it arrived).
    private func reject(version: HTTPVersion, discardedBytes: Int, context: ChannelHandlerContext) {
        state = .rejecting(discardedBytes: discardedBytes, responseWritten: false, requestEnded: false)
        write(HTTPResponse.status(413), version: version, keepAlive: false, context: context) { [self] in
            guard case let .rejecting(discarded, _, ended) = state else { return }
            state = .rejecting(discardedBytes: discarded, responseWritten: true, requestEnded: ended)
            if ended { context.close(promise: nil) }
        }
    }

    /// Runs the handler in a task whose executor is this connection's event loop (the
    /// loops spread connections over the cores): a handler that does not suspend answers
    /// in the same pass, with no hop to the global pool and back; one that awaits other
    /// work resumes here. The response is written on the event loop.
    private func run(_ request: HTTPRequest, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: eventLoop)
        let handler = self.handler
        let tracker = self.tracker
        tracker.handlerStarted()
        let executor = self.executor ?? EventLoopTaskExecutor(eventLoop: eventLoop)
        self.executor = executor
        Task(executorPreference: executor) {
            let response = await handler(request)
            let respond: @Sendable () -> Void = {
                let (this, context) = bound.value
                this.state = .idle
                let keepsAlive = keepAlive && !this.closesWhenIdle && !tracker.isShuttingDown
                this.write(response, version: version, keepAlive: keepsAlive, context: context) {
                    if !keepsAlive { context.close(promise: nil) }
                }
            }
            if eventLoop.inEventLoop { respond() } else { eventLoop.execute(respond) }
            tracker.handlerFinished()
        }
    }

    private func write(
        _ response: HTTPResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext,
        then done: @escaping () -> Void
    ) {
        var headers = HTTPHeaders()
        for header in response.headers {
            switch header.name.lowercased() {
            case "content-length", "connection", "transfer-encoding": continue
            default: headers.add(name: header.name, value: header.value)
            }
        }
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if version == .http1_0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in done() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HTTPServerQuiesceEvent {
            closesWhenIdle = true
            if case .idle = state { context.close(promise: nil) }
            return
        }
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            // Nothing read for the idle timeout: close unless a handler is still working.
            if case .handling = state { return }
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A malformed request was already answered 400 by HTTPServerProtocolErrorHandler;
        // this or any other error ends the connection. Other connections are unaffected.
        context.close(promise: nil)
    }
}
