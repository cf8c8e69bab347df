/// One committed command handed to a state machine: the log index it was committed at
/// and the bytes the client proposed.
public struct StateMachineEntry: Sendable, Equatable {
    public var index: UInt64
    public var command: [UInt8]

    public init(index: UInt64, command: [UInt8]) {
        self.index = index
        self.command = command
    }
}

/// What applying one entry produced, returned to the proposer (Dragonboat's `Result`):
/// a small code the state machine defines and an optional payload.
public struct StateMachineResult: Sendable, Equatable {
    public var value: UInt64
    public var data: [UInt8]

    public init(value: UInt64 = 0, data: [UInt8] = []) {
        self.value = value
        self.data = data
    }
}

/// Why a state machine refused an operation. Commands it does not understand are not
/// errors: it answers them with a result code, so every replica stays identical.
public struct StateMachineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The replicated application a Raft group drives (Dragonboat's `IStateMachine`).
///
/// The host calls every method from the group's own apply context, one call at a
/// time, so implementations need no locking of their own. `update` must be
/// deterministic: every replica applies the same entries in the same order and must end
/// in the same state.
public protocol StateMachine: AnyObject {
    /// Applies committed entries in log order and returns one result per entry.
    func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult]

    /// Answers a read-only query against the current state.
    func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8]

    /// Serializes the whole state for a snapshot.
    func saveSnapshot() throws(StateMachineError) -> [UInt8]

    /// Replaces the whole state with a snapshot `saveSnapshot` produced.
    func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError)

    /// Captures the current state for a snapshot and returns what serializes that capture
    /// (Dragonboat's `PrepareSnapshot`/`SaveSnapshot`): the host calls this between
    /// updates, then runs the returned closure on another thread while updates go on, so
    /// the capture must not change with them (a copy-on-write value is ideal). The default
    /// serializes at once with ``saveSnapshot()``, which holds the group meanwhile.
    func captureSnapshot() throws(StateMachineError) -> SnapshotSerializer
}

/// Serializes a captured state, appending it to `output` (which already holds the host's
/// own header: appending there spares a copy of the whole state); runs off the host's loop.
public typealias SnapshotSerializer = @Sendable (_ output: inout [UInt8]) throws(StateMachineError) -> Void

extension StateMachine {
    public func captureSnapshot() throws(StateMachineError) -> SnapshotSerializer {
        let data = try saveSnapshot()
        return { output in output.append(contentsOf: data) }
    }
}

/// A state machine that keeps its own state on disk (Dragonboat's `IOnDiskStateMachine`):
/// after a restart the host replays only the entries after `open()`'s applied index, and
/// snapshots are taken from the store itself rather than from a serialized copy in memory.
public protocol OnDiskStateMachine: StateMachine {
    /// Opens the store and returns the index of the last entry it has durably applied.
    func open() throws(StateMachineError) -> UInt64

    /// Makes everything applied so far durable.
    func sync() throws(StateMachineError)
}
