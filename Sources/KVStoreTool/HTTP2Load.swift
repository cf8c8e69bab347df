import Foundation
import HPACK
import LoadGeneration
import Transport

/// `kvstore bench --http2-endpoints`: the same closed loop as ``ClosedLoopLoad``, but the clients
/// are tasks sharing `connectionsPerEndpoint` HTTP/2 connections per endpoint, each
/// request a stream, as etcd's gRPC clients share theirs.
struct HTTP2Load: Sendable {
    var endpoints: [ClosedLoopLoad.Endpoint]
    var clients: Int
    var connectionsPerEndpoint: Int
    var seconds: Double
    /// Client `client`'s next request: the endpoint (an index into `endpoints`) and the request.
    var makeRequest: @Sendable (_ client: Int, _ random: inout SplitMix64) -> (endpoint: Int, request: HTTP2Request)
    var accepts: @Sendable (HTTP2Response) -> Bool

    func run() async throws -> ClosedLoopLoad.Outcome {
        var connections: [[HTTP2Client]] = []
        for endpoint in endpoints {
            var pool: [HTTP2Client] = []
            for _ in 0..<connectionsPerEndpoint {
                pool.append(try await HTTP2Client.connect(host: endpoint.host, port: Int(endpoint.port)))
            }
            connections.append(pool)
        }
        let pools = connections
        let start = LoadClock.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        var outcome = await withTaskGroup(of: ClosedLoopLoad.Outcome.self) { group in
            for client in 0..<clients {
                // On the thread of the connection it uses first (its leader's, with one
                // group): its requests leave and its responses come back without a hop.
                let home = pools[makeRequestEndpoint(client)]
                group.addTask(executorPreference: home[client % home.count].executor) {
                    await runClient(client, pools: pools, deadline: deadline)
                }
            }
            var total = ClosedLoopLoad.Outcome()
            for await part in group { total.merge(part) }
            return total
        }
        outcome.wallSeconds = Double(LoadClock.nanoseconds() - start) / 1e9
        for pool in pools { for connection in pool { await connection.close() } }
        return outcome
    }

    /// The endpoint of client `client`'s first request.
    private func makeRequestEndpoint(_ client: Int) -> Int {
        var random = SplitMix64(seed: Self.seed(client))
        return makeRequest(client, &random).endpoint
    }

    private static func seed(_ client: Int) -> UInt64 { 0x4854_5450_3200 &+ UInt64(client) }

    private func runClient(_ client: Int, pools: [[HTTP2Client]], deadline: UInt64) async -> ClosedLoopLoad.Outcome {
        var outcome = ClosedLoopLoad.Outcome()
        var random = SplitMix64(seed: Self.seed(client))
        while LoadClock.nanoseconds() < deadline {
            let (endpoint, request) = makeRequest(client, &random)
            let pool = pools[endpoint]
            let sent = LoadClock.nanoseconds()
            do {
                let response = try await pool[client % pool.count].send(request)
                if accepts(response) {
                    outcome.operationCount += 1
                    outcome.latency.record(LoadClock.nanoseconds() - sent)
                } else {
                    outcome.errors["HTTP \(response.status): \(String(decoding: response.body.prefix(120), as: UTF8.self))", default: 0] += 1
                }
            } catch {
                outcome.errors["\(error)", default: 0] += 1
                // A closed connection stays closed: do not spin on it.
                if case .connectionClosed = error { break }
            }
        }
        return outcome
    }
}

extension KeyValueWorkload {
    /// `operation`'s request as HTTP/2.
    func http2Request(_ operation: Operation, authority: String) -> HTTP2Request {
        let (method, path, body) = parts(operation)
        let headers = body == nil ? [] : [HeaderField(name: "content-type", value: "application/json")]
        return HTTP2Request(method: method, path: path, authority: authority, headers: headers, body: Array((body ?? "").utf8))
    }
}
