import Foundation
import HPACK
import Testing
import TestSupport
import Transport

/// How a client reaches HTTP/2 on our NIO server besides prior knowledge: TLS with ALPN
/// `h2` (`nghttp` over https, certificates from `scripts/gen-certs`) and HTTP/1.1
/// `Upgrade: h2c` (`nghttp -u`, and curl's `--http2` on an http URL, which upgrades).
@Suite(.serialized)
struct HTTP2ServerNegotiationTests {
    static let curlPath = "/usr/bin/curl"

    /// A fresh certificate for 127.0.0.1 and the CA that signed it.
    static func makeCertificate() throws -> (tls: HTTP2ServerTLS, caPath: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("h2tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = try ChildProcess.run(root.appendingPathComponent("scripts/gen-certs"), [directory.path, "server"])
        try #require(output.status == 0, "gen-certs failed: \(output.stderr)")
        let tls = HTTP2ServerTLS(
            certificateChainPath: directory.appendingPathComponent("server.pem").path,
            privateKeyPath: directory.appendingPathComponent("server.key").path)
        return (tls, directory.appendingPathComponent("ca.pem").path, directory)
    }

    @Test func nghttpFetchesOverTLSWithALPNh2() async throws {
        let certificate = try Self.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.directory) }
        let server = try await HTTP2ServerTests.start(tls: certificate.tls)
        let body = try await HTTP2ServerTests.runTool(HTTP2ServerTests.nghttpPath, ["https://127.0.0.1:\(server.port)/bytes/300000"])
        #expect(body.status == 0, "\(body.stderr)")
        #expect(body.stdout == HTTP2ServerTests.pattern(300_000))

        let verbose = try await HTTP2ServerTests.runTool(HTTP2ServerTests.nghttpPath, ["-nv", "https://127.0.0.1:\(server.port)/bytes/10"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.text.contains("The negotiated protocol: h2"), "\(verbose.text.prefix(1_000))")
        #expect(verbose.text.contains(":status: 200"))
        #expect(verbose.text.contains("x-method: GET"))
        await server.shutdown()
    }

    @Test func curlVerifiesOurCertificateAndSpeaksH2() async throws {
        let certificate = try Self.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificate.directory) }
        let server = try await HTTP2ServerTests.start(tls: certificate.tls)
        let fetch = try await HTTP2ServerTests.runTool(Self.curlPath, [
            "-sS", "--http2", "--cacert", certificate.caPath, "-w", "\\n%{http_version} %{http_code}",
            "https://127.0.0.1:\(server.port)/bytes/20",
        ])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(Array(fetch.stdout.prefix(20)) == HTTP2ServerTests.pattern(20))
        #expect(fetch.text.hasSuffix("\n2 200"), "\(fetch.text.suffix(40))")
        await server.shutdown()
    }

    @Test func nghttpUpgradesFromHTTP1() async throws {
        let server = try await HTTP2ServerTests.start()
        let upgrade = try await HTTP2ServerTests.runTool(HTTP2ServerTests.nghttpPath, ["-nvu", "http://127.0.0.1:\(server.port)/bytes/10"])
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(upgrade.text.contains("HTTP Upgrade response"), "\(upgrade.text.prefix(2_000))")
        #expect(upgrade.text.contains("HTTP Upgrade success"))
        #expect(upgrade.text.contains(":status: 200"))
        #expect(upgrade.text.contains("x-method: GET"))

        let body = try await HTTP2ServerTests.runTool(HTTP2ServerTests.nghttpPath, ["-u", "http://127.0.0.1:\(server.port)/bytes/100000"])
        #expect(body.status == 0, "\(body.stderr)")
        #expect(body.stdout == HTTP2ServerTests.pattern(100_000))
        await server.shutdown()
    }

    @Test func curlUpgradesFromHTTP1AndPlainHTTP1IsTold426() async throws {
        let server = try await HTTP2ServerTests.start()
        let upgrade = try await HTTP2ServerTests.runTool(Self.curlPath, [
            "-sS", "--http2", "-w", "\\n%{http_version} %{http_code}", "http://127.0.0.1:\(server.port)/bytes/20",
        ])
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        #expect(Array(upgrade.stdout.prefix(20)) == HTTP2ServerTests.pattern(20))
        #expect(upgrade.text.hasSuffix("\n2 200"), "\(upgrade.text.suffix(40))")

        let plain = try await HTTP2ServerTests.runTool(Self.curlPath, [
            "-sS", "--http1.1", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(server.port)/",
        ])
        #expect(plain.text == "426", "\(plain.text) \(plain.stderr)")
        await server.shutdown()
    }
}
