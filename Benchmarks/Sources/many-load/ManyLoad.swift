import Crypto
import Foundation
import LoadGeneration
import Logging
import ManyIdentity
import ManyProtocol
import ManyServer

/// Load on a MANY server over loopback HTTP, against the machine's Ed25519 verify ceiling:
///
///     many-load [--connections N] [--requests N] [--warmup N] [--url http://127.0.0.1:PORT]
///               [--server-pid PID] [--crypto-seconds S] [--rounds N]
///
/// 1. Times raw Ed25519 verify and sign on one core (the ceiling).
/// 2. Starts a ManyServer (base module, the configuration of `many server`) in this process
///    on an ephemeral port, or uses the server at `--url` (loopback only; `--server-pid`
///    lets it read that server's CPU time, e.g. of `many server`).
/// 3. Signs the requests: `--warmup` then `--requests` envelopes, status and heartbeat in
///    turn, each with its own id, nonce and timestamp (see ``RequestPool``).
/// 4. Sends the warm-up, then times the run: `--connections` keep-alive connections, one
///    request in flight on each, until the pool is used up.
/// 5. Verifies every response, times the ceiling again, and prints one JSON line.
@main
struct ManyLoad {
    struct Options {
        var connectionCount = 16
        var requestCount = 100_000
        var warmupCount = 2_000
        var port: UInt16?
        var serverPID: Int32?
        var cryptoSeconds = 1.0
        var rounds = 3
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static func main() async {
        do {
            try await run(parse(Array(CommandLine.arguments.dropFirst())))
        } catch {
            log("many-load: \(error)")
            exit(error is UsageError ? 2 : 1)
        }
    }

    static func run(_ options: Options) async throws {
        let cores = LoadClock.coreCount
        log("raw Ed25519 on one core, \(options.rounds) rounds of ≥ \(options.cryptoSeconds) s")
        let before = try CryptoCeiling.measure(minSeconds: options.cryptoSeconds, rounds: options.rounds, cores: cores)
        log(String(format: "  verify %.0f/s, sign %.0f/s; verify on %d cores at once %.0f/s", before.verifyPerSecond, before.signPerSecond, cores, before.allCoresVerifyPerSecond))

        let target = try await Target.start(port: options.port)
        let client = fixedIdentity(2)
        let host = "127.0.0.1:\(target.port)"
        log("signing \(options.warmupCount) + \(options.requestCount) requests before the timed window")
        let warmup = RequestPool(
            count: options.warmupCount, firstID: 1, identity: client, to: target.address, host: host, threadCount: cores)
        let pool = RequestPool(
            count: options.requestCount, firstID: UInt64(options.warmupCount) + 1, identity: client, to: target.address,
            host: host, threadCount: cores)

        log("warm-up: \(options.warmupCount) requests; then \(options.requestCount) on \(options.connectionCount) connections")
        let warm = await onThread { LoadRun(pool: warmup, port: target.port, connectionCount: options.connectionCount).run() }
        let run = LoadRun(pool: pool, port: target.port, connectionCount: options.connectionCount, serverPID: options.serverPID)
        let load = await onThread { run.run() }
        await target.stop()

        log("checking \(load.responses.count) responses")
        let failures = ResponseCheck.failures(load.responses, pool: pool, server: target.address, threadCount: cores)
        let after = try CryptoCeiling.measure(minSeconds: options.cryptoSeconds, rounds: options.rounds, cores: cores)
        log(String(format: "  after: verify %.0f/s, sign %.0f/s", after.verifyPerSecond, after.signPerSecond))

        let report = Report(
            options: options, inProcess: options.port == nil, cores: cores, before: before, after: after, load: load,
            responseFailures: failures, warmupErrors: warm.errorCount)
        log(report.summary)
        FileHandle.standardOutput.write(Data((report.jsonLine + "\n").utf8))
    }

    /// A fixed Ed25519 identity per seed byte, so runs are comparable.
    static func fixedIdentity(_ seed: UInt8) -> Ed25519Identity {
        // 32 equal bytes are a valid Ed25519 seed.
        Ed25519Identity(privateKey: try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32)))
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        func number(_ flag: String, _ range: ClosedRange<Int>) throws -> Int {
            guard let text = remaining.popFirst(), let value = Int(text), range.contains(value) else {
                throw UsageError(description: "\(flag) takes a number in \(range)")
            }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--connections": options.connectionCount = try number(argument, 1...1024)
            case "--requests": options.requestCount = try number(argument, 1...10_000_000)
            case "--warmup": options.warmupCount = try number(argument, 0...1_000_000)
            case "--rounds": options.rounds = try number(argument, 1...100)
            case "--server-pid": options.serverPID = Int32(try number(argument, 1...Int(Int32.max)))
            case "--crypto-seconds": options.cryptoSeconds = Double(try number(argument, 1...60))
            case "--url":
                let url = remaining.popFirst() ?? ""
                let prefix = "http://127.0.0.1:"
                guard url.hasPrefix(prefix), let port = UInt16(url.dropFirst(prefix.count).prefix { $0 != "/" }) else {
                    throw UsageError(description: "--url takes http://127.0.0.1:PORT (loopback only)")
                }
                options.port = port
            default: throw UsageError(description: "unknown argument \(argument)")
            }
        }
        return options
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}

/// The server under load: ours in this process, or one already listening on loopback.
struct Target: Sendable {
    let port: UInt16
    let address: Address
    let stop: @Sendable () async -> Void

    static func start(port: UInt16?) async throws -> Target {
        if let port {
            let address = try await onThread { try discoverAddress(port: port) }
            ManyLoad.log("server at 127.0.0.1:\(port): \(address)")
            return Target(port: port, address: address, stop: {})
        }
        var logger = Logger(label: "many-load.server")
        logger.logLevel = .warning
        // What `many server` runs: the base module, server version 0.1.0, default limits.
        let server = ManyServer(
            identity: ManyLoad.fixedIdentity(1), name: "many-load",
            configuration: ManyServerConfiguration(serverVersion: "0.1.0"), logger: logger)
        let http = try await server.listen(host: "127.0.0.1", port: 0)
        ManyLoad.log("in-process ManyServer on 127.0.0.1:\(http.port): \(server.address)")
        return Target(port: UInt16(http.port), address: server.address, stop: { await http.shutdown() })
    }

    /// Asks the server who it is with an anonymous status request.
    private static func discoverAddress(port: UInt16) throws -> Address {
        let request = RequestMessage(method: "status", id: 0)
        let body = try Envelope.sign(request, identity: AnonymousIdentity()).encoded()
        let response = try BlockingHTTPConnection(port: port).exchange(RequestPool.httpPost(body, host: "127.0.0.1:\(port)"))
        return try Envelope.verifyResponse(response.body).sender
    }
}

/// Runs blocking work (the client threads' coordinator, a blocking socket) on a new thread,
/// so that the async caller never blocks a thread of the concurrency pool the server uses.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
