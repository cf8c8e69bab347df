import Foundation
import Raft

/// Our single-node Raft loop, timed beside etcd-raft's own `BenchmarkOneNode` (see
/// `scripts/bench raft`). Prints one JSON line per workload:
///
///     {"name": "raft.onenode.serial", "ns_per_op": 812.3, "ops_per_s": 1231000.0, ...}
///
/// Each iteration is one 16-byte proposal carried through the whole Ready handshake:
/// propose, take `Ready`, append its entries to `MemoryStorage`, store the hard state,
/// apply the committed entries, `advance`.
///
/// - `raft.onenode.serial`: one proposal at a time, committed and applied before the
///   next is proposed (no batching at all: every proposal pays a full Ready).
/// - `raft.onenode.batch64`: 64 proposals, then the Ready loop (what etcd's benchmark
///   does implicitly: its proposer goroutine keeps proposing while the Ready loop
///   sleeps 1 ms for the "disk", so each of its Readies carries many entries).
///
/// Each round starts a fresh node (election outside the timed window) and runs a fixed
/// iteration count calibrated to about `--min-seconds`; the best of `--rounds` is kept.
///
/// - `raft.3node.inflight1` / `inflight64` / `inflight64.nobatch`: a 3-voter group in one
///   thread with in-process delivery (see `Group`), 1 or 64 proposals in flight, appends
///   batched or one entry per message. ns/op is per committed proposal.
///
/// With `--count-allocations` (and `Benchmarks/peers/malloc_count.c` preloaded, as
/// `scripts/bench raft` does) it times nothing and prints heap allocations per committed
/// proposal instead: `{"name": ..., "allocs_per_op": 3.02, ...}`.
///
///     raft-bench [--min-seconds S] [--rounds N] [--filter TEXT] [--count-allocations]
@main
struct RaftBench {
    static func main() throws {
        var minSeconds = 1.0
        var rounds = 5
        var filter: String?
        var countsAllocations = false
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--min-seconds": minSeconds = Double(arguments.popFirst() ?? "") ?? minSeconds
            case "--rounds": rounds = Int(arguments.popFirst() ?? "") ?? rounds
            case "--filter": filter = arguments.popFirst()
            case "--count-allocations": countsAllocations = true
            default:
                FileHandle.standardError.write(Data("usage: raft-bench [--min-seconds S] [--rounds N] [--filter TEXT] [--count-allocations]\n".utf8))
                exit(2)
            }
        }
        let workloads: [(name: String, batch: Int, nodes: Int, make: () throws -> any Workload)] = [
            ("raft.onenode.serial", 1, 1, { try OneNode() }),
            ("raft.onenode.batch64", 64, 1, { try OneNode() }),
            ("raft.3node.inflight1", 1, 3, { try Group(batching: true) }),
            ("raft.3node.inflight64", 64, 3, { try Group(batching: true) }),
            ("raft.3node.inflight64.nobatch", 64, 3, { try Group(batching: false) }),
        ]
        for workload in workloads where filter.map({ workload.name.contains($0) }) ?? true {
            if countsAllocations {
                let line = try countAllocations(name: workload.name, batch: workload.batch, make: workload.make)
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
                continue
            }
            let line = try measure(
                name: workload.name, batch: workload.batch, nodes: workload.nodes, make: workload.make,
                minSeconds: minSeconds, rounds: rounds)
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    static func measure(
        name: String, batch: Int, nodes: Int, make: () throws -> any Workload, minSeconds: Double, rounds: Int
    ) throws -> String {
        let clock = ContinuousClock()
        var iterations = 1024
        var elapsed = Duration.zero
        while true {
            elapsed = try make().run(proposals: iterations, batch: batch, clock)
            if elapsed >= .milliseconds(100) { break }
            iterations *= 2
        }
        iterations = max(batch, Int((Double(iterations) * minSeconds / elapsed.seconds).rounded(.up)))
        iterations = (iterations + batch - 1) / batch * batch
        var best = Duration.seconds(Int64.max)
        var check: UInt64 = 0
        for _ in 0..<rounds {
            let node = try make()
            best = min(best, try node.run(proposals: iterations, batch: batch, clock))
            check = node.applied
        }
        guard check == UInt64(iterations) else {
            throw BenchError(message: "\(name): applied \(check) of \(iterations) proposals")
        }
        let nsPerOp = best.seconds * 1e9 / Double(iterations)
        return "{\"name\": \"\(name)\", \"ns_per_op\": \(String(format: "%.1f", nsPerOp)), "
            + "\"ops_per_s\": \(String(format: "%.1f", 1e9 / nsPerOp)), \"iterations\": \(iterations), "
            + "\"nodes\": \(nodes), \"batch\": \(batch), \"payload_bytes\": 16, \"rounds\": \(rounds)}"
    }

    /// Heap allocations per committed proposal over 64 Ki proposals after a warm-up,
    /// read from the preloaded counter.
    static func countAllocations(name: String, batch: Int, make: () throws -> any Workload) throws -> String {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_count_total") else {
            throw BenchError(message: "--count-allocations needs LD_PRELOAD=malloc_count.so (Benchmarks/peers/malloc_count.c)")
        }
        let total = unsafeBitCast(symbol, to: (@convention(c) () -> UInt64).self)
        let proposals = 65_536
        let workload = try make()
        _ = try workload.run(proposals: 4_096, batch: batch, ContinuousClock())
        let before = total()
        _ = try workload.run(proposals: proposals, batch: batch, ContinuousClock())
        let allocations = Double(total() - before) / Double(proposals)
        return "{\"name\": \"\(name)\", \"allocs_per_op\": \(String(format: "%.2f", allocations))}"
    }

    struct BenchError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// One timed group: `run` proposes, `applied` counts what the leader applied.
protocol Workload: AnyObject {
    var applied: UInt64 { get }
    func run(proposals: Int, batch: Int, _ clock: ContinuousClock) throws -> Duration
}

/// A single-voter group that has elected itself, with its storage and a trivial state machine.
final class OneNode: Workload {
    let storage = MemoryStorage(confState: ConfState(voters: [1]))
    var node: RawNode<MemoryStorage>
    /// Normal entries with a payload applied so far (the leader's empty entry is not counted).
    var applied: UInt64 = 0
    var checksum: UInt64 = 0

    init() throws {
        node = try RawNode(config: RaftConfig(id: 1, randomSeed: 1), storage: storage)
        node.campaign()
        try drain()
        guard node.raft.role == .leader else {
            throw RaftBench.BenchError(message: "the single node did not become leader")
        }
        applied = 0
    }

    /// Proposes `proposals` payloads, `batch` at a time, each batch followed by the
    /// Ready loop until nothing is pending; returns the time it took.
    func run(proposals: Int, batch: Int, _ clock: ContinuousClock) throws -> Duration {
        var payload = [UInt8](repeating: 0xA5, count: 16)
        let start = clock.now
        var proposed = 0
        while proposed < proposals {
            for _ in 0..<batch {
                payload[0] = UInt8(truncatingIfNeeded: proposed)
                try node.propose(payload)
                proposed += 1
            }
            try drain()
        }
        return clock.now - start
    }

    /// The Ready loop of docs/raft.md, with nothing to send on a single node.
    @inline(__always)
    func drain() throws {
        while node.hasReady {
            let ready = node.ready()
            try storage.append(ready.entries)
            if let state = ready.hardState { storage.setHardState(state) }
            for entry in ready.committedEntries where !entry.data.isEmpty {
                applied += 1
                checksum &+= UInt64(entry.data[0])
            }
            node.advance(ready)
        }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
