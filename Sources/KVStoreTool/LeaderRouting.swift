import Foundation
import KVStore
import LoadGeneration

/// Which endpoint leads each group of our store, read from every endpoint's
/// `/v1/status`, so that a benchmark client can send each key straight to its group's
/// leader (the keys are sharded with the store's own ``KeySharding``).
struct LeaderRouting: Sendable {
    let sharding: KeySharding
    /// `leaders[g]`: the index of the endpoint that leads group g.
    let leaders: [Int]

    func endpoint(for key: String) -> Int {
        leaders[sharding.group(for: Array(key.utf8))]
    }

    static func discover(_ endpoints: [ClosedLoopLoad.Endpoint]) throws -> LeaderRouting {
        var leaders: [Int: Int] = [:]
        var groupCount = 0
        for (index, endpoint) in endpoints.enumerated() {
            let connection = try BlockingHTTPConnection(host: endpoint.host, port: endpoint.port, timeoutSeconds: 5)
            let response = try connection.exchange(BlockingHTTPConnection.request("GET", "/v1/status", host: endpoint.description))
            guard response.status == 200, let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let groups = object["groups"] as? [[String: Any]]
            else { throw UsageError(message: "\(endpoint)/v1/status: HTTP \(response.status)") }
            groupCount = max(groupCount, groups.count)
            for group in groups where group["state"] as? String == "Leader" {
                if let number = group["group"] as? Int { leaders[number] = index }
            }
        }
        let ordered = (0..<groupCount).compactMap { leaders[$0] }
        guard groupCount > 0, ordered.count == groupCount else {
            throw UsageError(message: "no leader known for every group yet (\(leaders.count) of \(groupCount)); retry")
        }
        return LeaderRouting(sharding: KeySharding(groupCount: groupCount), leaders: ordered)
    }
}
