import Dispatch
import Foundation
import Histogram
import LoadGeneration
import Synchronization

/// N client threads, each with its own keep-alive connection, take the pool's requests in
/// order (one in flight per connection) until it is empty.
struct LoadRun: Sendable {
    /// What the clients saw.
    struct Outcome: Sendable {
        var requestCount = 0
        var wallSeconds = 0.0
        /// Nanoseconds from writing a request to having read its whole response.
        var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        /// Transport failures and non-200 answers, by description.
        var errors: [String: Int] = [:]
        /// Response bodies by pool index, checked after the timed window.
        var responses: [(index: Int, body: [UInt8])] = []
        /// CPU time of the client threads inside the window, and of the whole process.
        var clientCPUSeconds = 0.0
        var processCPUSeconds = 0.0
        /// CPU time of the server process when it runs apart (`--server-pid`).
        var serverProcessCPUSeconds: Double?

        var errorCount: Int { errors.values.reduce(0, +) }
    }

    let pool: RequestPool
    let port: UInt16
    let connectionCount: Int
    /// The server's process when it is not this one, to read its CPU time.
    var serverPID: Int32? = nil

    /// Runs the pool once on fresh connections; blocks the calling thread.
    func run() -> Outcome {
        let next = Counter()
        let connected = DispatchSemaphore(value: 0)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let merged = Mutex(Outcome())
        let finishTimes = Mutex([UInt64]())
        for _ in 0..<connectionCount {
            Thread { [self] in
                var local = Outcome()
                var connection = try? BlockingHTTPConnection(port: port)
                connected.signal()
                start.wait()
                let cpuStart = LoadClock.threadCPUSeconds()
                while case let index = next.take(), index < pool.requests.count {
                    exchange(index, &connection, &local)
                }
                local.clientCPUSeconds = LoadClock.threadCPUSeconds() - cpuStart
                finishTimes.withLock { $0.append(LoadClock.nanoseconds()) }
                merged.withLock { $0.merge(local) }
                done.signal()
            }.start()
        }
        for _ in 0..<connectionCount { connected.wait() }
        let cpuStart = LoadClock.processCPUSeconds()
        let serverCPUStart = serverPID.flatMap(LoadClock.processCPUSeconds(pid:))
        let startTime = LoadClock.nanoseconds()
        for _ in 0..<connectionCount { start.signal() }
        for _ in 0..<connectionCount { done.wait() }
        var outcome = merged.withLock { $0 }
        outcome.processCPUSeconds = LoadClock.processCPUSeconds() - cpuStart
        if let serverPID, let serverCPUStart, let serverCPUEnd = LoadClock.processCPUSeconds(pid: serverPID) {
            outcome.serverProcessCPUSeconds = serverCPUEnd - serverCPUStart
        }
        outcome.wallSeconds = Double(finishTimes.withLock { $0.max()! } - startTime) / 1e9
        return outcome
    }

    /// One request; a broken connection is replaced once per failure.
    private func exchange(_ index: Int, _ connection: inout BlockingHTTPConnection?, _ outcome: inout Outcome) {
        outcome.requestCount += 1
        do throws(BlockingHTTPConnection.Failure) {
            if connection == nil { connection = try BlockingHTTPConnection(port: port) }
            let sent = LoadClock.nanoseconds()
            let response = try connection!.exchange(pool.requests[index].http)
            _ = outcome.latency.record(LoadClock.nanoseconds() - sent)
            guard response.status == 200 else {
                outcome.errors["HTTP \(response.status)", default: 0] += 1
                return
            }
            outcome.responses.append((index, response.body))
        } catch {
            outcome.errors["\(error)", default: 0] += 1
            connection = nil
        }
    }
}

extension LoadRun.Outcome {
    mutating func merge(_ other: Self) {
        requestCount += other.requestCount
        latency.add(other.latency)
        errors.merge(other.errors, uniquingKeysWith: +)
        responses += other.responses
        clientCPUSeconds += other.clientCPUSeconds
    }
}

/// The next pool index, shared by the client threads.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
