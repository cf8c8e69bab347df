/// The engine with its ``Ready``/``advance(_:)`` handshake (etcd-raft's `RawNode`):
/// still single-threaded and free of I/O, but it tracks what the caller has already
/// been given so that each ``Ready`` holds only new work.
///
/// A reference type, as etcd-raft's is: hosts keep nodes in arrays, dictionaries and
/// class properties, and reaching a value-typed engine there would copy its whole
/// state on every `hasReady` check (profiled: a quarter of a proposal's cost).
///
/// ```swift
/// let node = try RawNode(config: RaftConfig(id: 1), storage: storage)
/// // on every tick, message, or proposal:
/// while node.hasReady {
///     let ready = node.ready()
///     try storage.append(ready.entries)
///     if let state = ready.hardState { storage.setHardState(state) }
///     transport.send(ready.messages)            // only after the writes are durable
///                                               // (unless ready.messagesPrecedePersist)
///     stateMachine.apply(ready.committedEntries)
///     node.advance(ready)
/// }
/// ```
public final class RawNode<Storage: LogStorage> {
    public private(set) var raft: RaftCore<Storage>
    private var previousSoftState: SoftState
    private var previousHardState: HardState

    public init(config: RaftConfig, storage: Storage) throws(RaftError) {
        raft = try RaftCore(config: config, storage: storage)
        previousSoftState = raft.softState
        previousHardState = raft.hardState
    }

    public func tick() { raft.tick() }
    public func campaign() { raft.campaign() }
    public func propose(_ data: [UInt8]) throws(RaftError) { try raft.propose(data) }
    public func step(_ message: Message) throws(RaftError) { try raft.step(message) }
    public func readIndex(context: [UInt8]) { raft.readIndex(context: context) }
    public func proposeConfChange(_ change: ConfChange) throws(RaftError) { try raft.proposeConfChange(change) }
    @discardableResult
    public func applyConfChange(_ change: ConfChange) throws(RaftError) -> ConfState {
        try raft.applyConfChange(change)
    }
    public func transferLeadership(to target: NodeID) { raft.transferLeadership(to: target) }
    public func reportUnreachable(_ member: NodeID) { raft.reportUnreachable(member) }
    public func reportSnapshot(to member: NodeID, failed: Bool) { raft.reportSnapshot(to: member, failed: failed) }

    /// Whether ``ready()`` has anything to hand out.
    public var hasReady: Bool {
        raft.softState != previousSoftState
            || raft.hardState != previousHardState
            || raft.log.unstable.snapshot != nil
            || !raft.log.unstableEntries.isEmpty
            || !raft.messages.isEmpty
            || raft.appendBroadcastPending
            || !raft.readStates.isEmpty
            || raft.log.hasNextCommittedEntries
    }

    /// Takes the pending work. Call ``advance(_:)`` with it once handled, before the
    /// next call to `ready()`.
    public func ready() -> Ready {
        raft.flushPendingAppends()
        let softState = raft.softState
        let hardState = raft.hardState
        let entries = raft.log.unstableEntries
        var ready = Ready(
            softState: softState == previousSoftState ? nil : softState,
            hardState: hardState == previousHardState ? nil : hardState,
            entries: entries,
            snapshot: raft.log.unstable.snapshot,
            committedEntries: raft.log.nextCommittedEntries(),
            messages: raft.messages,
            readStates: raft.readStates,
            mustSync: !entries.isEmpty
                || (raft.config.flaw != .unsyncedHardState
                    && (hardState.term != previousHardState.term || hardState.vote != previousHardState.vote))
        )
        ready.messagesPrecedePersist = raft.config.parallelLeaderWrites && raft.mayOutrunItsOwnWrites
            && hardState.term == previousHardState.term && hardState.vote == previousHardState.vote
            && ready.snapshot == nil
        previousSoftState = softState
        raft.messages.removeAll(keepingCapacity: true)
        raft.readStates.removeAll()
        return ready
    }

    /// The caller has persisted, sent and applied what `ready` held.
    public func advance(_ ready: Ready) {
        if let hardState = ready.hardState {
            previousHardState = hardState
        }
        if let snapshot = ready.snapshot {
            raft.log.stableSnapshot(to: snapshot.metadata.index)
            raft.log.appliedSnapshot(snapshot.metadata.index)
        }
        if let last = ready.entries.last {
            raft.log.stable(to: last.index, term: last.term)
            raft.persisted(through: last.index, term: last.term)
        }
        if let applied = ready.committedEntries.last {
            raft.log.applied(to: applied.index)
            raft.maybeLeaveJointAutomatically()
        }
    }
}
