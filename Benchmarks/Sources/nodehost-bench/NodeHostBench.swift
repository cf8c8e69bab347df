import Foundation
import Logging
import Raft
import RaftHost

/// Proposal throughput and latency of three `NodeHost`s in one process on loopback, each
/// with its own data directory (WAL with fdatasync) under `--dir`. `--clients` tasks
/// propose `--payload`-byte commands in a closed loop to the leader host of `--groups`
/// groups (client i to group i mod G) for `--seconds` after a 0.5 s warm-up. Prints one
/// JSON line:
///
///     {"name": "nodehost.g1.c16.payload128", "ops_per_s": ..., "p50_us": ..., "p99_us": ..., "p999_us": ..., "failed": ..., ...}
///
/// `failed` counts proposals that returned an error (a leader change on a loaded
/// machine); they are retried after 10 ms and left out of the latencies.
///
///     nodehost-bench [--groups G] [--clients N] [--payload BYTES] [--seconds S] [--dir PATH]
@main
struct NodeHostBench {
    static func main() async throws {
        var groups = 1
        var clients = 16
        var payloadBytes = 128
        var seconds = 2.0
        var directory = NSTemporaryDirectory()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--groups": groups = Int(arguments.popFirst() ?? "") ?? groups
            case "--clients": clients = Int(arguments.popFirst() ?? "") ?? clients
            case "--payload": payloadBytes = Int(arguments.popFirst() ?? "") ?? payloadBytes
            case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
            case "--dir": directory = arguments.popFirst() ?? directory
            default:
                FileHandle.standardError.write(Data(
                    "usage: nodehost-bench [--groups G] [--clients N] [--payload BYTES] [--seconds S] [--dir PATH]\n".utf8))
                exit(2)
            }
        }
        let root = directory + "/nodehost-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var logger = Logger(label: "nodehost-bench")
        logger.logLevel = .error
        var hosts: [NodeID: NodeHost] = [:]
        for node: NodeID in 1...3 {
            hosts[node] = try await NodeHost.start(
                NodeHostConfiguration(dataDirectory: root + "/\(node)", nodeID: node, logger: logger))
        }
        let members = hosts.mapValues(\.listenAddress)
        let options = GroupOptions(snapshotEveryEntries: 50_000)
        for group in 1...groups {
            for host in hosts.values {
                try await host.startGroup(GroupID(group), initialMembers: members, options: options) { CountingMachine() }
            }
        }
        var leaders: [GroupID: NodeHost] = [:]
        for group in 1...groups {
            leaders[GroupID(group)] = try await leader(of: GroupID(group), hosts: Array(hosts.values))
        }
        let payload = [UInt8](repeating: 0x5A, count: payloadBytes)
        let clock = ContinuousClock()
        let warmUpEnd = clock.now + .milliseconds(500)
        let end = warmUpEnd + .milliseconds(Int64(seconds * 1000))
        // Per client: the latencies of acknowledged proposals, and how many failed (a
        // leader change on a loaded machine: no leader, dropped, timed out).
        let outcomes = await withTaskGroup(of: ([Int64], Int).self) { tasks in
            for client in 0..<clients {
                let group = GroupID(client % groups + 1)
                guard let host = leaders[group] else { continue }
                tasks.addTask {
                    var samples: [Int64] = []
                    var failures = 0
                    while true {
                        let start = clock.now
                        if start >= end { break }
                        do {
                            _ = try await host.propose(group: group, command: payload, timeout: .seconds(10))
                            if start >= warmUpEnd { samples.append(nanoseconds(clock.now - start)) }
                        } catch {
                            failures += 1
                            try? await Task.sleep(for: .milliseconds(10))
                        }
                    }
                    return (samples, failures)
                }
            }
            var all: [([Int64], Int)] = []
            for await outcome in tasks { all.append(outcome) }
            return all
        }
        let latencies = outcomes.flatMap(\.0).sorted()
        let failures = outcomes.map(\.1).reduce(0, +)
        let fsync = hosts.values.map { $0.metrics.render() }.joined()
        for host in hosts.values { await host.shutdown() }
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000
        }
        let fsyncCount = fsync.split(separator: "\n").filter { $0.hasPrefix("raft_wal_fsync_seconds_count") }
            .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
        let result: [String: Any] = [
            "name": "nodehost.g\(groups).c\(clients).payload\(payloadBytes)",
            "ops_per_s": Int(Double(latencies.count) / seconds),
            "p50_us": Int(percentile(0.5)), "p99_us": Int(percentile(0.99)), "p999_us": Int(percentile(0.999)),
            "proposals": latencies.count, "failed": failures, "wal_syncs_all_hosts": Int(fsyncCount),
        ]
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    static func leader(of group: GroupID, hosts: [NodeHost]) async throws -> NodeHost {
        for _ in 0..<500 {
            for host in hosts where (try? await host.status(group: group))?.role == .leader { return host }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw NodeHostError.noLeader(group)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// Counts the commands it applied; its snapshot is the count.
final class CountingMachine: StateMachine {
    private var count: UInt64 = 0

    func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        entries.map { entry in
            count += 1
            return StateMachineResult(value: entry.index)
        }
    }

    func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] { withUnsafeBytes(of: count.littleEndian, Array.init) }

    func saveSnapshot() throws(StateMachineError) -> [UInt8] { withUnsafeBytes(of: count.littleEndian, Array.init) }

    func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) {
        guard data.count == 8 else { throw StateMachineError("snapshot of \(data.count) bytes") }
        count = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
}
