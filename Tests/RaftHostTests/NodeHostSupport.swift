import Foundation
import Logging
import Raft
import Synchronization
import Testing
@testable import RaftHost

/// A replicated map for the host tests: a command `key=value` sets a key and answers
/// with the entry's index; a query is a key and answers its value (empty when unset).
final class TestKeyValueMachine: StateMachine {
    private var values: [String: String] = [:]

    func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        entries.map { entry in
            let text = String(decoding: entry.command, as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                values[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            return StateMachineResult(value: entry.index, data: Array("ok \(entry.index)".utf8))
        }
    }

    func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] {
        Array((values[String(decoding: query, as: UTF8.self)] ?? "").utf8)
    }

    func saveSnapshot() throws(StateMachineError) -> [UInt8] {
        Array(values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined().utf8)
    }

    func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) {
        values = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { throw StateMachineError("bad snapshot line \(line)") }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
    }
}

/// ``TestKeyValueMachine`` whose snapshot serializer, which the host runs on its snapshot
/// worker, first waits for `gate`.
final class GatedSnapshotMachine: StateMachine {
    private let inner = TestKeyValueMachine()
    private let gate: DispatchSemaphore

    init(gate: DispatchSemaphore) { self.gate = gate }

    func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] { try inner.update(entries) }
    func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] { try inner.lookup(query) }
    func saveSnapshot() throws(StateMachineError) -> [UInt8] { try inner.saveSnapshot() }
    func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) { try inner.recoverFromSnapshot(data) }

    func captureSnapshot() throws(StateMachineError) -> SnapshotSerializer {
        let data = try inner.saveSnapshot()
        return { [gate] output in
            gate.wait()
            output.append(contentsOf: data)
        }
    }
}

/// Hosts on 127.0.0.1 (ephemeral ports, kept across restarts), each with its own data
/// directory, all in this process.
final class TestHosts: @unchecked Sendable {
    private(set) var hosts: [NodeID: NodeHost] = [:]
    private(set) var addresses: [NodeID: PeerAddress] = [:]
    private var directories: [NodeID: TemporaryDirectory] = [:]
    let tls: (NodeID) -> RaftTLSConfiguration?

    static let logger: Logger = {
        var logger = Logger(label: "raft.host.test")
        logger.logLevel = .warning
        return logger
    }()

    init(tls: @escaping (NodeID) -> RaftTLSConfiguration? = { _ in nil }) {
        self.tls = tls
    }

    /// Starts (or restarts, on its old port and data) the host of `node`.
    @discardableResult
    func start(_ node: NodeID) async throws -> NodeHost {
        if directories[node] == nil { directories[node] = try TemporaryDirectory() }
        let configuration = NodeHostConfiguration(
            dataDirectory: directories[node]!.path + "/host",
            nodeID: node,
            listenAddress: addresses[node] ?? PeerAddress(host: "127.0.0.1", port: 0),
            tickIntervalMilliseconds: 10,
            tls: tls(node),
            logger: Self.logger)
        let host = try await NodeHost.start(configuration)
        hosts[node] = host
        addresses[node] = host.listenAddress
        return host
    }

    func stop(_ node: NodeID) async {
        await hosts.removeValue(forKey: node)?.shutdown()
    }

    func stopAll() async {
        for node in hosts.keys.sorted() { await stop(node) }
    }

    subscript(node: NodeID) -> NodeHost { hosts[node]! }

    /// Starts `group` with `members` as its founding voters on each of their hosts.
    func startGroup(_ group: GroupID, members: [NodeID], options: GroupOptions = GroupOptions()) async throws {
        let founders = Dictionary(uniqueKeysWithValues: members.map { ($0, addresses[$0]!) })
        for member in members {
            try await hosts[member]!.startGroup(group, initialMembers: founders, options: options) { TestKeyValueMachine() }
        }
    }

    /// Starts hosts 1, 2 and 3 and group 1 on them; returns its leader once elected.
    @discardableResult
    func startThreeHostGroup(options: GroupOptions = GroupOptions()) async throws -> NodeID {
        for node: NodeID in 1...3 { try await start(node) }
        try await startGroup(1, members: [1, 2, 3], options: options)
        return try await leader(of: 1, among: [1, 2, 3])
    }

    /// The leader every running host of `members` agrees on, once there is one.
    func leader(of group: GroupID, among members: [NodeID]) async throws -> NodeID {
        var agreed: NodeID = .none
        let found = await eventually {
            var leaders = Set<NodeID>()
            for member in members {
                guard let status = try? await self.hosts[member]?.status(group: group) else { return false }
                leaders.insert(status.leader)
            }
            guard leaders.count == 1, let leader = leaders.first, leader != .none, members.contains(leader) else { return false }
            agreed = leader
            return (try? await self.hosts[leader]?.status(group: group))?.role == .leader
        }
        try #require(found, "no agreed leader for group \(group) among \(members)")
        return agreed
    }
}

/// Polls `condition` until it holds; the timeout only guards against a hang.
func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

extension NodeHost {
    /// Retries `call` while the group has no leader yet (a fresh or restarted host).
    func retryingWithoutLeader<Value>(_ call: () async throws(NodeHostError) -> Value) async throws -> Value {
        var lastError: NodeHostError = .timeout
        for _ in 0..<50 {
            do {
                return try await call()
            } catch {
                lastError = error
                guard case .noLeader = error else { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError
    }

    /// Proposes `key=value`.
    @discardableResult
    func put(_ group: GroupID, _ key: String, _ value: String) async throws -> StateMachineResult {
        try await retryingWithoutLeader { () async throws(NodeHostError) in
            try await propose(group: group, command: Array("\(key)=\(value)".utf8), timeout: .seconds(10))
        }
    }

    func get(_ group: GroupID, _ key: String, _ level: ReadLevel) async throws -> String {
        let value = try await retryingWithoutLeader { () async throws(NodeHostError) in
            try await read(group: group, query: Array(key.utf8), level: level, timeout: .seconds(10))
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Waits until this host's replica (read stale) holds `value` at `key`.
    func converges(_ group: GroupID, _ key: String, _ value: String) async -> Bool {
        await eventually { (try? await self.get(group, key, .stale)) == value }
    }

    /// The value of an unlabelled counter in the Prometheus text.
    func metric(_ name: String) -> Double? {
        for line in metrics.render().split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }
}
