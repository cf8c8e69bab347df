import Raft

extension ClusterSimulation {
    /// After the settle phase: one leader, every node applied the same entries to
    /// the same state, and no acknowledged write is missing from it.
    mutating func judgeRecovery() {
        let leaders = nodes.filter { $0.raft?.role == .leader }
        guard leaders.count == 1, let leader = leaders.first?.raft else {
            fail(.recovery("\(leaders.count) leaders after the faults stopped"))
            return
        }
        // Nodes removed from the group hear from it no more; only members must converge.
        let membership = leader.confState
        let members = nodes.filter { membership.voters.contains($0.id) || membership.learners.contains($0.id) }
        guard !membership.isJoint else {
            fail(.recovery("the group is still in a joint configuration: \(Self.describe(membership))"))
            return
        }
        // Witnesses apply positions, not data.
        let replicas = members.filter { !membership.witnesses.contains($0.id) }
        guard let reference = replicas.first else {
            fail(.recovery("no member holds data: \(Self.describe(membership))"))
            return
        }
        for node in members {
            guard node.machine.appliedIndex == leader.committedIndex else {
                fail(.recovery("n\(node.id) applied \(node.machine.appliedIndex), leader committed \(leader.committedIndex)"))
                return
            }
            guard membership.witnesses.contains(node.id) || node.machine == reference.machine else {
                fail(.recovery("n\(node.id)'s state differs from n\(reference.id)'s at the same index"))
                return
            }
        }
        checkAcknowledgedWrites(in: reference.machine)
    }

    /// Every write a client was told succeeded is in the final state: its session
    /// has applied that series or a later one.
    private mutating func checkAcknowledgedWrites(in machine: KeyValueMachine) {
        let sessions = machine.sessions.sessions
        for client in clients {
            let applied = sessions[client.sessionID]?.lastSeries ?? 0
            if let highest = acknowledgedSeries[client.index], highest > applied {
                fail(.recovery("c\(client.index)'s acknowledged series \(highest) is lost (state has \(applied))"))
                return
            }
        }
    }

    mutating func judgeHistory() {
        let operations = history.compactMap { $0 }
        switch LinearizabilityChecker.check(operations, model: KeyValueModel<String, String>()) {
        case .linearizable:
            return
        case .unknown:
            report.linearizabilityUnknown = true
        case .notLinearizable(let witness):
            fail(.notLinearizable(witness.description))
        }
    }
}
