import Foundation
import Synchronization
import Testing
import TestSupport
import Transport
@testable import LoadGeneration

/// The load generator's requests, its closed loop against a real server, and its HTTP
/// reader against Python's http.server sending chunked bodies.
@Suite struct LoadGenerationTests {
    @Test func ourWritesAreRaftdbJSONObjects() throws {
        let workload = KeyValueWorkload(api: .ours, keySize: 16, valueSize: 128, keyCount: 10)
        var random = SplitMix64(seed: 1)
        let request = String(decoding: workload.request(host: "h", &random), as: UTF8.self)
        #expect(request.hasPrefix("POST /key HTTP/1.1\r\n"))
        let body = try #require(request.components(separatedBy: "\r\n\r\n").last)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        let (key, value) = try #require(object.first)
        #expect(object.count == 1)
        #expect(key.utf8.count == 16 && key.hasPrefix("k"))
        #expect(value.utf8.count == 128)
        #expect(request.contains("Content-Length: \(body.utf8.count)\r\n"))
    }

    @Test func etcdRequestsCarryBase64Fields() throws {
        let workload = KeyValueWorkload(api: .etcd, keySize: 16, valueSize: 5, keyCount: 3, readFraction: 0.5)
        var random = SplitMix64(seed: 3)
        var paths: Set<String> = []
        for _ in 0..<40 {
            let request = String(decoding: workload.request(host: "h", &random), as: UTF8.self)
            let path = String(request.split(separator: " ")[1])
            paths.insert(path)
            let body = try #require(request.components(separatedBy: "\r\n\r\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
            let keyText = try #require(object["key"])
            let key = try #require(Data(base64Encoded: keyText))
            #expect(String(decoding: key, as: UTF8.self) == workload.key(Int(String(decoding: key.dropFirst(), as: UTF8.self))!))
            if path == "/v3/kv/put" {
                let valueText = try #require(object["value"])
                #expect(Data(base64Encoded: valueText) == Data("vvvvv".utf8))
            }
        }
        #expect(paths == ["/v3/kv/put", "/v3/kv/range"])
    }

    @Test func closedLoopCountsWhatTheServerAnswered() async throws {
        let served = Atomic<Int>(0)
        let server = try await HTTPServer.start(configuration: HTTPServerConfiguration(port: 0)) { request in
            let count = served.add(1, ordering: .relaxed).newValue
            // Every fifth request fails, so errors are counted apart from operations.
            return HTTPResponse(status: count % 5 == 0 ? 500 : 200, body: request.body)
        }
        let load = ClosedLoopLoad(
            endpoints: [.init(host: "127.0.0.1", port: UInt16(server.port))], clients: 3, seconds: 0.3
        ) { _, random in
            (0, KeyValueWorkload(api: .ours, valueSize: 8).request(host: "127.0.0.1", &random))
        }
        let outcome = await Task.detached { load.run() }.value
        await server.shutdown()
        let total = served.load(ordering: .relaxed)
        #expect(outcome.operationCount > 0)
        #expect(outcome.operationCount + outcome.errorCount == total)
        #expect(outcome.errorCount == total / 5)
        #expect(outcome.latency.totalCount == UInt64(outcome.operationCount))
        let report = LoadReport(
            target: "test", client: "swift", clients: 3, connections: 3, keySize: 16, valueSize: 8, readFraction: 0,
            outcome: outcome)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonLine.utf8)) as? [String: Any])
        #expect(line["ops"] as? Int == outcome.operationCount)
        #expect(line["errors"] as? Int == outcome.errorCount)
    }

    @Test func readsChunkedAndLengthFramedBodiesFromPython() throws {
        let script = """
        import http.server, sys
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                if self.path == "/chunked":
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for part in (b"hello, ", b"chunked ", b"world"):
                        self.wfile.write(b"%x\\r\\n%s\\r\\n" % (len(part), part))
                    self.wfile.write(b"0\\r\\n\\r\\n")
                else:
                    body = b"plain body"
                    self.send_response(404)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), H)
        print(server.server_address[1], flush=True)
        server.handle_request()
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 10 { line.append(byte) }
        let port = try #require(UInt16(String(decoding: line, as: UTF8.self)))
        let connection = try BlockingHTTPConnection(port: port)
        let chunked = try connection.exchange(Array("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(chunked.status == 200)
        #expect(String(decoding: chunked.body, as: UTF8.self) == "hello, chunked world")
        let plain = try connection.exchange(Array("GET /other HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(plain.status == 404)
        #expect(String(decoding: plain.body, as: UTF8.self) == "plain body")
    }
}
