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

    /// The first line the server prints (its address), read off the cooperative pool.
    static func firstLine(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while !bytes.contains(0x0A) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                let text = String(decoding: bytes, as: UTF8.self)
                continuation.resume(returning: String(text.split(separator: "\n").first ?? ""))
            }
        }
    }
}
