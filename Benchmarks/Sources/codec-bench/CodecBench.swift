import BenchmarkWorkloads
import Foundation

/// Times every workload with `ContinuousClock` and prints one JSON line each:
///
///     {"name": "cbor.envelope.decode", "ops_per_s": 812345.6, "mb_per_s": 1098.7, ...}
///
/// Each workload is calibrated once (iterations for about `--min-seconds`), then timed
/// for `--rounds` rounds of that fixed iteration count; the fastest round is reported,
/// as the Python peers do, since on a shared machine noise only ever adds time.
///
///     codec-bench [--filter TEXT] [--min-seconds S] [--rounds N] [--write-workloads DIR]
///
/// For profiling (`valgrind --tool=callgrind`), `--only NAME --iterations N` runs one
/// workload exactly N times with no calibration, so costs divide by N.
@main
struct CodecBench {
    struct Options {
        var filter: String?
        var minSeconds = 1.0
        var rounds = 5
        var workloadDirectory: String?
        var only: String?
        var iterations: Int?
    }

    static func main() {
        do {
            try run(parse(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("codec-bench: \(error)\n".utf8))
            exit(error is UsageError ? 2 : 1)
        }
    }

    static func run(_ options: Options) throws {
        let workloads = try Workloads()
        if let directory = options.workloadDirectory {
            try write(workloads, to: directory)
            return
        }
        if let name = options.only {
            guard let workload = workloads.all.first(where: { $0.name == name }) else {
                throw UsageError(message: "no workload named \(name)")
            }
            _ = try time(workload, iterations: options.iterations ?? 1, ContinuousClock())
            return
        }
        for workload in workloads.all where options.filter.map({ workload.name.contains($0) }) ?? true {
            // Written at once, not through print's buffer, so a pipe sees each line as it comes.
            FileHandle.standardOutput.write(Data((try measure(workload, options).jsonLine + "\n").utf8))
        }
    }

    /// Writes the encoded CBOR workloads for the Python peer, so both sides read the same bytes.
    static func write(_ workloads: Workloads, to directory: String) throws {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(workloads.envelopeBytes).write(to: url.appendingPathComponent("envelope.cbor"))
        try Data(workloads.mixedBytes).write(to: url.appendingPathComponent("mixed.cbor"))
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let value = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--filter": options.filter = try value(argument)
            case "--min-seconds":
                guard let seconds = Double(try value(argument)), seconds > 0 else {
                    throw UsageError(message: "--min-seconds takes a positive number")
                }
                options.minSeconds = seconds
            case "--rounds":
                guard let rounds = Int(try value(argument)), (1...100).contains(rounds) else {
                    throw UsageError(message: "--rounds takes 1...100")
                }
                options.rounds = rounds
            case "--write-workloads": options.workloadDirectory = try value(argument)
            case "--only": options.only = try value(argument)
            case "--iterations":
                guard let iterations = Int(try value(argument)), iterations > 0 else {
                    throw UsageError(message: "--iterations takes a positive number")
                }
                options.iterations = iterations
            default:
                throw UsageError(
                    message: """
                    usage: codec-bench [--filter TEXT] [--min-seconds S] [--rounds N]
                           codec-bench --write-workloads DIR
                           codec-bench --only NAME [--iterations N]
                    """)
            }
        }
        return options
    }

    struct UsageError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Result {
        var name: String
        var opsPerSecond: Double
        var bytesPerOp: Int?
        var iterations: Int
        var check: String?

        var jsonLine: String {
            var fields = [
                "\"name\": \"\(name)\"",
                "\"ops_per_s\": \(rounded(opsPerSecond))",
                "\"mb_per_s\": \(bytesPerOp.map { rounded(opsPerSecond * Double($0) / 1e6) } ?? "null")",
                "\"bytes\": \(bytesPerOp.map(String.init) ?? "null")",
                "\"iterations\": \(iterations)",
            ]
            if let check { fields.append("\"check\": \"\(check)\"") }
            return "{" + fields.joined(separator: ", ") + "}"
        }

        private func rounded(_ value: Double) -> String {
            String(format: "%.1f", value)
        }
    }

    /// Calibrates an iteration count for about `minSeconds`, then reports the best of `rounds`.
    static func measure(_ workload: Workload, _ options: Options) throws -> Result {
        let clock = ContinuousClock()
        var iterations = 1
        var elapsed = Duration.zero
        // Double until a run takes 50 ms (at least 2 runs: the first one warms up).
        while true {
            elapsed = try time(workload, iterations: iterations, clock)
            if elapsed >= .milliseconds(50) && iterations > 1 { break }
            iterations *= 2
        }
        iterations = max(1, Int((Double(iterations) * options.minSeconds / elapsed.seconds).rounded(.up)))
        var best = Duration.seconds(Int64.max)
        for _ in 0..<options.rounds {
            best = min(best, try time(workload, iterations: iterations, clock))
        }
        return Result(
            name: workload.name, opsPerSecond: Double(iterations) / best.seconds, bytesPerOp: workload.bytesPerOp,
            iterations: iterations, check: workload.check)
    }

    static func time(_ workload: Workload, iterations: Int, _ clock: ContinuousClock) throws -> Duration {
        let start = clock.now
        for _ in 0..<iterations { try workload.body() }
        return clock.now - start
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
