import NIOCore
import NIOHTTP1

/// A request handed to a connection: what to write and where the response goes.
struct PendingHTTPRequest: Sendable {
    let head: HTTPRequestHead
    let body: ByteBuffer
    /// Tells this request's timeout from a late one of an earlier request.
    let serial: UInt64
    let promise: EventLoopPromise<ReceivedHTTPResponse>
}

/// A response and whether the connection may carry another request.
struct ReceivedHTTPResponse: Sendable {
    let response: HTTPResponse
    let keepAlive: Bool
}

/// Why one exchange on a connection failed.
enum ConnectionFailure: Error {
    /// Closed before any of the response arrived: on a reused connection the server
    /// probably closed it while idle, and a fresh connection may succeed.
    case closedBeforeResponse
    case failed(HTTPClientError)

    var clientError: HTTPClientError {
        switch self {
        case .closedBeforeResponse: return .connectionClosed
        case let .failed(error): return error
        }
    }
}

/// Fired into a connection's pipeline when its request timeout expires or its task is
/// cancelled: fails that request with `error` and closes the connection.
struct HTTPClientAbortEvent: Sendable {
    let serial: UInt64
    let error: HTTPClientError
}

/// One client connection: writes a request, collects its response (bounded), and fails
/// the request if the connection closes, errs or times out first.
final class HTTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = PendingHTTPRequest
    typealias OutboundOut = HTTPClientRequestPart

    private var promise: EventLoopPromise<ReceivedHTTPResponse>?
    private var serial: UInt64 = 0
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private let bodySizeBytesMax: Int

    init(bodySizeBytesMax: Int) {
        self.bodySizeBytesMax = bodySizeBytesMax
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise writePromise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard promise == nil else {
            // The pool hands a connection to one request at a time; a second one is refused.
            request.promise.fail(ConnectionFailure.failed(.malformedResponse("connection busy")))
            writePromise?.succeed()
            return
        }
        promise = request.promise
        serial = request.serial
        head = nil
        body = nil
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if request.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil)
        }
        context.write(wrapOutboundOut(.end(nil)), promise: writePromise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(responseHead):
            head = responseHead
            let declared = responseHead.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            body = context.channel.allocator.buffer(capacity: min(declared, bodySizeBytesMax))
        case var .body(part):
            guard var collected = body else { return }
            guard collected.readableBytes + part.readableBytes <= bodySizeBytesMax else {
                fail(.failed(.responseTooLarge(max: bodySizeBytesMax)), context: context)
                return
            }
            body = nil
            collected.writeBuffer(&part)
            body = collected
        case .end:
            guard let promise, let head else { return }
            var collected = body ?? context.channel.allocator.buffer(capacity: 0)
            self.promise = nil
            self.head = nil
            self.body = nil
            let response = HTTPResponse(
                status: Int(head.status.code),
                headers: head.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
                body: collected.readBytes(length: collected.readableBytes) ?? [])
            promise.succeed(ReceivedHTTPResponse(response: response, keepAlive: head.isKeepAlive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let promise {
            self.promise = nil
            promise.fail(head == nil ? ConnectionFailure.closedBeforeResponse : .failed(.connectionClosed))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.failed(.malformedResponse(String(describing: error))), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let abort = event as? HTTPClientAbortEvent {
            if promise != nil, abort.serial == serial { fail(.failed(abort.error), context: context) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func fail(_ failure: ConnectionFailure, context: ChannelHandlerContext) {
        if let promise {
            self.promise = nil
            promise.fail(failure)
        }
        context.close(promise: nil)
    }
}
