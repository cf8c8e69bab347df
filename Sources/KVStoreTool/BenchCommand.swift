import Foundation
import LoadGeneration

/// `kvstore bench`: N closed-loop clients against our HTTP API or etcd's JSON gateway
/// (one keep-alive connection each, spread over the endpoints), for `--seconds`; prints
/// one JSON line (the same fields `Benchmarks/etcd-load` prints) and a summary on stderr.
/// A run with reads first writes the first thousand keys. `--route leader` (ours only)
/// sends each key to the leader of its group, as a smart client would, instead of
/// spreading clients over the endpoints and letting followers forward.
/// `--http2-endpoints` (ours, in the order of `--endpoints`, which still find the leaders)
/// sends the load over HTTP/2 instead, the clients sharing `--conns` connections per
/// endpoint (default 16) as etcd's gRPC clients do.
enum BenchCommand {
    static func run(_ arguments: ToolArguments) async throws {
        let options = arguments.options
        func number<T: LosslessStringConvertible>(_ name: String, _ fallback: T) throws -> T {
            guard let text = options[name] else { return fallback }
            guard let value = T(text) else { throw UsageError(message: "\(name) needs a number, not '\(text)'") }
            return value
        }
        let endpointList = options["--endpoints"] ?? "127.0.0.1:8000"
        let endpoints = endpointList.split(separator: ",").compactMap { ClosedLoopLoad.Endpoint(String($0)) }
        guard !endpoints.isEmpty, endpoints.count == endpointList.split(separator: ",").count else {
            throw UsageError(message: "--endpoints takes host:port[,host:port…]")
        }
        guard let api = KeyValueWorkload.API(rawValue: options["--api"] ?? "ours") else {
            throw UsageError(message: "--api is ours or etcd")
        }
        let clients: Int = try number("--clients", 16)
        let seconds: Double = try number("--seconds", 10)
        let readRatio: Double = try number("--read-ratio", 0)
        guard clients > 0, clients <= 4096, seconds > 0, (0...1).contains(readRatio) else {
            throw UsageError(message: "--clients 1…4096, --seconds > 0, --read-ratio 0…1")
        }
        let workload = KeyValueWorkload(
            api: api, keySize: try number("--key-size", 16), valueSize: try number("--value-size", 128),
            keyCount: try number("--keys", 100_000), readFraction: readRatio, readLevel: options["--read-level"] ?? "default")
        if readRatio > 0 { try fill(workload, endpoints[0]) }

        let route = options["--route"] ?? "spread"
        guard route == "spread" || (route == "leader" && api == .ours) else {
            throw UsageError(message: "--route is spread (client i → endpoint i mod n) or leader (ours: each key to its group's leader)")
        }
        let leaders = route == "leader" ? try LeaderRouting.discover(endpoints) : nil
        // A read of a key not written yet is a valid answer (404 from ours, no kvs from etcd).
        let accepted: @Sendable (Int) -> Bool = { $0 == 200 || (readRatio > 0 && $0 == 404) }
        // Client i's endpoint: its key's leader, or i mod n when spreading.
        let endpointIndex: @Sendable (Int, KeyValueWorkload.Operation) -> Int = { client, operation in
            leaders?.endpoint(for: operation.key) ?? client % endpoints.count
        }
        let outcome: ClosedLoopLoad.Outcome
        let connections: Int
        let client: String
        if let list = options["--http2-endpoints"] {
            let http2Endpoints = list.split(separator: ",").compactMap { ClosedLoopLoad.Endpoint(String($0)) }
            guard api == .ours, http2Endpoints.count == endpoints.count, http2Endpoints.count == list.split(separator: ",").count else {
                throw UsageError(message: "--http2-endpoints (ours only) takes one host:port per --endpoints entry, in the same order")
            }
            let perEndpoint: Int = try number("--conns", 16)
            guard (1...1024).contains(perEndpoint) else { throw UsageError(message: "--conns 1…1024") }
            let load = HTTP2Load(
                endpoints: http2Endpoints, clients: clients, connectionsPerEndpoint: min(perEndpoint, clients), seconds: seconds,
                makeRequest: { client, random in
                    let operation = workload.nextOperation(&random)
                    let endpoint = endpointIndex(client, operation)
                    return (endpoint, workload.http2Request(operation, authority: http2Endpoints[endpoint].description))
                },
                accepts: { accepted($0.status) })
            outcome = try await load.run()
            connections = min(perEndpoint, clients) * http2Endpoints.count
            client = route == "leader" ? "kvstore-bench-h2-leader" : "kvstore-bench-h2"
        } else {
            let load = ClosedLoopLoad(
                endpoints: endpoints, clients: clients, seconds: seconds,
                makeRequest: { client, random in
                    let operation = workload.nextOperation(&random)
                    let endpoint = endpointIndex(client, operation)
                    return (endpoint, workload.request(operation, host: endpoints[endpoint].description))
                },
                accepts: { accepted($0.status) })
            outcome = load.run()
            connections = clients
            client = route == "leader" ? "kvstore-bench-http-leader" : "kvstore-bench-http"
        }
        let report = LoadReport(
            target: options["--target"] ?? api.rawValue, client: client, clients: clients,
            connections: connections, keySize: workload.keySize, valueSize: workload.valueSize, readFraction: readRatio,
            outcome: outcome)
        print(report.jsonLine)
        let summary = String(
            format: "%d ops in %.1f s: %.0f ops/s, P50 %.0f µs, P99 %.0f µs, P99.9 %.0f µs, %d errors\n",
            outcome.operationCount, outcome.wallSeconds, Double(outcome.operationCount) / max(outcome.wallSeconds, 1e-9),
            report.micros(0.5), report.micros(0.99), report.micros(0.999), outcome.errorCount)
        FileHandle.standardError.write(Data(summary.utf8))
        for (error, count) in outcome.errors.sorted(by: { $0.value > $1.value }).prefix(5) {
            FileHandle.standardError.write(Data("  \(count)× \(error)\n".utf8))
        }
        if outcome.operationCount == 0 { exit(1) }
    }

    /// Writes the first keys of the key space, so that reads find values.
    private static func fill(_ workload: KeyValueWorkload, _ endpoint: ClosedLoopLoad.Endpoint) throws {
        let connection = try BlockingHTTPConnection(host: endpoint.host, port: endpoint.port)
        for key in 0..<min(workload.keyCount, 1000) {
            let response = try connection.exchange(workload.fillRequest(host: endpoint.description, key: key))
            guard response.status == 200 else {
                throw UsageError(message: "filling key \(key): HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            }
        }
    }
}
