import BenchmarkWorkloads
import LoadGeneration

/// The machine's raw Ed25519 rates on one core (swift-crypto called directly, as
/// codec-bench's `ed25519.raw.*`): a server that only verified signatures could answer at
/// most `verify/s × cores` requests per second.
struct CryptoCeiling: Sendable {
    let verifyPerSecond: Double
    let signPerSecond: Double

    /// Calibrates each operation to about `minSeconds` and keeps the fastest of `rounds`.
    static func measure(minSeconds: Double, rounds: Int) throws -> CryptoCeiling {
        let workload = try SigningWorkload()
        let verify = rate(minSeconds: minSeconds, rounds: rounds) {
            guard workload.rawVerify() else { preconditionFailure("the raw signature verifies") }
        }
        let sign = rate(minSeconds: minSeconds, rounds: rounds) {
            do { _ = try workload.rawSign() } catch { preconditionFailure("raw signing works: \(error)") }
        }
        return CryptoCeiling(verifyPerSecond: verify, signPerSecond: sign)
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
}
