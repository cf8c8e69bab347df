import HTTP2
import NIOCore
import NIOPosix
import NIOSSL

/// An HTTP/2 client on SwiftNIO: one connection (h2c with prior knowledge, or TLS with
/// ALPN `h2`) running our ``HTTP2/HTTP2Connection`` engine in client role; concurrent
/// ``send(_:)`` calls share it as separate streams.
///
/// ```swift
/// let client = try await HTTP2Client.connect(host: "127.0.0.1", port: 8443, tls: HTTP2ClientTLS())
/// let response = try await client.send(HTTP2Request(method: "GET", path: "/", authority: "127.0.0.1"))
/// await client.close()
/// ```
public final class HTTP2Client: Sendable {
    /// Runs tasks on this connection's event-loop thread: a task that prefers it sends
    /// and gets its responses without a thread hand-off
    /// (`Task(executorPreference: client.executor) { … }`).
    public let executor: any TaskExecutor
    private let channel: any Channel
    private let handler: NIOLoopBound<HTTP2ClientConnectionHandler>

    private init(channel: any Channel, handler: NIOLoopBound<HTTP2ClientConnectionHandler>) {
        self.channel = channel
        self.handler = handler
        executor = EventLoopTaskExecutor(eventLoop: channel.eventLoop)
    }

    /// Connects to `host:port` on NIO's shared event loops.
    public static func connect(host: String, port: Int, tls: HTTP2ClientTLS? = nil) async throws(HTTP2ClientError) -> HTTP2Client {
        let tlsContext = try tls?.makeContext()
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        do {
            let (channel, handler) = try await bootstrap.connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tlsContext {
                        // SNI takes a name, not an address (RFC 6066 §3).
                        try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: isAddress ? nil : host))
                    }
                    let handler = HTTP2ClientConnectionHandler(scheme: tlsContext == nil ? "http" : "https")
                    try pipeline.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
            return HTTP2Client(channel: channel, handler: handler)
        } catch {
            throw .connectFailed("\(host):\(port): \(error)")
        }
    }

    /// Sends `request` on a new stream and waits for the whole response.
    public func send(_ request: HTTP2Request) async throws(HTTP2ClientError) -> HTTP2Response {
        let promise = channel.eventLoop.makePromise(of: HTTP2Response.self)
        let handler = self.handler
        if channel.eventLoop.inEventLoop {
            handler.value.send(request, promise: promise)
        } else {
            channel.eventLoop.execute { handler.value.send(request, promise: promise) }
        }
        do {
            return try await promise.futureResult.get()
        } catch let error as HTTP2ClientError {
            throw error
        } catch {
            throw .connectionClosed
        }
    }

    /// Sends GOAWAY and closes the connection.
    public func close() async {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.close() }
        try? await channel.closeFuture.get()
    }
}
