extension RaftCore {
    // MARK: Membership changes

    /// Proposes a membership change as a log entry. It takes effect on each node when
    /// the caller applies the committed entry with ``applyConfChange(_:)``. A leader
    /// accepts one change at a time: a new one is refused until the previous one is
    /// applied.
    public mutating func proposeConfChange(_ change: ConfChange) throws(RaftError) {
        try handleProposal([Entry(term: 0, index: 0, kind: .confChange, data: change.encoded())], from: id, forwardedIn: term)
    }

    /// Puts a committed membership change in force and returns the new membership
    /// (to store with snapshots). Call it for every applied `.confChange` entry, in
    /// log order, on every node.
    @discardableResult
    public mutating func applyConfChange(_ change: ConfChange) throws(RaftError) -> ConfState {
        let next: ConfState
        do {
            next = try MembershipChanger.apply(change, to: tracker.confState)
        } catch {
            counters.membershipChangesRefused += 1
            throw .invalidMembershipChange(error)
        }
        let wasFullVoter = tracker.isVoter(id) && !tracker.confState.witnesses.contains(id)
        tracker.switchConfig(to: next, lastIndex: log.lastIndex)
        removedAsVoter = (removedAsVoter || wasFullVoter) && tracker.progress[id] == nil
        if leadTransferee != .none, !tracker.isVoter(leadTransferee) {
            leadTransferee = .none
        }
        guard role == .leader else { return next }
        // The quorum changed: the commit index may move, and new members need the log.
        _ = maybeCommit()
        broadcastAppend()
        handOffLeadershipIfNotVoter()
        return next
    }

    /// A leader removed or demoted keeps leading (replicating, telling followers the
    /// commit index) only until it can hand over: it transfers leadership to the
    /// most up-to-date voter that is not a witness. Stepping down at once could strand a group whose
    /// remaining voters still need its log or its vote to elect anyone.
    mutating func handOffLeadershipIfNotVoter() {
        guard role == .leader, leadTransferee == .none, !tracker.isVoter(id) else { return }
        let witnesses = tracker.confState.witnesses
        let candidates = tracker.voterIDs.filter { $0 != id && !witnesses.contains($0) }
        let best = candidates.max { a, b in
            let matchA = tracker.progress[a]?.match ?? 0
            let matchB = tracker.progress[b]?.match ?? 0
            return matchA != matchB ? matchA < matchB : a > b
        }
        if let best { transferLeadership(to: best) }
    }

    /// Why a leader must refuse to append this membership change, if it must.
    func refusalOfConfChange(_ entry: Entry) -> ProposalDropReason? {
        if pendingConfIndex > log.applied { return .membershipChangePending }
        guard let change = try? ConfChange(decoding: entry.data),
            (try? MembershipChanger.apply(change, to: tracker.confState)) != nil
        else { return .invalidMembershipChange }
        return nil
    }

    /// A leader in a joint configuration with automatic leave proposes the leave
    /// once the change that entered it is applied.
    mutating func maybeLeaveJointAutomatically() {
        let membership = tracker.confState
        guard role == .leader, membership.isJoint, membership.autoLeave, pendingConfIndex <= log.applied,
            leadTransferee == .none
        else { return }
        appendEntries([Entry(term: 0, index: 0, kind: .confChange, data: ConfChange.leaveJoint.encoded())])
        pendingConfIndex = log.lastIndex
        broadcastAppend()
    }
}
