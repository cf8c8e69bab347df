import KVStore
import RaftHost

/// A node that is not the leader: every proposal and leader read is refused.
struct FollowerBackend: KVBackend {
    let leader: String?
    var groupCount: Int { 1 }

    func propose(group: Int, command: [UInt8]) async throws(KVBackendError) -> StateMachineResult { throw .notLeader(leaderAddress: leader) }
    func read(group: Int, query: [UInt8], level: KVReadLevel) async throws(KVBackendError) -> [UInt8] { throw .notLeader(leaderAddress: leader) }
    func status(group: Int) async throws(KVBackendError) -> KVGroupStatus { throw .notLeader(leaderAddress: leader) }
    func addLearner(id: UInt64, address: String) async throws(KVBackendError) { throw .notLeader(leaderAddress: leader) }
    func promote(id: UInt64) async throws(KVBackendError) { throw .notLeader(leaderAddress: leader) }
    func remove(id: UInt64) async throws(KVBackendError) { throw .notLeader(leaderAddress: leader) }
    func transferLeader(group: Int, to id: UInt64) async throws(KVBackendError) { throw .notLeader(leaderAddress: leader) }
    func metricsText() async -> String { "" }
}
