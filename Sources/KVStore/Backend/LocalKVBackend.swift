import RaftHost

/// A backend without Raft: one node that applies each command to its group's state
/// machine as soon as it is proposed. For tests and single-node use; nothing is durable,
/// and membership changes are refused.
public actor LocalKVBackend: KVBackend {
    public nonisolated let groupCount: Int
    /// The node id reported in status.
    public nonisolated let nodeID: UInt64
    private let machines: [KVStateMachine]
    private var lastIndex: [UInt64]
    private var proposals: UInt64 = 0
    private var reads: UInt64 = 0

    public init(groupCount: Int = 1, nodeID: UInt64 = 1) {
        self.groupCount = max(1, groupCount)
        self.nodeID = nodeID
        machines = (0..<max(1, groupCount)).map { _ in KVStateMachine() }
        lastIndex = Array(repeating: 0, count: max(1, groupCount))
    }

    public func propose(group: Int, command: [UInt8]) throws(KVBackendError) -> StateMachineResult {
        try check(group)
        lastIndex[group] += 1
        proposals += 1
        let entry = StateMachineEntry(index: lastIndex[group], command: command)
        do {
            return try machines[group].update([entry])[0]
        } catch {
            throw .stateMachine(error.message)
        }
    }

    public func read(group: Int, query: [UInt8], level: KVReadLevel) throws(KVBackendError) -> [UInt8] {
        try check(group)
        reads += 1
        do { return try machines[group].lookup(query) } catch { throw .stateMachine(error.message) }
    }

    public func status(group: Int) throws(KVBackendError) -> KVGroupStatus {
        try check(group)
        let index = lastIndex[group]
        return KVGroupStatus(
            nodeID: nodeID, role: .leader, term: 1, leaderID: nodeID, leaderAddress: nil, commitIndex: index,
            appliedIndex: index, lastLogIndex: index, lastLogTerm: index == 0 ? 0 : 1, peerCount: 0)
    }

    public func addLearner(id: UInt64, address: String) throws(KVBackendError) { throw Self.noRaft }
    public func promote(id: UInt64) throws(KVBackendError) { throw Self.noRaft }
    public func remove(id: UInt64) throws(KVBackendError) { throw Self.noRaft }
    public func transferLeader(group: Int, to id: UInt64) throws(KVBackendError) { throw Self.noRaft }

    public func metricsText() -> String {
        var text = """
            # HELP kv_proposals_total Commands proposed on this node.
            # TYPE kv_proposals_total counter
            kv_proposals_total \(proposals)
            # HELP kv_reads_total Queries answered on this node.
            # TYPE kv_reads_total counter
            kv_reads_total \(reads)
            # HELP kv_applied_index The last log index applied, per group.
            # TYPE kv_applied_index gauge

            """
        for group in 0..<groupCount { text += "kv_applied_index{group=\"\(group)\"} \(lastIndex[group])\n" }
        return text
    }

    private static let noRaft = KVBackendError.unsupported("membership changes need the Raft backend; this node runs alone")

    private func check(_ group: Int) throws(KVBackendError) {
        guard (0..<groupCount).contains(group) else { throw .unknownGroup(group) }
    }
}
