import Foundation

/// The figures of one run, as a summary for people (stderr) and a JSON line for scripts/bench.
struct Report {
    let options: ManyLoad.Options
    let inProcess: Bool
    let cores: Int
    let before: CryptoCeiling
    let after: CryptoCeiling
    let load: LoadRun.Outcome
    let responseFailures: [String: Int]
    let warmupErrors: Int

    /// Requests answered with a good, verified response.
    var goodCount: Int { load.requestCount - load.errorCount - responseFailures.values.reduce(0, +) }
    var errorCount: Int { load.requestCount - goodCount }
    var requestsPerSecond: Double { Double(goodCount) / load.wallSeconds }
    /// The higher of the two measurements: the stricter ceiling.
    var verifyPerSecond: Double { max(before.verifyPerSecond, after.verifyPerSecond) }
    var signPerSecond: Double { max(before.signPerSecond, after.signPerSecond) }
    var allCoresVerifyPerSecond: Double { max(before.allCoresVerifyPerSecond, after.allCoresVerifyPerSecond) }
    /// The ratio: requests/s ÷ (verifies/s on one core × cores).
    var ratio: Double { requestsPerSecond / (verifyPerSecond * Double(cores)) }
    /// The server also signs every response: with nothing but one verify and one sign per
    /// request, all cores would answer at most this many per second.
    var cryptoBoundPerSecond: Double { Double(cores) / (1 / verifyPerSecond + 1 / signPerSecond) }
    /// CPU time per request outside the client threads (the server's, in process).
    /// CPU time per request of the server: this process less the client threads, or the
    /// server's own process (`--server-pid`).
    var serverMicrosPerRequest: Double? {
        let seconds = inProcess ? load.processCPUSeconds - load.clientCPUSeconds : load.serverProcessCPUSeconds
        return seconds.map { $0 / Double(load.requestCount) * 1e6 }
    }
    var clientMicrosPerRequest: Double { load.clientCPUSeconds / Double(load.requestCount) * 1e6 }
    func latencyMicros(_ percentile: Double) -> Double { Double(load.latency.valueAtPercentile(percentile)) / 1000 }

    var summary: String {
        var lines = [
            String(format: "%d requests (%d errors) in %.2f s on %d connections: %.0f req/s",
                   load.requestCount, errorCount, load.wallSeconds, options.connectionCount, requestsPerSecond),
            String(format: "latency µs: P50 %.0f, P90 %.0f, P99 %.0f, P99.9 %.0f, max %.0f",
                   latencyMicros(50), latencyMicros(90), latencyMicros(99), latencyMicros(99.9),
                   Double(load.latency.max) / 1000),
            String(format: "ceiling: %.0f verify/s × %d cores = %.0f/s; ratio %.3f (target ≥ 0.75)",
                   verifyPerSecond, cores, verifyPerSecond * Double(cores), ratio),
            String(format: "all %d cores verifying at once: %.0f/s (%.2f× one core); ratio to that %.3f",
                   cores, allCoresVerifyPerSecond, allCoresVerifyPerSecond / verifyPerSecond, requestsPerSecond / allCoresVerifyPerSecond),
            String(format: "verify + sign per request would allow %.0f/s (%.3f of the ceiling)",
                   cryptoBoundPerSecond, cryptoBoundPerSecond / (verifyPerSecond * Double(cores))),
            String(format: "CPU per request: client %.1f µs", clientMicrosPerRequest)
                + (serverMicrosPerRequest.map { String(format: ", server %.1f µs (verify alone %.1f µs)", $0, 1e6 / verifyPerSecond) } ?? ""),
        ]
        for (error, count) in load.errors.merging(responseFailures, uniquingKeysWith: +).sorted(by: { $0.key < $1.key }) {
            lines.append("error: \(count) × \(error)")
        }
        return lines.joined(separator: "\n")
    }

    var jsonLine: String {
        var fields: [String: Any] = [
            "name": "many.load",
            "server": inProcess ? "in-process" : "127.0.0.1:\(options.port ?? 0)",
            "requests_signed": "before the timed window, one envelope per request",
            "connections": options.connectionCount,
            "requests": load.requestCount,
            "warmup": options.warmupCount,
            "wall_s": load.wallSeconds,
            "req_per_s": requestsPerSecond,
            "p50_us": latencyMicros(50),
            "p90_us": latencyMicros(90),
            "p99_us": latencyMicros(99),
            "p999_us": latencyMicros(99.9),
            "max_us": Double(load.latency.max) / 1000,
            "errors": errorCount,
            "warmup_errors": warmupErrors,
            "error_kinds": load.errors.merging(responseFailures, uniquingKeysWith: +),
            "cores": cores,
            "verify_per_s": verifyPerSecond,
            "verify_per_s_before": before.verifyPerSecond,
            "verify_per_s_after": after.verifyPerSecond,
            "sign_per_s": signPerSecond,
            "verify_per_s_all_cores_at_once": allCoresVerifyPerSecond,
            "ratio": ratio,
            "crypto_bound_per_s": cryptoBoundPerSecond,
            "client_cpu_us_per_request": clientMicrosPerRequest,
        ]
        if let serverMicrosPerRequest { fields["server_cpu_us_per_request"] = serverMicrosPerRequest }
        // Only plain numbers, strings and a string-keyed map above: this cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
