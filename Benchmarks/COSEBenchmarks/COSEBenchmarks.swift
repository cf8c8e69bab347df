import Benchmark
import BenchmarkRegistration
import BenchmarkWorkloads

/// Ed25519 sign and verify of a 200-byte payload through COSE_Sign1 and through
/// swift-crypto directly (the workloads are in `Sources/BenchmarkWorkloads`).
let benchmarks: @Sendable () -> Void = {
    let workloads: Workloads
    do {
        workloads = try Workloads()
    } catch {
        fatalError("workloads failed their self-check: \(error)")
    }
    for workload in workloads.cose {
        register(workload)
    }
}
