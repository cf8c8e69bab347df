/// A linearizable read the caller may serve once its state machine has applied
/// `index`: `context` identifies the request the caller made.
public struct ReadState: Sendable, Equatable {
    public var index: Index
    public var context: [UInt8]

    public init(index: Index, context: [UInt8]) {
        self.index = index
        self.context = context
    }
}

/// The leader's pending ReadIndex requests (etcd-raft's `readOnly`, safe mode):
/// each waits until a quorum acknowledged a heartbeat carrying its context, which
/// proves the leader was still the leader when it recorded the commit index.
struct ReadOnly {
    struct Pending {
        /// Who asked (this node or a follower), and with which context.
        var requester: NodeID
        var context: [UInt8]
        /// The leader's commit index when the request arrived.
        var index: Index
        var acks: [NodeID: Bool] = [:]
    }

    private(set) var pending: [[UInt8]: Pending] = [:]
    /// Contexts in arrival order: an acknowledged request confirms all before it.
    private(set) var queue: [[UInt8]] = []

    /// Pending requests at most; later ones are refused so memory stays bounded.
    static let pendingMax = 4096

    mutating func add(requester: NodeID, context: [UInt8], index: Index) -> Bool {
        if pending[context] != nil { return true }
        guard queue.count < Self.pendingMax else { return false }
        pending[context] = Pending(requester: requester, context: context, index: index)
        queue.append(context)
        return true
    }

    /// Records that `member` answered the heartbeat for `context`; returns the
    /// acknowledgements so far (nil if the context is unknown).
    mutating func acknowledge(context: [UInt8], from member: NodeID) -> [NodeID: Bool]? {
        guard pending[context] != nil else { return nil }
        pending[context]?.acks[member] = true
        return pending[context]?.acks
    }

    /// Removes and returns every request up to and including `context`.
    mutating func release(through context: [UInt8]) -> [Pending] {
        guard let position = queue.firstIndex(of: context) else { return [] }
        let released = queue[...position].compactMap { pending.removeValue(forKey: $0) }
        queue.removeFirst(position + 1)
        return released
    }
}
