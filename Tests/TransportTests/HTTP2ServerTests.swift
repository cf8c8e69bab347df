import Foundation
import HPACK
import Synchronization
import Testing
import TestSupport
import Transport

/// `nghttp` (Debian `nghttp2-client`, nghttp2's own client) fetching from our NIO
/// HTTP/2 server over loopback, h2c with prior knowledge.
@Suite(.serialized)
struct HTTP2ServerTests {
    static let nghttpPath = "/usr/bin/nghttp"

    /// Answers `/bytes/N` with N pattern octets, echoes other bodies, names the method.
    static func start(
        bodySizeBytesMax: Int = 4 << 20, tls: HTTP2ServerTLS? = nil, requests: RequestCounter? = nil
    ) async throws -> HTTP2Server {
        let configuration = HTTP2ServerConfiguration(bodySizeBytesMax: bodySizeBytesMax, tls: tls)
        return try await HTTP2Server.start(configuration: configuration) { request in
            requests?.count.withLock { $0 += 1 }
            let headers = [HeaderField(name: "x-method", value: request.method)]
            if request.path.hasPrefix("/bytes/"), let count = Int(request.path.dropFirst("/bytes/".count)) {
                return HTTP2Response(status: 200, headers: headers, body: pattern(count))
            }
            return HTTP2Response(status: 200, headers: headers, body: request.body)
        }
    }

    static func pattern(_ count: Int, seed: Int = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8 &+ seed) }
    }

    /// Runs nghttp on a thread of its own, so the blocking wait does not hold a task thread.
    func nghttp(_ arguments: [String]) async throws -> ChildProcess.Output {
        try await Self.runTool(Self.nghttpPath, arguments)
    }

    /// Runs the tool at `path` on a thread of its own.
    static func runTool(_ path: String, _ arguments: [String]) async throws -> ChildProcess.Output {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(path) missing: run scripts/test"])
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ChildProcess.Output, any Error>, Never>) in
            Thread {
                continuation.resume(returning: Result { try ChildProcess.run(URL(fileURLWithPath: path), arguments) })
            }.start()
        }
        return try result.get()
    }

    private func upload(_ body: [UInt8], name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("h2nio-\(getpid())-\(name).bin")
        try Data(body).write(to: url)
        return url
    }

    @Test func nghttpGets() async throws {
        let server = try await Self.start()
        let body = try await nghttp(["http://127.0.0.1:\(server.port)/bytes/300000"])
        #expect(body.status == 0, "\(body.stderr)")
        #expect(body.stdout == Self.pattern(300_000))

        let verbose = try await nghttp(["-nv", "http://127.0.0.1:\(server.port)/bytes/10"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.text.contains(":status: 200"))
        #expect(verbose.text.contains("x-method: GET"))
        #expect(verbose.text.contains("send GOAWAY frame"))
        #expect(!verbose.text.contains("recv GOAWAY frame"), "we never ended the connection on nghttp")
        await server.shutdown()
    }

    /// A handler's pushes: nghttp sees the PUSH_PROMISE before the response and gets
    /// the pushed body; with push disabled (`--no-push`) the page still arrives.
    @Test func nghttpReceivesPushesFromAHandler() async throws {
        let css = Array("body { color: teal }".utf8)
        let server = try await HTTP2Server.start(configuration: HTTP2ServerConfiguration()) { request in
            guard request.path == "/index.html" else { return HTTP2Response(status: 404) }
            return HTTP2Response(
                status: 200, body: Array("<link rel=stylesheet href=/style.css>".utf8),
                pushes: [HTTP2Push(path: "/style.css", response: HTTP2Response(status: 200, body: css))])
        }
        let verbose = try await nghttp(["-nv", "http://127.0.0.1:\(server.port)/index.html"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.text.contains("recv PUSH_PROMISE frame"))
        #expect(verbose.text.contains(":path: /style.css"))
        #expect(verbose.text.contains(":authority: 127.0.0.1:\(server.port)"))
        // nghttp opens idle streams for its priority tree first: read the request's
        // stream from the promise, then check its response came after.
        let promise = try #require(verbose.text.range(of: "recv PUSH_PROMISE frame"))
        let frameLine = verbose.text[promise.upperBound...].prefix { $0 != "\n" }
        let requestStream = try #require(frameLine.split(separator: "stream_id=").last?.prefix { $0.isNumber })
        let page = try #require(verbose.text.range(of: "recv (stream_id=\(requestStream)) :status: 200"))
        #expect(promise.lowerBound < page.lowerBound, "promised before the response's fields")
        let both = try await nghttp(["http://127.0.0.1:\(server.port)/index.html"])
        #expect(both.status == 0)
        #expect(both.text.contains("<link rel=stylesheet"))
        let noPush = try await nghttp(["-nv", "--no-push", "http://127.0.0.1:\(server.port)/index.html"])
        #expect(noPush.status == 0)
        #expect(!noPush.text.contains("PUSH_PROMISE frame"))
        #expect(noPush.text.contains(":status: 200"))
        await server.shutdown()
    }

    @Test func nghttpPostsABodyLargerThanTheWindowAndGetsItEchoed() async throws {
        let server = try await Self.start()
        let body = Self.pattern(200_000, seed: 7)
        let file = try upload(body, name: "post")
        defer { try? FileManager.default.removeItem(at: file) }
        let post = try await nghttp(["-d", file.path, "http://127.0.0.1:\(server.port)/echo"])
        #expect(post.status == 0, "\(post.stderr)")
        #expect(post.stdout == body)
        await server.shutdown()
    }

    @Test func nghttpRuns100ConcurrentStreams() async throws {
        let requests = RequestCounter()
        let server = try await Self.start(requests: requests)
        let many = try await nghttp(["-nv", "-m", "100", "http://127.0.0.1:\(server.port)/bytes/70000"])
        #expect(many.status == 0, "\(many.stderr)")
        #expect(many.text.components(separatedBy: ":status: 200").count - 1 == 100)
        #expect(many.text.components(separatedBy: "recv DATA frame").count - 1 >= 100 * 5, "70,000 octets are 5 frames of 16,384")
        #expect(!many.text.contains("RST_STREAM"))
        #expect(requests.count.withLock { $0 } == 100)
        await server.shutdown()
    }

    @Test func aSynchronousHandlerAnswersOnTheEventLoop() async throws {
        let requests = RequestCounter()
        let server = try await HTTP2Server.startOnEventLoop { request in
            requests.count.withLock { $0 += 1 }
            return HTTP2Response(status: 201, headers: [HeaderField(name: "x-path", value: request.path)], body: request.body)
        }
        let body = Self.pattern(100_000, seed: 4)
        let file = try upload(body, name: "sync")
        defer { try? FileManager.default.removeItem(at: file) }
        let post = try await nghttp(["-d", file.path, "http://127.0.0.1:\(server.port)/echo"])
        #expect(post.status == 0, "\(post.stderr)")
        #expect(post.stdout == body)
        let many = try await nghttp(["-nv", "-m", "50", "http://127.0.0.1:\(server.port)/sync"])
        #expect(many.text.components(separatedBy: ":status: 201").count - 1 == 50)
        #expect(many.text.contains("x-path: /sync"))
        #expect(requests.count.withLock { $0 } == 51)
        await server.shutdown()
    }

    @Test func aBodyOverTheLimitIsAnswered413() async throws {
        let server = try await Self.start(bodySizeBytesMax: 100_000)
        let file = try upload(Self.pattern(150_000), name: "big")
        defer { try? FileManager.default.removeItem(at: file) }
        let post = try await nghttp(["-nv", "-d", file.path, "http://127.0.0.1:\(server.port)/echo"])
        #expect(post.text.contains(":status: 413"), "\(post.text.suffix(2_000))")
        #expect(post.text.contains("recv RST_STREAM frame"))
        // Refused on its content-length: the server credits nothing past the first window.
        let sent = post.text.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "send DATA frame <length=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(sent.reduce(0, +) <= 65_535)
        await server.shutdown()
    }
}

/// How many requests reached the handler.
final class RequestCounter: Sendable {
    let count = Mutex(0)
}
