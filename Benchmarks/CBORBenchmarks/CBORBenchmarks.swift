import Benchmark
import BenchmarkRegistration
import BenchmarkWorkloads

/// CBOR encode and decode of the MANY-like envelope and the 1 MiB of mixed maps, streaming
/// and as value trees (the workloads are in `Sources/BenchmarkWorkloads`).
let benchmarks: @Sendable () -> Void = {
    let workloads: Workloads
    do {
        workloads = try Workloads()
    } catch {
        fatalError("workloads failed their self-check: \(error)")
    }
    for workload in workloads.cbor {
        register(workload)
    }
}
