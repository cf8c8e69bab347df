/// What the leader knows about one follower's log, and how it sends to it
/// (etcd-raft's `tracker.Progress`).
struct Progress: Equatable, Sendable {
    enum State: Equatable, Sendable {
        /// Unknown match: send one append at a time and wait for the answer.
        case probe
        /// Known match: send optimistically, up to the inflight window.
        case replicate
        /// The follower needs a snapshot; nothing else is sent until it reports.
        case snapshot
    }

    /// The highest index known to be replicated on the follower.
    var match: Index
    /// The next index to send.
    var next: Index
    var state: State = .probe
    /// The snapshot index being sent in `.snapshot` state.
    var pendingSnapshot: Index = 0
    /// Heard from in the current check-quorum period.
    var recentActive = false
    /// In probe: one append is outstanding. In replicate: the window is full.
    var flowPaused = false
    var inflights: Inflights
    var isLearner: Bool
    /// The commit index this follower waits to learn: the last entry of a proposal it
    /// forwarded, or a read index it asked for (``RaftConfig/lazyCommitAnnouncements``).
    var commitWanted: Index = 0
    /// The highest commit index sent to it, in an append or a heartbeat.
    var commitSent: Index = 0

    init(match: Index = 0, next: Index, inflights: Inflights, isLearner: Bool = false) {
        self.match = match
        self.next = next
        self.inflights = inflights
        self.isLearner = isLearner
    }

    private mutating func reset(to state: State) {
        flowPaused = false
        pendingSnapshot = 0
        self.state = state
        inflights.reset()
    }

    mutating func becomeProbe() {
        if state == .snapshot {
            let pending = pendingSnapshot
            reset(to: .probe)
            next = max(match + 1, pending + 1)
        } else {
            reset(to: .probe)
            next = match + 1
        }
    }

    mutating func becomeReplicate() {
        reset(to: .replicate)
        next = match + 1
    }

    mutating func sentCommit(_ index: Index) { commitSent = max(commitSent, index) }

    mutating func becomeSnapshot(_ index: Index) {
        reset(to: .snapshot)
        pendingSnapshot = index
    }

    /// Records that an append with `entryCount` entries was sent.
    mutating func sentEntries(_ entryCount: Int, sizeBytes: UInt64) {
        switch state {
        case .replicate:
            if entryCount > 0 {
                next += Index(entryCount)
                inflights.add(index: next - 1, sizeBytes: sizeBytes)
            }
            flowPaused = inflights.isFull
        case .probe:
            if entryCount > 0 { flowPaused = true }
        case .snapshot:
            break
        }
    }

    /// An acknowledgement up to `index`; false if it was stale.
    mutating func maybeUpdate(_ index: Index) -> Bool {
        guard index > match else { return false }
        match = index
        next = max(next, index + 1)
        flowPaused = false
        return true
    }

    /// A rejection of the append at `rejected`; `matchHint` is where the follower's
    /// log may match. False if the rejection is stale (out of order).
    mutating func maybeDecrease(rejected: Index, matchHint: Index) -> Bool {
        // The follower already confirmed everything up to `match` in this term, so a
        // rejection at or below it is stale (reordered) or contradictory (a faulty
        // peer); acting on it would resend the same probe forever.
        if rejected <= match { return false }
        if state == .replicate {
            next = match + 1
            return true
        }
        // In probe only the answer to the last probe counts.
        if next == 0 || next - 1 != rejected { return false }
        next = max(min(rejected, matchHint + 1), match + 1)
        flowPaused = false
        return true
    }

    var isPaused: Bool {
        switch state {
        case .probe, .replicate: flowPaused
        case .snapshot: true
        }
    }
}
