/// Computes the membership a ``ConfChange`` leads to (etcd-raft's `confchange`
/// package), as a pure function of the current ``ConfState``; the tracker then
/// puts the result in force.
enum MembershipChanger {
    static func apply(_ change: ConfChange, to current: ConfState) throws(ConfChangeError) -> ConfState {
        if change.leavesJoint { return try leaveJoint(current) }
        if change.changes.contains(where: { $0.node == .none }) { throw .invalidNode }
        if current.isJoint { throw .jointState("leave the joint configuration first") }
        let next = applyChanges(change.changes, to: current)
        if next.voters.isEmpty { throw .noVoters }
        let votersChanged = next.voters.symmetricDifference(current.voters).count
        switch change.transition {
        case .auto where votersChanged <= 1:
            return next
        case .auto, .jointImplicit:
            return enterJoint(current, next, autoLeave: true)
        case .jointExplicit:
            return enterJoint(current, next, autoLeave: false)
        }
    }

    /// The joint configuration: `next`'s voters incoming, `current`'s outgoing. A
    /// voter being demoted stays in the outgoing half and waits in `learnersNext`.
    private static func enterJoint(_ current: ConfState, _ next: ConfState, autoLeave: Bool) -> ConfState {
        var joint = next
        joint.votersOutgoing = current.voters
        joint.learnersNext = next.learners.intersection(current.voters)
        joint.learners = next.learners.subtracting(current.voters)
        joint.autoLeave = autoLeave
        return joint
    }

    private static func leaveJoint(_ current: ConfState) throws(ConfChangeError) -> ConfState {
        guard current.isJoint else { throw .jointState("not in a joint configuration") }
        var next = current
        next.learners.formUnion(next.learnersNext)
        next.learnersNext = []
        next.votersOutgoing = []
        next.autoLeave = false
        return next
    }

    private static func applyChanges(_ changes: [ConfChange.Single], to current: ConfState) -> ConfState {
        var next = current
        for change in changes {
            switch change.kind {
            case .addVoter:
                next.learners.remove(change.node)
                next.voters.insert(change.node)
            case .addLearner:
                next.voters.remove(change.node)
                next.learners.insert(change.node)
            case .removeNode:
                next.voters.remove(change.node)
                next.learners.remove(change.node)
            }
        }
        return next
    }
}
