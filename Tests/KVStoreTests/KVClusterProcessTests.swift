import Foundation
import Testing
import TestSupport

/// Three real `many-kvstore` processes under `kv-chaos`: kill -9 and restart, SIGSTOP and
/// SIGCONT, a node cut off by its link proxies, while four clients write, compare-and-set
/// and read; the history (with every key read on every node after recovery) must be
/// linearizable. The same harness with stale reads must find a violation, which shows
/// the check can fail.
@Suite(.serialized)
struct KVClusterProcessTests {
    static func chaos(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let products = ProductBinary.productsDirectory
        // The run takes seconds of blocking reads: a thread of its own, not one of the
        // cooperative pool's two, which other suites' servers need meanwhile.
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = products.appendingPathComponent("kv-chaos")
                    process.arguments = ["--binary", products.appendingPathComponent("many-kvstore").path] + arguments
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    return (process.terminationStatus, text)
                })
            }.start()
        }
    }

    @Test func aFaultyClusterStaysLinearizable() async throws {
        let run = try await Self.chaos(["--seconds", "12", "--seed", "7"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("linearizable: "))
    }

    @Test func staleReadsFromACutOffNodeAreCaught() async throws {
        var caught = false
        for seed in 1...3 where !caught {
            let run = try await Self.chaos(["--seconds", "8", "--seed", String(seed), "--faults", "partition", "--keys", "1", "--read-level", "stale"])
            #expect(run.status != 2, "harness failure: \(run.output)")
            caught = run.status == 1 && run.output.contains("NOT LINEARIZABLE")
        }
        #expect(caught, "stale reads during partitions went unnoticed in three runs")
    }
}
