import BenchmarkWorkloads
import Foundation
import LoadGeneration
import Synchronization

/// The machine's raw Ed25519 rates (swift-crypto called directly, as codec-bench's
/// `ed25519.raw.*`): on one core, which times the cores count gives the ceiling
/// (a server that only verified signatures could answer at most `verify/s × cores`
/// requests per second), and with every core verifying at once, which is what the cores
/// really deliver together (shared caches, a virtual machine's scheduling).
struct CryptoCeiling: Sendable {
    let verifyPerSecond: Double
    let signPerSecond: Double
    /// Verifies per second summed over `cores` threads verifying at the same time.
    let allCoresVerifyPerSecond: Double

    /// Calibrates each operation to about `minSeconds` and keeps the fastest of `rounds`.
    static func measure(minSeconds: Double, rounds: Int, cores: Int) throws -> CryptoCeiling {
        let workload = try SigningWorkload()
        let verify = rate(minSeconds: minSeconds, rounds: rounds) {
            guard workload.rawVerify() else { preconditionFailure("the raw signature verifies") }
        }
        let sign = rate(minSeconds: minSeconds, rounds: rounds) {
            do { _ = try workload.rawSign() } catch { preconditionFailure("raw signing works: \(error)") }
        }
        let together = (0..<rounds).map { _ in concurrentVerifyRate(workload, threads: cores, seconds: minSeconds) }.max() ?? 0
        return CryptoCeiling(verifyPerSecond: verify, signPerSecond: sign, allCoresVerifyPerSecond: together)
    }

    private static func rate(minSeconds: Double, rounds: Int, _ operation: () -> Void) -> Double {
        var iterations = 16
        while seconds(iterations, operation) < 0.05 { iterations *= 2 }
        let timed = max(iterations, Int(Double(iterations) * minSeconds / seconds(iterations, operation)))
        let fastest = (0..<rounds).map { _ in seconds(timed, operation) }.min()!
        return Double(timed) / fastest
    }

    private static func seconds(_ iterations: Int, _ operation: () -> Void) -> Double {
        let start = LoadClock.nanoseconds()
        for _ in 0..<iterations { operation() }
        return Double(LoadClock.nanoseconds() - start) / 1e9
    }

    /// `threads` threads verify for `seconds` after a common start; the sum of their rates.
    private static func concurrentVerifyRate(_ workload: SigningWorkload, threads: Int, seconds: Double) -> Double {
        let total = Mutex(0.0)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<threads {
            done.enter()
            Thread {
                start.wait()
                let began = LoadClock.nanoseconds()
                let deadline = began + UInt64(seconds * 1e9)
                var count = 0
                while LoadClock.nanoseconds() < deadline {
                    for _ in 0..<16 { if workload.rawVerify() { count += 1 } }
                }
                let elapsed = Double(LoadClock.nanoseconds() - began) / 1e9
                total.withLock { $0 += Double(count) / elapsed }
                done.leave()
            }.start()
        }
        for _ in 0..<threads { start.signal() }
        done.wait()
        return total.withLock { $0 }
    }
}
