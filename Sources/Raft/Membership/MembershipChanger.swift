/// Computes the membership a ``ConfChange`` leads to (etcd-raft's `confchange`
/// package), as a pure function of the current ``ConfState``; the tracker then
/// puts the result in force.
enum MembershipChanger {
    static func apply(_ change: ConfChange, to current: ConfState) throws(ConfChangeError) -> ConfState {
        if change.leavesJoint { return try leaveJoint(current) }
        if change.changes.contains(where: { $0.node == .none }) { throw .invalidNode }
        if current.isJoint { throw .jointState("leave the joint configuration first") }
        let next = try applyChanges(change.changes, to: current)
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
        // A witness leaving stays marked while it still votes in the outgoing half.
        joint.witnesses.formUnion(current.witnesses)
        return joint
    }

    private static func leaveJoint(_ current: ConfState) throws(ConfChangeError) -> ConfState {
        guard current.isJoint else { throw .jointState("not in a joint configuration") }
        var next = current
        next.learners.formUnion(next.learnersNext)
        next.learnersNext = []
        next.votersOutgoing = []
        next.autoLeave = false
        next.witnesses.formIntersection(next.voters)
        return next
    }

    private static func applyChanges(_ changes: [ConfChange.Single], to current: ConfState) throws(ConfChangeError)
        -> ConfState
    {
        var next = current
        for change in changes {
            let node = change.node
            let isMember = next.voters.contains(node) || next.learners.contains(node)
            switch change.kind {
            case .addVoter, .addLearner:
                if next.witnesses.contains(node) { throw .witnessConversion(node) }
                if change.kind == .addVoter {
                    next.learners.remove(node)
                    next.voters.insert(node)
                } else {
                    next.voters.remove(node)
                    next.learners.insert(node)
                }
            case .addWitness:
                if isMember && !next.witnesses.contains(node) { throw .witnessConversion(node) }
                next.voters.insert(node)
                next.witnesses.insert(node)
            case .removeNode:
                next.voters.remove(node)
                next.learners.remove(node)
                next.witnesses.remove(node)
            }
        }
        return next
    }
}
