import RaftHost

/// The key-value store one Raft group replicates, held in memory: values, their MANY
/// owners and disabled states, and the accounts that may act for owners. A snapshot is
/// the serialized state, captured between updates and serialized off the host's loop; after a restart the host restores the last one and replays the
/// log after it. ``KVDiskStateMachine`` is the same store kept in SQLite.
///
/// Deterministic: the outcome of every command depends only on the state and the
/// command's bytes, so all replicas agree. Refusals (wrong owner, failed compare) are
/// result codes (``KVOutcome``); bytes that are not a command get ``KVOutcome/badCommand``.
public final class KVStateMachine: StateMachine {
    let storage = KVMemoryStorage()

    public init() {}

    public func update(_ batch: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        do { return try storage.apply(batch) } catch { throw StateMachineError("\(error)") }
    }

    public func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] {
        try storage.answer(query)
    }

    public func saveSnapshot() throws(StateMachineError) -> [UInt8] {
        do { return try storage.snapshotBytes() } catch { throw StateMachineError("\(error)") }
    }

    public func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) {
        try storage.restore(data)
    }

    /// The dictionaries as they are now (copy-on-write: later updates copy, this does not),
    /// serialized by the host's snapshot worker while updates go on.
    public func captureSnapshot() throws(StateMachineError) -> SnapshotSerializer {
        let state = storage.capture()
        return { (output: inout [UInt8]) throws(StateMachineError) in
            do { try KVMemoryStorage(state).writeSnapshot(appendingTo: &output) } catch { throw StateMachineError("\(error)") }
        }
    }
}
