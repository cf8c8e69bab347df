import Raft

/// The reply side of one asynchronous ``NodeHost`` call.
struct Waiter<Value: Sendable>: Sendable {
    let continuation: CheckedContinuation<Result<Value, NodeHostError>, Never>

    func succeed(_ value: Value) { continuation.resume(returning: .success(value)) }
    func fail(_ error: NodeHostError) { continuation.resume(returning: .failure(error)) }
}

/// Makes the state machine of a group, on the host's run loop.
public typealias StateMachineFactory = @Sendable () -> any StateMachine

/// What callers and the transport hand the run loop; the loop takes everything queued
/// at the start of each turn.
enum HostCommand: Sendable {
    case startGroup(
        GroupID, members: [NodeID: PeerAddress], factory: StateMachineFactory, options: GroupOptions, Waiter<Void>)
    case propose(GroupID, command: [UInt8], deadline: ContinuousClock.Instant, Waiter<StateMachineResult>)
    case read(GroupID, query: [UInt8], ReadLevel, deadline: ContinuousClock.Instant, Waiter<[UInt8]>)
    case changeMembership(
        GroupID, ConfChange, address: (NodeID, PeerAddress)?, deadline: ContinuousClock.Instant, Waiter<Void>)
    case transferLeadership(GroupID, to: NodeID, Waiter<Void>)
    case status(GroupID, Waiter<GroupStatus>)
    case transport(RaftTransportEvent)
    /// The snapshot worker finished (or failed) a group's snapshot.
    case snapshotWritten(GroupID, Result<Snapshot, SnapshotWriteFailure>)

    var isTransportEvent: Bool {
        if case .transport = self { true } else { false }
    }

    /// Answers the caller, if there is one, with `error`.
    func fail(_ error: NodeHostError) {
        switch self {
        case let .startGroup(_, _, _, _, waiter): waiter.fail(error)
        case let .propose(_, _, _, waiter): waiter.fail(error)
        case let .read(_, _, _, _, waiter): waiter.fail(error)
        case let .changeMembership(_, _, _, _, waiter): waiter.fail(error)
        case let .transferLeadership(_, _, waiter): waiter.fail(error)
        case let .status(_, waiter): waiter.fail(error)
        case .transport, .snapshotWritten: break
        }
    }
}
