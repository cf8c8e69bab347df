import Foundation
import Testing
import TestSupport
import Transport

/// Membership at run time on real processes: a fourth `many-kvstore` started with
/// `--join` is added as a learner with `kvstore member add` (sent to a follower), catches
/// up, is promoted, takes leadership by transfer, and a founding node is removed; writes
/// go on and every node reads them. Then raftdb's `POST /join` adds a fifth node.
@Suite(.serialized)
struct KVMembershipProcessTests {
    final class Node: @unchecked Sendable {
        let id: Int
        let httpPort: Int
        let raftPort: Int
        var process: Process?
        var url: String { "http://127.0.0.1:\(httpPort)" }
        init(id: Int, httpPort: Int, raftPort: Int) {
            self.id = id
            self.httpPort = httpPort
            self.raftPort = raftPort
        }
    }

    static func freePort() throws -> Int {
        let output = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return Int(String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    static func start(_ node: Node, founders: [Node], join: Bool, folder: URL, pem: String) throws {
        let process = Process()
        process.executableURL = ProductBinary.productsDirectory.appendingPathComponent("many-kvstore")
        var arguments = [
            "--pem", pem, "--port", String(node.httpPort), "--persistent", folder.appendingPathComponent("n\(node.id)").path,
            "--id", String(node.id), "--raft-addr", "127.0.0.1:\(node.raftPort)", "--tick-ms", "20", "-q",
        ]
        if join { arguments.append("--join") }
        for founder in founders { arguments += ["--peer", "\(founder.id)=127.0.0.1:\(founder.raftPort)"] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        node.process = process
    }

    /// m2's `/raft/status` of group 0 on `node`, once it answers.
    static func status(_ client: HTTPClient, _ node: Node) async -> [String: String]? {
        guard let response = try? await client.execute(method: "GET", url: node.url + "/raft/status"), response.status == 200 else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: String]
    }

    static func eventually(_ what: String, _ condition: () async -> Bool) async throws {
        for _ in 0..<200 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    static func value(_ client: HTTPClient, _ node: Node, _ key: String) async -> String? {
        guard let response = try? await client.execute(method: "GET", url: node.url + "/v1/kv/\(key)?level=readIndex"),
            response.status == 200,
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: String]
        else { return nil }
        return object["value"]
    }

    @Test func addPromoteTransferRemoveAndJoin() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kv-members-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pem = folder.appendingPathComponent("id.pem").path
        try KVFixtures.manyRsPEM.write(toFile: pem, atomically: true, encoding: .utf8)
        var nodes: [Node] = []
        for id in 1...5 { nodes.append(Node(id: id, httpPort: try Self.freePort(), raftPort: try Self.freePort())) }
        let founders = Array(nodes[0..<3])
        defer {
            for node in nodes {
                node.process?.terminate()
                node.process?.waitUntilExit()
            }
        }
        for node in founders { try Self.start(node, founders: founders, join: false, folder: folder, pem: pem) }
        try Self.start(nodes[3], founders: [], join: true, folder: folder, pem: pem)
        let client = HTTPClient()
        defer { Task { await client.shutdown() } }

        var leaderID = 0
        try await Self.eventually("a leader") {
            guard let status = await Self.status(client, founders[0]), let leader = Int(status["leader"] ?? ""), leader != 0 else { return false }
            leaderID = leader
            return true
        }
        for index in 0..<10 {
            let put = try await client.execute(method: "PUT", url: founders[index % 3].url + "/v1/kv/k\(index)", body: Array("v\(index)".utf8))
            #expect(put.status == 200)
        }
        // Added through a follower: the change is forwarded to the leader.
        let follower = founders.first { $0.id != leaderID }!
        let add = try await KVStoreToolTests.kvstore([follower.url, "member", "add", "4", "127.0.0.1:\(nodes[3].raftPort)"])
        #expect(add.status == 0, "\(add.stderr)")
        try await Self.eventually("node 4 to catch up as a learner") { await Self.value(client, nodes[3], "k9") == "v9" }
        #expect(await Self.status(client, nodes[3])?["state"] == "Learner")

        let promote = try await KVStoreToolTests.kvstore([founders[0].url, "member", "promote", "4"])
        #expect(promote.status == 0, "\(promote.stderr)")
        try await Self.eventually("node 4 to be a voter") { await Self.status(client, nodes[3])?["state"] == "Follower" }

        let leader = founders.first { $0.id == leaderID }!
        let transfer = try await KVStoreToolTests.kvstore([leader.url, "member", "transfer", "4"])
        #expect(transfer.status == 0, "\(transfer.stderr)")
        try await Self.eventually("node 4 to lead") { await Self.status(client, nodes[3])?["state"] == "Leader" }

        let removed = founders.first { $0.id != leaderID }!
        let remove = try await KVStoreToolTests.kvstore([nodes[3].url, "member", "remove", String(removed.id)])
        #expect(remove.status == 0, "\(remove.stderr)")
        try await Self.eventually("three members left") { await Self.status(client, nodes[3])?["num_peers"] == "2" }
        let put = try await client.execute(method: "PUT", url: nodes[3].url + "/v1/kv/after", body: Array("removal".utf8))
        #expect(put.status == 200)
        for node in nodes[0..<4] where node.id != removed.id {
            try await Self.eventually("node \(node.id) to read the write after the removal") { await Self.value(client, node, "after") == "removal" }
        }

        // raftdb's join: a learner, then promoted.
        try Self.start(nodes[4], founders: [], join: true, folder: folder, pem: pem)
        let join = try await client.execute(
            method: "POST", url: nodes[3].url + "/join",
            body: Array("{\"id\": \"node05\", \"httpAddr\": \"127.0.0.1:\(nodes[4].httpPort)\", \"raftAddr\": \"127.0.0.1:\(nodes[4].raftPort)\"}".utf8))
        #expect(join.status == 200, "\(String(decoding: join.body, as: UTF8.self))")
        try await Self.eventually("node 5 to join as a voter") {
            let value = await Self.value(client, nodes[4], "after")
            let state = await Self.status(client, nodes[4])?["state"]
            return value == "removal" && state == "Follower"
        }
    }
}
