import Foundation
import Testing
import TestSupport
import Transport

/// Disk faults as an operator meets them, on a `many-kvstore` process: a torn record at
/// the end of the WAL (a crash in the middle of an append) is cut on restart and every
/// acknowledged write is still there; a flipped byte in a snapshot stops the node with
/// an error naming the file instead of loading damaged state.
@Suite(.serialized)
struct KVDiskFaultProcessTests {
    static func run(_ folder: URL, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = ProductBinary.productsDirectory.appendingPathComponent("many-kvstore")
        process.arguments = ["--pem", folder.appendingPathComponent("id.pem").path, "-q"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        try process.run()
        return process
    }

    static func files(_ directory: URL, suffix: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func eventuallyReads(_ client: HTTPClient, _ url: String) async -> HTTPResponse? {
        for _ in 0..<100 {
            if let response = try? await client.execute(method: "GET", url: url), response.status != 503 { return response }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func aTornWALTailIsCutAndASnapshotFlipIsReported() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kv-disk-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try KVFixtures.manyRsPEM.write(to: folder.appendingPathComponent("id.pem"), atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("data")
        let port = try KVMembershipProcessTests.freePort()
        let base = "http://127.0.0.1:\(port)"
        let client = HTTPClient()
        defer { Task { await client.shutdown() } }

        var node = try Self.run(folder, ["--port", String(port), "--persistent", data.path, "--snapshot-entries", "20"])
        #expect(await Self.eventuallyReads(client, base + "/v1/kv/none")?.status == 404)
        for index in 1...50 {
            let put = try await client.execute(method: "PUT", url: base + "/v1/kv/k\(index)", body: Array("v\(index)".utf8))
            #expect(put.status == 200)
        }
        node.terminate()
        node.waitUntilExit()
        #expect(node.terminationStatus == 0)

        // A crash in the middle of an append: half a record after the last one, in the
        // zeros of the preallocated segment.
        let segment = try #require(try Self.files(data.appendingPathComponent("raft/wal"), suffix: ".wal").last)
        var walBytes = try [UInt8](Data(contentsOf: segment))
        let recordsEnd = try #require(walBytes.lastIndex { $0 != 0 }) + 1
        #expect(walBytes.count > recordsEnd + 7, "the segment is preallocated")
        walBytes.replaceSubrange(recordsEnd..<recordsEnd + 7, with: [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77])
        try Data(walBytes).write(to: segment)
        node = try Self.run(folder, ["--port", String(port), "--persistent", data.path, "--snapshot-entries", "20"])
        for index in [1, 25, 50] {
            let read = await Self.eventuallyReads(client, base + "/v1/kv/k\(index)?level=readIndex")
            #expect(read?.status == 200, "k\(index) after the torn tail was cut")
        }
        node.terminate()
        node.waitUntilExit()

        // A flipped byte in the newest snapshot: refused, with the file named.
        let snapshot = try #require(try Self.files(data.appendingPathComponent("raft/snapshots"), suffix: ".snap").last)
        var bytes = try [UInt8](Data(contentsOf: snapshot))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: snapshot)
        node = try Self.run(folder, ["--port", String(port), "--persistent", data.path])
        node.waitUntilExit()
        #expect(node.terminationStatus == 1)
        let stderr = (node.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: stderr, as: UTF8.self)
        #expect(message.contains(snapshot.lastPathComponent) && message.contains("corrupt"), "\(message)")
    }
}
