import Foundation
import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

// The peer for scripts/bench h2: a swift-nio-http2 server answering every request with the
// same fixed 14-octet 200 as h2-server, over h2c on 127.0.0.1, one event loop per core.
// Each stream is a child channel (swift-nio-http2's inline multiplexer, its faster one) whose handler answers the
// request's END_STREAM with HEADERS and DATA directly on the stream's event loop, the way
// swift-nio-http2 is meant to be used. Prints the bound port on one line, then serves until
// killed.
//   nio-h2-server [PORT]     PORT 0 (the default) lets the system choose

/// Answers each request on its stream channel: HEADERS (:status 200, content-length) then
/// the body with END_STREAM, once the request has ended.
final class FixedResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    static let body = "hello, h2load\n"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let ended: Bool
        switch unwrapInboundIn(data) {
        case let .headers(headers): ended = headers.endStream
        case let .data(data): ended = data.endStream
        default: ended = false
        }
        guard ended else { return }
        let headers: HPACKHeaders = [":status": "200", "content-length": String(Self.body.utf8.count)]
        context.write(wrapOutboundOut(.headers(.init(headers: headers))), promise: nil)
        let buffer = context.channel.allocator.buffer(string: Self.body)
        context.write(wrapOutboundOut(.data(.init(data: .byteBuffer(buffer), endStream: true))), promise: nil)
    }

    /// Flushes once per read, NIO's usual batching.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 0
let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
let channel = try await ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.configureHTTP2Pipeline(mode: .server, connectionConfiguration: .init(), streamConfiguration: .init()) { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(FixedResponseHandler())
            }
        }.map { _ in }
    }
    .bind(host: "127.0.0.1", port: port).get()
FileHandle.standardOutput.write(Data("\(channel.localAddress?.port ?? 0)\n".utf8))  // unbuffered: the script waits for it
try await channel.closeFuture.get()
