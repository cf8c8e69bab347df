import Foundation
import Histogram
import Synchronization

/// A closed-loop load: `clients` threads, each sending its next request as soon as the
/// previous answer arrived, until the time is up. Each request names the endpoint it goes
/// to; a client keeps one keep-alive connection per endpoint it has used.
public struct ClosedLoopLoad: Sendable {
    /// Where a client connects.
    public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: UInt16
        public init(host: String, port: UInt16) {
            self.host = host
            self.port = port
        }
        /// Parses `host:port`.
        public init?(_ text: String) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { return nil }
            self.init(host: String(parts[0]), port: port)
        }
        public var description: String { "\(host):\(port)" }
    }

    /// What the clients saw.
    public struct Outcome: Sendable {
        public var operationCount = 0
        public var wallSeconds = 0.0
        /// Nanoseconds from writing a request to having read its whole response.
        public var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        /// Transport failures and unexpected answers, by description.
        public var errors: [String: Int] = [:]

        public var errorCount: Int { errors.values.reduce(0, +) }

        public init() {}

        /// Adds another client's (or thread's) counts and latencies to these.
        public mutating func merge(_ other: Outcome) {
            operationCount += other.operationCount
            latency.add(other.latency)
            errors.merge(other.errors, uniquingKeysWith: +)
        }
    }

    public var endpoints: [Endpoint]
    public var clients: Int
    public var seconds: Double
    /// Builds client `client`'s next request and picks its endpoint (an index into
    /// `endpoints`); the answer is checked by `accepts`.
    public var makeRequest: @Sendable (_ client: Int, _ random: inout SplitMix64) -> (endpoint: Int, request: [UInt8])
    public var accepts: @Sendable (BlockingHTTPConnection.Response) -> Bool

    public init(
        endpoints: [Endpoint], clients: Int, seconds: Double,
        makeRequest: @escaping @Sendable (Int, inout SplitMix64) -> (endpoint: Int, request: [UInt8]),
        accepts: @escaping @Sendable (BlockingHTTPConnection.Response) -> Bool = { $0.status == 200 }
    ) {
        self.endpoints = endpoints
        self.clients = clients
        self.seconds = seconds
        self.makeRequest = makeRequest
        self.accepts = accepts
    }

    /// Runs the load; blocks the calling thread until every client has stopped.
    public func run() -> Outcome {
        let ready = DispatchSemaphore(value: 0)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let merged = Mutex(Outcome())
        let deadline = Mutex<UInt64>(0)
        for client in 0..<clients {
            let thread = Thread { [self] in
                var local = Outcome()
                var random = SplitMix64(seed: UInt64(client) &+ 1)
                var connections: [BlockingHTTPConnection?] = Array(repeating: nil, count: endpoints.count)
                ready.signal()
                start.wait()
                let stopAt = deadline.withLock { $0 }
                while LoadClock.nanoseconds() < stopAt {
                    exchange(client, &connections, &random, &local)
                }
                merged.withLock { $0.merge(local) }
                done.signal()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        for _ in 0..<clients { ready.wait() }
        let began = LoadClock.nanoseconds()
        deadline.withLock { $0 = began + UInt64(seconds * 1e9) }
        for _ in 0..<clients { start.signal() }
        for _ in 0..<clients { done.wait() }
        var outcome = merged.withLock { $0 }
        outcome.wallSeconds = Double(LoadClock.nanoseconds() - began) / 1e9
        return outcome
    }

    /// One request; a broken connection is replaced before the next one.
    private func exchange(
        _ client: Int, _ connections: inout [BlockingHTTPConnection?], _ random: inout SplitMix64, _ outcome: inout Outcome
    ) {
        let (index, request) = makeRequest(client, &random)
        let endpoint = endpoints[index]
        do throws(BlockingHTTPConnection.Failure) {
            if connections[index] == nil { connections[index] = try BlockingHTTPConnection(host: endpoint.host, port: endpoint.port) }
            let sent = LoadClock.nanoseconds()
            let response = try connections[index]!.exchange(request)
            let latency = LoadClock.nanoseconds() - sent
            guard accepts(response) else {
                outcome.errors["HTTP \(response.status): \(String(decoding: response.body.prefix(120), as: UTF8.self))", default: 0] += 1
                return
            }
            outcome.operationCount += 1
            _ = outcome.latency.record(latency)
        } catch {
            outcome.errors[error.description, default: 0] += 1
            connections[index] = nil
            // Do not spin on a refused connection.
            usleep(10_000)
        }
    }
}

/// A small, fast, seedable generator for load decisions (Steele, Lea, Flood 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
