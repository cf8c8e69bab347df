extension RaftCore {
    // MARK: Membership changes

    /// Proposes a membership change as a log entry. It takes effect on each node when
    /// the caller applies the committed entry with ``applyConfChange(_:)``. A leader
    /// accepts one change at a time: a new one is refused until the previous one is
    /// applied.
    public mutating func proposeConfChange(_ change: ConfChange) throws(RaftError) {
        try handleProposal([Entry(term: 0, index: 0, kind: .confChange, data: change.encoded())], from: id)
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
        tracker.switchConfig(to: next, lastIndex: log.lastIndex)
        if leadTransferee != .none, !tracker.isVoter(leadTransferee) {
            leadTransferee = .none
        }
        guard role == .leader else { return next }
        if tracker.progress[id] == nil || tracker.progress[id]?.isLearner == true {
            // Removed or demoted: lead no longer; the remaining voters elect a leader.
            becomeFollower(term: term, leader: .none)
            return next
        }
        // The quorum changed: the commit index may move, and new members need the log.
        _ = maybeCommit()
        broadcastAppend()
        return next
    }

    /// Why a leader must refuse to append this membership change, if it must.
    func refusalOfConfChange(_ entry: Entry) -> ProposalDropReason? {
        if pendingConfIndex > log.applied { return .membershipChangePending }
        guard let change = try? ConfChange(decoding: entry.data) else { return .invalidMembershipChange }
        if change.leavesJoint != tracker.confState.isJoint { return .invalidMembershipChange }
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
