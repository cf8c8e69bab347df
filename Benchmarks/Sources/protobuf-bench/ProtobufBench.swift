import Foundation
import Protobuf

/// Times the Protobuf workloads and prints one JSON line each, as codec-bench does:
///
///     {"name": "protobuf.node.decode.dynamic", "ops_per_s": 812345.6, "mb_per_s": 21.1, ...}
///
/// Each workload is calibrated once (iterations for about `--min-seconds`), then timed for
/// `--rounds` rounds of that fixed count; the fastest round is reported.
///
///     protobuf-bench [--filter TEXT] [--min-seconds S] [--rounds N] [--write-workloads DIR]
///
/// `--write-workloads DIR` writes the encoded messages and their schemas for the Python peer
/// (`Benchmarks/peers/protobuf_peer.py`), so both sides read the same bytes.
@main
struct ProtobufBench {
    static func main() {
        do {
            try run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("protobuf-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ arguments: [String]) throws {
        var filter: String?
        var minSeconds = 1.0
        var rounds = 5
        var directory: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            let value = remaining.popFirst() ?? ""
            switch argument {
            case "--filter": filter = value
            case "--min-seconds": minSeconds = Double(value) ?? minSeconds
            case "--rounds": rounds = Int(value) ?? rounds
            case "--write-workloads": directory = value
            default: throw BenchError("usage: protobuf-bench [--filter TEXT] [--min-seconds S] [--rounds N] [--write-workloads DIR]")
            }
        }
        let workloads = try ProtobufWorkloads()
        if let directory {
            try workloads.write(to: directory)
            return
        }
        for workload in workloads.all where filter.map({ workload.name.contains($0) }) ?? true {
            let line = try measure(workload, minSeconds: minSeconds, rounds: rounds)
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// Operations per second of the best round, as a JSON line.
    static func measure(_ workload: ProtobufWorkloads.Workload, minSeconds: Double, rounds: Int) throws -> String {
        let clock = ContinuousClock()
        var iterations = 1
        var elapsed = try time(workload, iterations, clock)
        while elapsed < 0.05 || iterations == 1 {
            iterations *= 2
            elapsed = try time(workload, iterations, clock)
        }
        iterations = max(1, Int((Double(iterations) * minSeconds / elapsed).rounded(.up)))
        var best = Double.infinity
        for _ in 0..<rounds { best = min(best, try time(workload, iterations, clock)) }
        let ops = Double(iterations) / best
        let megabytes = ops * Double(workload.bytes) / 1e6
        return "{\"name\": \"\(workload.name)\", \"ops_per_s\": \(Int(ops)), \"mb_per_s\": \((megabytes * 10).rounded() / 10), "
            + "\"bytes\": \(workload.bytes), \"iterations\": \(iterations)}"
    }

    static func time(_ workload: ProtobufWorkloads.Workload, _ iterations: Int, _ clock: ContinuousClock) throws -> Double {
        let start = clock.now
        for _ in 0..<iterations { try workload.run() }
        let duration = start.duration(to: clock.now)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
