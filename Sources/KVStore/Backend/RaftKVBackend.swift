import Raft
import RaftHost

/// The replicated backend: group `g` of the store is Raft group `g` on a ``NodeHost``.
///
/// Proposals and reads work on every member (a follower forwards proposals and asks the
/// leader for a ReadIndex), so the HTTP and MANY APIs answer on any node and never
/// redirect. Membership changes apply to every group, one after the other.
public final class RaftKVBackend: KVBackend {
    public let host: NodeHost
    public let groupCount: Int
    /// Each node's client (HTTP) address, for status and redirects; nodes added at run
    /// time without one are reported by id only.
    private let clientAddresses: [UInt64: String]
    private let timeout: Duration

    public init(host: NodeHost, groupCount: Int, clientAddresses: [UInt64: String] = [:], timeout: Duration = .seconds(5)) {
        self.host = host
        self.groupCount = max(1, groupCount)
        self.clientAddresses = clientAddresses
        self.timeout = timeout
    }

    public func propose(group: Int, command: [UInt8]) async throws(KVBackendError) -> StateMachineResult {
        let id = try groupID(group)
        do { return try await host.propose(group: id, command: command, timeout: timeout) } catch { throw map(error) }
    }

    public func read(group: Int, query: [UInt8], level: KVReadLevel) async throws(KVBackendError) -> [UInt8] {
        let id = try groupID(group)
        let hostLevel: ReadLevel =
            switch level {
            case .stale: .stale
            case .lease: .lease
            case .readIndex: .readIndex
            }
        do { return try await host.read(group: id, query: query, level: hostLevel, timeout: timeout) } catch { throw map(error) }
    }

    public func status(group: Int) async throws(KVBackendError) -> KVGroupStatus {
        let id = try groupID(group)
        let status: GroupStatus
        do { status = try await host.status(group: id) } catch { throw map(error) }
        let isLearner = status.members.contains { $0.node == status.node && $0.role == .learner }
        let role: KVGroupStatus.Role
        switch status.role {
        case _ where isLearner: role = .learner
        case .leader: role = .leader
        case .candidate, .preCandidate: role = .candidate
        case .follower: role = .follower
        }
        return KVGroupStatus(
            nodeID: status.node, role: role, term: status.term, leaderID: status.leader == 0 ? nil : status.leader,
            leaderAddress: status.leader == 0 ? nil : clientAddresses[status.leader],
            commitIndex: status.commitIndex, appliedIndex: status.appliedIndex, lastLogIndex: status.lastIndex,
            lastLogTerm: status.lastTerm, peerCount: status.members.filter { $0.node != status.node }.count)
    }

    public func addLearner(id: UInt64, address: String) async throws(KVBackendError) {
        guard let peer = PeerAddress(parsing: address), peer.port != 0 else { throw .rejected("expected the node's Raft address as host:port, not '\(address)'") }
        for group in 0..<groupCount {
            do { try await host.addLearner(group: GroupID(group), node: id, address: peer) } catch { throw map(error) }
        }
    }

    public func promote(id: UInt64) async throws(KVBackendError) {
        for group in 0..<groupCount {
            do { try await host.promote(group: GroupID(group), node: id) } catch { throw map(error) }
        }
    }

    public func remove(id: UInt64) async throws(KVBackendError) {
        for group in 0..<groupCount {
            do { try await host.remove(group: GroupID(group), node: id) } catch { throw map(error) }
        }
    }

    public func transferLeader(group: Int, to id: UInt64) async throws(KVBackendError) {
        let groupID = try groupID(group)
        do { try await host.transferLeadership(group: groupID, to: id) } catch { throw map(error) }
    }

    public func metricsText() async -> String {
        host.metrics.render()
    }

    private func groupID(_ group: Int) throws(KVBackendError) -> GroupID {
        guard (0..<groupCount).contains(group) else { throw .unknownGroup(group) }
        return GroupID(group)
    }

    private func map(_ error: NodeHostError) -> KVBackendError {
        switch error {
        case let .groupNotFound(group): .unknownGroup(Int(group))
        case .groupExists: .rejected("the group already runs")
        case .noLeader: .unavailable("no leader known; retry")
        case let .notLeader(_, leader): .notLeader(leaderAddress: leader == 0 ? nil : clientAddresses[leader])
        case .timeout: .unavailable("timed out (the command may still apply)")
        case .proposalLost: .unavailable("lost in a leader change (it did not apply); retry")
        case .shuttingDown: .unavailable("shutting down")
        case let .proposalDropped(reason): .rejected("proposal dropped: \(reason)")
        case let .invalidMembershipChange(reason): .rejected("invalid membership change: \(reason)")
        case let .stateMachine(reason): .stateMachine(reason)
        case let .storage(reason): .unavailable("storage failure: \(reason)")
        case let .startFailed(reason): .unavailable("not started: \(reason)")
        }
    }
}
