import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Limits and timeouts of an ``HTTPClient``.
public struct HTTPClientConfiguration: Sendable {
    /// Longest wait for a TCP connection.
    public var connectTimeoutSeconds: Int64
    /// Longest wait from sending a request to the end of its response.
    public var requestTimeoutSeconds: Int64
    /// The largest response body accepted.
    public var responseBodySizeBytesMax: Int
    /// Idle keep-alive connections kept per host and port.
    public var idleConnectionsPerHostMax: Int

    public init(
        connectTimeoutSeconds: Int64 = 10, requestTimeoutSeconds: Int64 = 60,
        responseBodySizeBytesMax: Int = 64 * 1024 * 1024, idleConnectionsPerHostMax: Int = 8
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.responseBodySizeBytesMax = responseBodySizeBytesMax
        self.idleConnectionsPerHostMax = idleConnectionsPerHostMax
    }
}

/// A small HTTP/1.1 client on SwiftNIO: sends a request to `http://host:port/path` and
/// returns the whole response, reusing keep-alive connections per host.
///
/// ```swift
/// let client = HTTPClient()
/// let response = try await client.post("http://127.0.0.1:8000/", body: envelope)
/// response.status   // 200
/// await client.shutdown()
/// ```
///
/// A request that finds its pooled connection closed by the server before any response
/// byte arrived is retried once on a new connection.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let group: any EventLoopGroup
    private let pool: ConnectionPool
    private let serials = Atomic<UInt64>(0)

    /// A client on `eventLoopGroup` (by default NIO's shared singleton group).
    public init(
        configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        group = eventLoopGroup
        pool = ConnectionPool(idleConnectionsPerHostMax: configuration.idleConnectionsPerHostMax)
    }

    /// POSTs `body` to `url`.
    public func post(
        _ url: String, body: [UInt8], headers: [HTTPHeader] = [HTTPHeader(name: "Content-Type", value: "application/cbor")]
    ) async throws(HTTPClientError) -> HTTPResponse {
        try await execute(method: "POST", url: url, headers: headers, body: body)
    }

    /// Sends a request and returns its response (any status).
    public func execute(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = []) async throws(HTTPClientError) -> HTTPResponse {
        let url = try HTTPURL(parsing: url)
        guard !pool.isShutDown else { throw .shutDown }
        let key = ConnectionPool.Key(host: url.host, port: url.port)
        if let channel = pool.take(key) {
            do {
                return try await send(method: method, url: url, headers: headers, body: body, on: channel, key: key)
            } catch {
                guard case .closedBeforeResponse = error else { throw error.clientError }
            }
        }
        let channel = try await connect(url)
        do {
            return try await send(method: method, url: url, headers: headers, body: body, on: channel, key: key)
        } catch {
            throw error.clientError
        }
    }

    /// Closes the idle connections; later requests fail with ``HTTPClientError/shutDown``.
    /// Does not shut down the event-loop group.
    public func shutdown() async {
        for channel in pool.shutDown() {
            try? await channel.close()
        }
    }

    private func connect(_ url: HTTPURL) async throws(HTTPClientError) -> any Channel {
        let bodySizeBytesMax = configuration.responseBodySizeBytesMax
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(configuration.connectTimeoutSeconds))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPClientHandler(bodySizeBytesMax: bodySizeBytesMax))
                }
            }
        do {
            return try await bootstrap.connect(host: url.host, port: url.port).get()
        } catch ChannelError.connectTimeout {
            throw .timedOut
        } catch {
            throw .connectFailed(host: url.host, port: url.port, reason: String(describing: error))
        }
    }

    private func send(
        method: String, url: HTTPURL, headers: [HTTPHeader], body: [UInt8], on channel: any Channel, key: ConnectionPool.Key
    ) async throws(ConnectionFailure) -> HTTPResponse {
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: url.target)
        head.headers.add(name: "Host", value: url.authority)
        for header in headers where !["host", "content-length", "transfer-encoding"].contains(header.name.lowercased()) {
            head.headers.add(name: header.name, value: header.value)
        }
        head.headers.add(name: "Content-Length", value: String(body.count))
        let serial = serials.wrappingAdd(1, ordering: .relaxed).newValue
        let promise = channel.eventLoop.makePromise(of: ReceivedHTTPResponse.self)
        let request = PendingHTTPRequest(
            head: head, body: channel.allocator.buffer(bytes: body), serial: serial, promise: promise)
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(configuration.requestTimeoutSeconds)) {
            channel.pipeline.fireUserInboundEventTriggered(HTTPClientAbortEvent(serial: serial, error: .timedOut))
        }
        channel.writeAndFlush(request).whenFailure { _ in promise.fail(ConnectionFailure.closedBeforeResponse) }
        let received: ReceivedHTTPResponse
        do {
            received = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.pipeline.fireUserInboundEventTriggered(HTTPClientAbortEvent(serial: serial, error: .cancelled))
            }
        } catch {
            timeout.cancel()
            channel.close(promise: nil)
            throw (error as? ConnectionFailure) ?? .failed(.malformedResponse(String(describing: error)))
        }
        timeout.cancel()
        if !(received.keepAlive && pool.put(channel, for: key)) {
            channel.close(promise: nil)
        }
        return received.response
    }
}
