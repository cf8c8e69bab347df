import RaftHost

/// What the store needs from replication: propose a command to a group, read a group's
/// state at a freshness level, report status, change membership.
///
/// ``LocalKVBackend`` applies commands directly (one node, no Raft); a NodeHost-backed
/// backend replicates them. Commands and queries are opaque bytes here: ``KVCommand``
/// and ``KVQuery`` encode them.
public protocol KVBackend: Sendable {
    /// Groups the key space is sharded over (``KeySharding``); group ids are `0..<groupCount`.
    var groupCount: Int { get }

    /// Replicates `command` in `group` and returns what the state machine answered once
    /// it was applied. A backend that can forward proposals to the leader should; one
    /// that cannot throws ``KVBackendError/notLeader(leaderAddress:)`` (HTTP answers 307
    /// to that address, MANY answers application error 1).
    func propose(group: Int, command: [UInt8]) async throws(KVBackendError) -> StateMachineResult

    /// Answers `query` from `group`'s state, at least as fresh as `level` asks.
    func read(group: Int, query: [UInt8], level: KVReadLevel) async throws(KVBackendError) -> [UInt8]

    /// `group`'s Raft state on this node.
    func status(group: Int) async throws(KVBackendError) -> KVGroupStatus

    /// Adds node `id`, reachable for Raft at `address`, to every group as a non-voting learner.
    func addLearner(id: UInt64, address: String) async throws(KVBackendError)

    /// Makes learner `id` a voter in every group.
    func promote(id: UInt64) async throws(KVBackendError)

    /// Removes node `id` from every group.
    func remove(id: UInt64) async throws(KVBackendError)

    /// Asks `group`'s leader to hand leadership to node `id`.
    func transferLeader(group: Int, to id: UInt64) async throws(KVBackendError)

    /// Metrics in the Prometheus text format.
    func metricsText() async -> String
}
