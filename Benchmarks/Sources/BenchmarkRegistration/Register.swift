import Benchmark
import BenchmarkWorkloads

/// Registers a shared workload workload as an ordo-one benchmark under the same name
/// that codec-bench prints, with the default metrics (wall clock, CPU, mallocs,
/// throughput, peak memory).
public func register(_ workload: Workload) {
    let body = workload.body
    Benchmark(
        workload.name,
        configuration: .init(metrics: BenchmarkMetric.default, maxDuration: .seconds(2), maxIterations: 100_000)
    ) { benchmark throws in
        for _ in benchmark.scaledIterations {
            try body()
        }
    }
}
