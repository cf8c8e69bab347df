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
        #expect(server.connections.allSatisfy { $0.connectionErrors.isEmpty && $0.goAwayReceived })
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
        #expect(server.connections.map(\.requests) == [100, 1])
        #expect(server.connections.allSatisfy { $0.connectionErrors.isEmpty })
    }
}
