import Raft

/// A client of the simulated store: one operation at a time, sent to the node it
/// believes leads, retried (same session series, so applied at most once) on
/// timeout or refusal, and given up after a bounded number of attempts.
struct SimulatedClient {
    /// The operation in flight and what is known about its attempts.
    struct Outstanding {
        var historyIndex: Int
        var operation: KeyValueInput<String, String>
        /// The session series of a logged operation; `nil` for a ReadIndex read.
        var series: UInt64?
        var attemptIDs: [UInt64] = []
        var refusedIDs: Set<UInt64> = []
        var deadlineMillis: Int64 = 0

        /// No attempt can have reached the log: every one was refused.
        var certainlyWithoutEffect: Bool { refusedIDs.count == attemptIDs.count }
    }

    let index: Int
    var nextSeries: UInt64 = 1
    var outstanding: Outstanding?
    var idleUntilMillis: Int64 = 0
    var leaderHint: NodeID = .none
    /// The value this client last saw per key, for compare-and-set.
    var lastSeen: [String: String] = [:]
    var operationsStarted = 0

    init(index: Int) {
        self.index = index
    }

    /// The session id under which this client's proposals are deduplicated.
    var sessionID: UInt64 { UInt64(index + 1) }

    /// Chooses the next operation; values are unique per client so that the checker
    /// can tell writes apart.
    mutating func nextOperation(keyCount: Int, random: inout SplitMix64) -> (KeyValueInput<String, String>, logged: Bool) {
        operationsStarted += 1
        let key = "k\(Int.random(in: 0..<max(1, keyCount), using: &random))"
        let value = "c\(index).\(operationsStarted)"
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<35: return (.put(key, value), true)
        case 35..<55: return (.get(key), false)
        case 55..<70: return (.get(key), true)
        case 70..<90: return (.compareAndSet(key, expected: lastSeen[key], new: value), true)
        default: return (.delete(key), true)
        }
    }
}
