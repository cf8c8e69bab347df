/// Everything the engine needs the caller to do, as one batch.
///
/// Handle it in this order, then call ``RawNode/advance(_:)``:
/// 1. Persist `snapshot` (if any), then append `entries`, then store `hardState`
///    (if any); sync to disk if `mustSync`.
/// 2. Send `messages`. Some of them (vote grants, append acknowledgements, a
///    leader's appends that count its own copy) are only true once step 1 is
///    durable; sending them earlier can lose a vote or an acknowledged entry in a
///    crash. When `messagesPrecedePersist` is set, none of them is: send them
///    before step 1 to overlap the leader's write with its followers'.
/// 3. Apply `committedEntries` to the state machine, and serve `readStates` whose
///    index has been applied.
public struct Ready: Sendable {
    /// Set when the leader or this node's role changed.
    public var softState: SoftState?
    /// Set when term, vote or commit changed since the last Ready.
    public var hardState: HardState?
    /// Entries to append to stable storage (they may overwrite a suffix).
    public var entries: [Entry]
    /// A snapshot to persist and load into the state machine.
    public var snapshot: Snapshot?
    /// Entries committed by the group and not yet applied, in order.
    public var committedEntries: [Entry]
    /// Messages to send once `entries` and `hardState` are durable (or at once, when
    /// `messagesPrecedePersist`).
    public var messages: [Message]
    /// Only with ``RaftConfig/parallelLeaderWrites``: these are a leader's messages in
    /// a term and vote already durable, which depend on nothing in step 1 (the leader
    /// counts its own new entries only when ``RawNode/advance(_:)`` says they are
    /// durable), so they may be sent before step 1 is done.
    public var messagesPrecedePersist: Bool = false
    /// Linearizable reads that became ready.
    public var readStates: [ReadState]

    /// Whether step 1 needs a disk sync: votes, terms and log entries must survive a
    /// crash; a commit index alone can be recomputed.
    public var mustSync: Bool

    public var isEmpty: Bool {
        softState == nil && hardState == nil && entries.isEmpty && snapshot == nil
            && committedEntries.isEmpty && messages.isEmpty && readStates.isEmpty
    }
}
