import Foundation
import HPACK
import Testing
import TestSupport
import Transport

/// Our NIO client (`HTTP2Client`, the engine in client role) fetching from `nghttpd`
/// (Debian `nghttp2-server`) over h2c with prior knowledge and over TLS with ALPN `h2`,
/// and from our own server over TLS.
@Suite(.serialized)
struct HTTP2ClientTests {
    /// nghttpd serving `root` on a free port until the returned process is killed.
    static func startNghttpd(root: URL, tls: (certificate: String, key: String)?) async throws -> (Process, Int) {
        let probe = try await HTTP2Server.start { _ in HTTP2Response(status: 204) }
        let port = probe.port  // free a moment ago: nghttpd takes it
        await probe.shutdown()
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/sbin/nghttpd")
        var arguments = ["-a", "127.0.0.1", "-d", root.path, "\(port)"]
        if let tls { arguments += [tls.key, tls.certificate] } else { arguments.insert("--no-tls", at: 0) }
        daemon.arguments = arguments
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        return (daemon, port)
    }

    /// Connects, retrying while the daemon starts listening.
    static func connect(port: Int, tls: HTTP2ClientTLS?) async throws -> HTTP2Client {
        for _ in 0..<200 {
            if let client = try? await HTTP2Client.connect(host: "127.0.0.1", port: port, tls: tls) { return client }
            try await Task.sleep(for: .milliseconds(25))
        }
        return try await HTTP2Client.connect(host: "127.0.0.1", port: port, tls: tls)
    }

    static func files() throws -> (root: URL, big: [UInt8]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("h2-client-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let big = HTTP2ServerTests.pattern(300_000, seed: 5)
        try Data(big).write(to: root.appendingPathComponent("big.bin"))
        try Data("<p>hello</p>".utf8).write(to: root.appendingPathComponent("index.html"))
        return (root, big)
    }

    /// 20 concurrent GETs of 300 kB (octets compared), a 404, and a 200 kB POST.
    static func exchange(_ client: HTTP2Client, big: [UInt8]) async throws {
        try await withThrowingTaskGroup(of: HTTP2Response.self) { group in
            for _ in 0..<20 {
                group.addTask { try await client.send(HTTP2Request(method: "GET", path: "/big.bin", authority: "127.0.0.1")) }
            }
            for try await response in group {
                #expect(response.status == 200)
                #expect(response.body == big)
            }
        }
        let missing = try await client.send(HTTP2Request(method: "GET", path: "/missing", authority: "127.0.0.1"))
        #expect(missing.status == 404)
        let post = try await client.send(HTTP2Request(
            method: "POST", path: "/index.html", authority: "127.0.0.1", body: HTTP2ServerTests.pattern(200_000, seed: 9)))
        #expect(post.status == 200)
        #expect(post.body == Array("<p>hello</p>".utf8))
    }

    @Test func fetchesFromNghttpdOverH2c() async throws {
        let (root, big) = try Self.files()
        defer { try? FileManager.default.removeItem(at: root) }
        let (daemon, port) = try await Self.startNghttpd(root: root, tls: nil)
        defer {
            kill(daemon.processIdentifier, SIGKILL)  // nghttpd does not stop on SIGTERM
            daemon.waitUntilExit()
        }
        let client = try await Self.connect(port: port, tls: nil)
        try await Self.exchange(client, big: big)
        await client.close()
    }

    @Test func fetchesFromNghttpdOverTLS() async throws {
        let (root, big) = try Self.files()
        defer { try? FileManager.default.removeItem(at: root) }
        let certificate = try HTTP2ServerNegotiationTests.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.directory) }
        let (daemon, port) = try await Self.startNghttpd(
            root: root, tls: (certificate.tls.certificateChainPath, certificate.tls.privateKeyPath))
        defer {
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        let client = try await Self.connect(port: port, tls: HTTP2ClientTLS(trustRootsPath: certificate.caPath))
        try await Self.exchange(client, big: big)
        await client.close()
    }

    @Test func refusesAServerItCannotVerifyAndTalksToOursOverTLS() async throws {
        let certificate = try HTTP2ServerNegotiationTests.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.directory) }
        let server = try await HTTP2ServerTests.start(tls: certificate.tls)
        let untrusting = try await HTTP2Client.connect(host: "127.0.0.1", port: server.port, tls: HTTP2ClientTLS())
        await #expect(throws: HTTP2ClientError.self, "the system roots do not know our CA") {
            try await untrusting.send(HTTP2Request(method: "GET", path: "/bytes/10", authority: "127.0.0.1"))
        }
        let client = try await HTTP2Client.connect(
            host: "127.0.0.1", port: server.port, tls: HTTP2ClientTLS(trustRootsPath: certificate.caPath))
        let echo = try await client.send(HTTP2Request(
            method: "PUT", path: "/echo", authority: "127.0.0.1", body: HTTP2ServerTests.pattern(150_000, seed: 2)))
        #expect(echo.status == 200)
        #expect(echo.headers.contains(HeaderField(name: "x-method", value: "PUT")))
        #expect(echo.body == HTTP2ServerTests.pattern(150_000, seed: 2))
        await client.close()
        await server.shutdown()
    }
}
