import Benchmark
import BenchmarkRegistration
import BenchmarkWorkloads

/// SHA3-256 over 1 MiB (the workload is in `Sources/BenchmarkWorkloads`).
let benchmarks: @Sendable () -> Void = {
    let workloads: Workloads
    do {
        workloads = try Workloads()
    } catch {
        fatalError("workloads failed their self-check: \(error)")
    }
    for workload in workloads.sha3 {
        register(workload)
    }
}
