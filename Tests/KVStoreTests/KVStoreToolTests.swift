import Foundation
import KVStore
import ManyServer
import Testing
import TestSupport

/// The `kvstore` client, run as a user runs it, against a store loaded with many-rs's
/// staging state and driven with many-rs's test key (which owns key 010203 there).
/// Expected output is what many-rs's `src/kvstore/src/main.rs` prints.
@Suite(.serialized)
struct KVStoreToolTests {
    /// Runs the `kvstore` binary off the cooperative pool, so the in-process server keeps running.
    static func kvstore(_ arguments: [String], input: [UInt8] = []) async throws -> ChildProcess.Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ProductBinary.run("kvstore", arguments, input: input) })
            }
        }
    }

    @Test func putGetQueryDisableLikeManyRs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kvstore-tool-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("id1.pem").path
        try KVFixtures.manyRsPEM.write(toFile: pem, atomically: true, encoding: .utf8)

        let many = ManyServer(identity: KVFixtures.identity(1), name: "many-kvstore")
        try await KVTestServer.with(many: many) { (server) async throws in
            try await server.store.initialize(KVInitialState.parse(json5: KVFixtures.manyRsStagingState).state)
            let url = server.base
            let put = try await Self.kvstore(["--pem", pem, url, "put", "--hex-key", "010203", "hello"])
            #expect(put.status == 0)
            #expect(put.text == "null\n")
            #expect(try await Self.kvstore([url, "get", "--hex-key", "010203"]).text == "hello")
            #expect(try await Self.kvstore([url, "get", "--hex-key", "010203", "--hex"]).text == "68656c6c6f\n")
            #expect(try await Self.kvstore([url, "get", "missing"]).text == "None\n")
            #expect(try await Self.kvstore([url, "query", "--hex-key", "010203"]).text == KVFixtures.manyRsAddress + "\n")
            let stdin = try await Self.kvstore(["--pem", pem, url, "put", "from-stdin", "--stdin"], input: Array("piped".utf8))
            #expect(stdin.status == 0)
            #expect(try await Self.kvstore([url, "get", "from-stdin"]).text == "piped")

            #expect(try await Self.kvstore(["--pem", pem, url, "disable", "--hex-key", "010203", "--reason", "no more"]).text == "null\n")
            #expect(try await Self.kvstore([url, "query", "--hex-key", "010203"]).text == KVFixtures.manyRsAddress + ", disabled (no more)\n")
            let disabled = try await Self.kvstore([url, "get", "--hex-key", "010203"])
            #expect(disabled.status == 1)
            #expect(disabled.stderr.contains("Error returned by server:\n|  The key was disabled by its owner."))

            let anonymous = try await Self.kvstore([url, "put", "k", "v"])
            #expect(anonymous.status == 1)
            #expect(try await Self.kvstore([url, "put", "k"]).status == 2)
            #expect(try await Self.kvstore([url, "frobnicate"]).status == 2)
            // Membership needs Raft; the single-node store says so and the CLI exits 1.
            let member = try await Self.kvstore([url, "member", "add", "2", "127.0.0.1:9"])
            #expect(member.status == 1)
            #expect(member.stderr.contains("501"))
        }
    }
}
