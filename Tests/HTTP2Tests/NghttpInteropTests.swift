import Foundation
import HTTP2
import Testing
import TestSupport

/// nghttp2's command-line tools (Debian `nghttp2-client` / `nghttp2-server`) against
/// our engine over loopback TCP, h2c with prior knowledge.
@Suite(.serialized)
struct NghttpInteropTests {
    static let nghttp = URL(fileURLWithPath: "/usr/bin/nghttp")

    private func nghttp(_ arguments: [String]) throws -> ChildProcess.Output {
        guard FileManager.default.isExecutableFile(atPath: Self.nghttp.path) else {
            throw LoopbackSocket.Failure(description: "nghttp missing: run scripts/test (installs nghttp2-client)")
        }
        return try ChildProcess.run(Self.nghttp, arguments)
    }

    @Test func nghttpGetsAndPostsBodiesLargerThanTheWindow() throws {
        let server = try LoopbackH2Server()
        defer { server.stop() }
        let get = try nghttp(["http://127.0.0.1:\(server.port)/fixed/300000"])
        #expect(get.status == 0, "\(get.stderr)")
        #expect(same(get.stdout, EnginePair.pattern(300_000, seed: 0)))

        let upload = FileManager.default.temporaryDirectory.appendingPathComponent("h2-upload-\(server.port).bin")
        let body = EnginePair.pattern(200_000, seed: 5)
        try Data(body).write(to: upload)
        defer { try? FileManager.default.removeItem(at: upload) }
        let post = try nghttp(["-d", upload.path, "http://127.0.0.1:\(server.port)/echo"])
        #expect(post.status == 0, "\(post.stderr)")
        #expect(same(post.stdout, body))
        let connections = server.connections(count: 2)
        #expect(connections.count == 2)
        #expect(connections.allSatisfy { $0.connectionErrors.isEmpty && $0.goAwayReceived })
    }

    @Test func nghttpRunsManyConcurrentStreamsAndAcceptsAPush() throws {
        let server = try LoopbackH2Server(pushes: ["/style.css"])
        defer { server.stop() }
        let many = try nghttp(["-nv", "-m", "100", "http://127.0.0.1:\(server.port)/bytes/70000"])
        #expect(many.status == 0, "\(many.stderr)")
        #expect(many.text.components(separatedBy: ":status: 200").count - 1 == 100)
        #expect(!many.text.contains("RST_STREAM"))

        let push = try nghttp(["-nv", "http://127.0.0.1:\(server.port)/index.html"])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.text.contains("recv PUSH_PROMISE frame"))
        #expect(push.text.contains(":path: /style.css"))
        #expect(push.text.components(separatedBy: ":status: 200").count - 1 == 2, "the page and the pushed response")
        let connections = server.connections(count: 2)
        #expect(connections.map(\.requests) == [100, 1])
        #expect(connections.allSatisfy { $0.connectionErrors.isEmpty })
    }
}

/// Our client engine fetching from `nghttpd --no-tls` (h2c, prior knowledge).
@Suite(.serialized)
struct NghttpdInteropTests {
    @Test func ourClientFetchesPostsAndReceivesAPushFromNghttpd() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("h2-nghttpd-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let big = EnginePair.pattern(300_000, seed: 0)
        try Data(big).write(to: root.appendingPathComponent("big.bin"))
        try Data("<p>hello</p>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("body {}".utf8).write(to: root.appendingPathComponent("style.css"))

        let (probe, port) = try LoopbackSocket.listen()
        close(probe)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/sbin/nghttpd")
        daemon.arguments = ["--no-tls", "-a", "127.0.0.1", "-d", root.path, "--push=/index.html=/style.css", "\(port)"]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer {
            // nghttpd does not stop on SIGTERM.
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        var connected: Int32?
        for _ in 0..<400 where connected == nil {
            connected = LoopbackSocket.connect(port: port)
            if connected == nil { usleep(25_000) }
        }
        let fd = try #require(connected, "nghttpd did not start listening")
        defer { close(fd) }

        var pair = EnginePair()
        var expected: [HTTP2StreamID: [UInt8]] = [:]
        for _ in 0..<20 { expected[try pair.client.sendRequest(EnginePair.get("/big.bin"))] = big }
        let page = try pair.client.sendRequest(EnginePair.get("/index.html"))
        expected[page] = Array("<p>hello</p>".utf8)
        let post = try pair.client.sendRequest(EnginePair.post("/index.html"), endStream: false)
        try pair.client.sendData(EnginePair.pattern(200_000, seed: 3), on: post, endStream: true)
        expected[post] = Array("<p>hello</p>".utf8)

        for _ in 0..<100_000 {
            guard LoopbackSocket.writeAll(fd, pair.client.takeOutbound()) else { break }
            let complete = expected.keys.allSatisfy { pair.responses[$0]?.ended == true } && pair.responses.values.allSatisfy(\.ended)
            if complete {
                pair.client.goAway()
                _ = LoopbackSocket.writeAll(fd, pair.client.takeOutbound())
                break
            }
            let bytes = LoopbackSocket.read(fd)
            if bytes.isEmpty { break }
            pair.handleClient(pair.client.receive(bytes))
        }
        for (id, body) in expected {
            #expect(pair.responses[id]?.status == "200", "stream \(id)")
            #expect(same(pair.responses[id]?.body, body), "stream \(id)")
        }
        let pushed = pair.clientEvents.compactMap { event -> HTTP2StreamID? in
            if case let .pushPromiseReceived(on, promised, fields) = event, on == page,
               fields.contains(where: { $0.nameText == ":path" && $0.valueText == "/style.css" }) { return promised }
            return nil
        }
        #expect(pushed.count == 1)
        #expect(pushed.first.flatMap { pair.responses[$0]?.body } == Array("body {}".utf8))
        #expect(!pair.clientEvents.contains { if case .connectionError = $0 { true } else { false } })
    }
}
