import Foundation

/// One run's figures as the one-line JSON that `kvstore bench` and
/// `Benchmarks/etcd-load` both print, so scripts can read either.
public struct LoadReport: Sendable {
    public var target: String
    public var client: String
    public var clients: Int
    public var connections: Int
    public var keySize: Int
    public var valueSize: Int
    public var readFraction: Double
    public var outcome: ClosedLoopLoad.Outcome

    public init(
        target: String, client: String, clients: Int, connections: Int, keySize: Int, valueSize: Int,
        readFraction: Double, outcome: ClosedLoopLoad.Outcome
    ) {
        self.target = target
        self.client = client
        self.clients = clients
        self.connections = connections
        self.keySize = keySize
        self.valueSize = valueSize
        self.readFraction = readFraction
        self.outcome = outcome
    }

    /// Microseconds at quantile `q` of the recorded latencies.
    public func micros(_ q: Double) -> Double {
        Double(outcome.latency.valueAtPercentile(q * 100)) / 1000
    }

    public var jsonLine: String {
        let seconds = outcome.wallSeconds
        let rate = seconds > 0 ? Double(outcome.operationCount) / seconds : 0
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        return "{\"target\":\"\(target)\",\"client\":\"\(client)\",\"clients\":\(clients),\"conns\":\(connections),"
            + "\"key_size\":\(keySize),\"value_size\":\(valueSize),\"read_ratio\":\(readFraction),"
            + "\"seconds\":\(number(seconds)),\"ops\":\(outcome.operationCount),\"errors\":\(outcome.errorCount),"
            + "\"ops_per_s\":\(number(rate)),\"p50_us\":\(number(micros(0.50))),\"p99_us\":\(number(micros(0.99))),"
            + "\"p999_us\":\(number(micros(0.999))),\"max_us\":\(number(Double(outcome.latency.max) / 1000))}"
    }
}
