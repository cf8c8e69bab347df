import Foundation
import Testing
import TestSupport
import Transport

/// `many-kvstore` as an operator runs it: a state file, a port picked by the system, the
/// MANY API and the HTTP APIs on that one port, a clean stop on SIGTERM.
@Suite(.serialized)
struct KVStoreServerProcessTests {
    @Test func serveBothAPIsAndStopOnSIGTERM() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("many-kvstore-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("id1.pem").path, state = folder.appendingPathComponent("state.json5").path
        try KVFixtures.manyRsPEM.write(toFile: pem, atomically: true, encoding: .utf8)
        try KVFixtures.manyRsStagingState.write(toFile: state, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = ProductBinary.productsDirectory.appendingPathComponent("many-kvstore")
        process.arguments = ["--pem", pem, "--port", "0", "--persistent", folder.appendingPathComponent("db").path, "--state", state, "-q"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = await Self.firstLine(output.fileHandleForReading)
        #expect(line.hasPrefix("listening on 127.0.0.1:"))
        let url = "http://" + line.dropFirst("listening on ".count)

        let put = try await KVStoreToolTests.kvstore(["--pem", pem, url, "put", "--hex-key", "010203", "v1"])
        #expect(put.text == "null\n")
        let client = HTTPClient()
        #expect(try await client.execute(method: "GET", url: url + "/get?key=%01%02%03").body == Array("v1".utf8))
        #expect(try await client.execute(method: "POST", url: url + "/db/plain", body: Array("p".utf8)).status == 200)
        #expect(try await KVStoreToolTests.kvstore([url, "get", "plain"]).text == "p")
        await client.shutdown()

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("db").path))
    }

    /// `--state-machine sqlite` keeps each group's state in `<persistent>/sm/group-N.sqlite`,
    /// and a restarted server serves what it held.
    @Test func theSQLiteStateMachineSurvivesARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("many-kvstore-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("id1.pem").path, persistent = folder.appendingPathComponent("db").path
        try KVFixtures.manyRsPEM.write(toFile: pem, atomically: true, encoding: .utf8)
        let client = HTTPClient()
        for round in 0..<2 {
            let process = Process()
            process.executableURL = ProductBinary.productsDirectory.appendingPathComponent("many-kvstore")
            process.arguments = ["--pem", pem, "--port", "0", "--persistent", persistent, "--state-machine", "sqlite", "-q"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let line = await Self.firstLine(output.fileHandleForReading)
            let url = "http://" + line.dropFirst("listening on ".count)
            // A (re)started single node elects itself first: 503 until then.
            let request = round == 0 ? ("POST", Array("yes".utf8)) : ("GET", [])
            var reply = try await client.execute(method: request.0, url: url + "/db/kept", body: request.1)
            for _ in 0..<50 where reply.status == 503 {
                try await Task.sleep(for: .milliseconds(100))
                reply = try await client.execute(method: request.0, url: url + "/db/kept", body: request.1)
            }
            #expect(reply.status == 200)
            if round == 1 { #expect(reply.body == Array("yes".utf8)) }
            process.terminate()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        await client.shutdown()
        #expect(FileManager.default.fileExists(atPath: persistent + "/sm/group-0.sqlite"))
    }

    /// `--http2-port` serves the same routes over HTTP/2: curl (libcurl with nghttp2) with
    /// prior knowledge writes through the raftdb API and reads through m2's, and a key
    /// written over HTTP/1.1 reads back over HTTP/2. The same with both servers on the Raft
    /// host's own thread (`--http-threads 0`), and on a thread of their own.
    @Test(arguments: ["0", "1"]) func servesTheHTTPAPIsOverHTTP2(httpThreads: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("many-kvstore-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("id1.pem").path
        try KVFixtures.manyRsPEM.write(toFile: pem, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = ProductBinary.productsDirectory.appendingPathComponent("many-kvstore")
        process.arguments = ["--pem", pem, "--port", "0", "--http2-port", "0", "--http-threads", httpThreads, "--persistent", folder.appendingPathComponent("db").path, "-q"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = await Self.lines(2, output.fileHandleForReading)
        #expect(lines.count == 2 && lines[1].hasPrefix("http2 on 127.0.0.1:"))
        let url1 = "http://" + lines[0].dropFirst("listening on ".count)
        let url2 = "http://" + (lines.last ?? "").dropFirst("http2 on ".count)

        // A single node elects itself first: 503 until then.
        var put = try await CurlRedirectTests.curl(["--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "-X", "POST", "-d", #"{"fruit":"kiwi"}"#, url2 + "/key"])
        for _ in 0..<50 where put.text.hasSuffix("503") {
            try await Task.sleep(for: .milliseconds(100))
            put = try await CurlRedirectTests.curl(["--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "-X", "POST", "-d", #"{"fruit":"kiwi"}"#, url2 + "/key"])
        }
        #expect(put.text == "2 200")
        let get = try await CurlRedirectTests.curl(["--http2-prior-knowledge", url2 + "/get?key=fruit"])
        #expect(get.text == "kiwi")
        let client = HTTPClient()
        #expect(try await client.execute(method: "POST", url: url1 + "/db/plain", body: Array("p".utf8)).status == 200)
        await client.shutdown()
        let headers = try await CurlRedirectTests.curl(["-i", "--http2-prior-knowledge", url2 + "/db/plain"])
        #expect(headers.text.hasPrefix("HTTP/2 200"))
        #expect(headers.text.hasSuffix("\r\n\r\np"))
        #expect(!headers.text.lowercased().contains("connection:"), "no HTTP/1.1 connection headers on HTTP/2")

        // The benchmark client over HTTP/2: 8 clients on 2 connections, every put answered 200.
        let bench = try ProductBinary.run("kvstore", [
            "bench", "--endpoints", String(url1.dropFirst("http://".count)), "--http2-endpoints", String(url2.dropFirst("http://".count)),
            "--clients", "8", "--conns", "2", "--seconds", "0.5", "--route", "leader",
        ])
        let report = try JSONSerialization.jsonObject(with: Data(bench.stdout)) as? [String: Any]
        #expect(report?["client"] as? String == "kvstore-bench-h2-leader")
        #expect((report?["ops"] as? Int ?? 0) > 0)
        #expect(report?["errors"] as? Int == 0, "\(bench.stderr)")

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The first line the server prints (its address), read off the cooperative pool.
    static func firstLine(_ handle: FileHandle) async -> String {
        await lines(1, handle).first ?? ""
    }

    /// The first `count` lines the server prints, read off the cooperative pool.
    static func lines(_ count: Int, _ handle: FileHandle) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while bytes.count(where: { $0 == 0x0A }) < count {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                let text = String(decoding: bytes, as: UTF8.self)
                continuation.resume(returning: text.split(separator: "\n").prefix(count).map(String.init))
            }
        }
    }
}
