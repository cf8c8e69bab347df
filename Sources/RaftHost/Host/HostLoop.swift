import Dispatch
import Logging
import NIOCore
import Raft

/// The single thread that runs every group of a ``NodeHost``: it alone touches the
/// engines, the WAL, the snapshot store and the state machines, so none of them needs
/// a lock. Each turn it
///
/// 1. takes every queued command and steps the received messages into the engines;
/// 2. ticks every engine when a tick is due (a leader makes up missed ticks), then
///    steps the proposals, reads and membership changes;
/// 3. collects the Readies of all groups and persists them (snapshot, entries, hard
///    state), then syncs the WAL once if any of them must sync;
/// 4. sends their messages, batched per destination host;
/// 5. applies committed entries and installed snapshots to the state machines, answers
///    proposals and reads, advances the engines;
/// 6. takes snapshots where due (captured here, serialized and written on the snapshot
///    worker), and expires callers whose deadline passed.
///
/// Its turns run on the transport's event-loop thread, the one that reads and writes
/// every peer connection: a batch read from a peer is stepped without a thread hand-off,
/// and the messages a turn sends are written to the sockets at once. A turn runs when
/// something is posted, when a tick is due, and again at once while a group has a Ready.
/// Fsyncs block that thread: nothing else runs on it, and what peers send meanwhile waits
/// in the socket buffers.
final class HostLoop: @unchecked Sendable {
    let nodeID: NodeID
    let wal: WriteAheadLog
    let snapshots: SnapshotStore
    let transport: RaftTransport
    let inbox: HostInbox
    /// Serializes and writes snapshots, one at a time, while the loop goes on.
    let snapshotWorker = DispatchQueue(label: "raft.host.snapshots")
    let metrics: HostMetrics
    let tickInterval: Duration
    var logger: Logger
    var addresses: AddressBook
    var groups: [GroupID: GroupRuntime] = [:]
    /// Proposal and read sequence numbers; start at a random point so that entries
    /// proposed before a restart never match a caller of this run.
    var nextSequence = UInt64.random(in: 1...(UInt64.max >> 2))
    /// Set when the WAL failed: nothing is persisted, sent or applied any more.
    var halted: NodeHostError?
    private var nextTick: ContinuousClock.Instant
    private var stopped: (@Sendable () -> Void)?
    private var finished = false
    private var tickTimer: Scheduled<Void>?
    private var tickTimerTarget: ContinuousClock.Instant?

    init(
        nodeID: NodeID, wal: WriteAheadLog, snapshots: SnapshotStore, transport: RaftTransport, inbox: HostInbox,
        metrics: HostMetrics, addresses: AddressBook, tickInterval: Duration, logger: Logger
    ) {
        self.nodeID = nodeID
        self.wal = wal
        self.snapshots = snapshots
        self.transport = transport
        self.inbox = inbox
        self.metrics = metrics
        self.addresses = addresses
        self.tickInterval = tickInterval
        self.logger = logger
        nextTick = .now + tickInterval
    }

    /// Starts running turns on the transport's event loop; `stopped` is called once the
    /// inbox is closed and the last turn has failed every waiter.
    func start(stopped: @escaping @Sendable () -> Void) {
        self.stopped = stopped
        inbox.attach(to: transport.eventLoop) { self.runTurn() }
        transport.eventLoop.execute { self.runTurn() }
    }

    /// One turn (or the shutdown, once the inbox is closed), then the next one at once if a
    /// group has a Ready left, else the tick timer.
    private func runTurn() {
        guard !finished else { return }
        guard !inbox.isClosed else { return finish() }
        turn()
        // Advancing can leave work for another Ready at once (a single-node group with
        // parallel leader writes commits only when its own write is reported durable):
        // take it now rather than at the next post or tick.
        if halted == nil, groups.values.contains(where: { $0.failure == nil && $0.node.hasReady }) {
            transport.eventLoop.execute { self.runTurn() }
        }
        armTickTimer()
    }

    /// A timer for the next tick, unless one is set for it already. It fires a little after
    /// the tick is due, so that the turn it runs finds the tick due.
    private func armTickTimer() {
        guard tickTimerTarget != nextTick else { return }
        tickTimer?.cancel()
        tickTimerTarget = nextTick
        let delay = max(.zero, nextTick - .now) + .microseconds(50)
        tickTimer = transport.eventLoop.scheduleTask(in: delay.timeAmount) {
            self.tickTimerTarget = nil
            self.runTurn()
        }
    }

    /// Fails every waiter with `.shuttingDown` and syncs the on-disk state machines.
    private func finish() {
        finished = true
        tickTimer?.cancel()
        // A snapshot being written finishes (its file is whole or absent); its report is dropped.
        snapshotWorker.sync {}
        for command in inbox.take() { command.fail(.shuttingDown) }
        for group in groups.values {
            group.failAll(.shuttingDown)
            guard group.failure == nil, let onDisk = group.stateMachine as? any OnDiskStateMachine else { continue }
            do {
                try onDisk.sync()
            } catch {
                group.logger.error("state machine sync at shutdown failed", metadata: ["error": "\(error)"])
            }
        }
        stopped?()
    }

    /// Syncs and closes the WAL; called after the loop stopped.
    func closeStorage() {
        do {
            try wal.sync()
            try wal.close()
        } catch {
            logger.error("closing the WAL failed", metadata: ["error": "\(error)"])
        }
    }

    func sequence() -> UInt64 {
        nextSequence &+= 1
        return nextSequence
    }

    private func turn() {
        let now = ContinuousClock.now
        let commands = inbox.take()
        // Received messages first: a follower whose turn was slow hears the leader's
        // heartbeats before its election clock moves.
        for command in commands where command.isTransportEvent { handle(command) }
        if halted == nil && now >= nextTick { tick(now: now) }
        for command in commands where !command.isTransportEvent { handle(command) }
        if halted == nil { processReadies() }
        for group in groups.values { group.expire(now: now) }
    }

    /// Ticks every engine once when a tick is due. A leader also makes up the ticks a
    /// slow turn missed, before this turn's reads: its lease is counted in ticks, so its
    /// ticks must keep up with the clock, or after a stall it would answer reads from a
    /// lease that has run out in real time. (A follower's missed ticks only lengthen its
    /// election timeout, which is safe; making them up would start needless elections.)
    private func tick(now: ContinuousClock.Instant) {
        let due = min(Int((now - nextTick) / tickInterval) + 1, Self.catchUpTicksMax)
        let next = nextTick + tickInterval * due
        nextTick = next > now ? next : now + tickInterval
        for group in groups.values where group.failure == nil {
            for _ in 0..<(group.node.raft.role == .leader ? due : 1) {
                group.node.tick()
                group.ticks += 1
            }
            group.reissueReads()
        }
    }

    /// Ticks made up in one turn at most: beyond an election timeout or two, more
    /// change nothing (leases and elections have timed out).
    static let catchUpTicksMax = 1_000

    private func handle(_ command: HostCommand) {
        if let halted {
            command.fail(halted)
            return
        }
        switch command {
        case let .startGroup(id, members, factory, options, waiter):
            do throws(NodeHostError) {
                try startGroup(id, members: members, factory: factory, options: options)
                waiter.succeed(())
            } catch {
                waiter.fail(error)
            }
        case let .transport(event):
            handle(event)
        case let .snapshotWritten(group, outcome):
            snapshotWritten(group, outcome)
        default:
            handleGroupCommand(command)
        }
    }

    private func handleGroupCommand(_ command: HostCommand) {
        let id: GroupID
        switch command {
        case let .propose(group, _, _, _), let .read(group, _, _, _, _), let .changeMembership(group, _, _, _, _),
            let .transferLeadership(group, _, _), let .status(group, _):
            id = group
        case .startGroup, .transport, .snapshotWritten:
            return
        }
        guard let group = groups[id] else { return command.fail(.groupNotFound(id)) }
        if let failure = group.failure { return command.fail(failure) }
        switch command {
        case let .propose(_, data, deadline, waiter):
            let key = ProposalKey(proposer: nodeID, sequence: sequence())
            do {
                try group.node.propose(HostEntry.encodeProposal(key, command: data))
                group.addProposal(key.sequence, term: group.node.raft.term, deadline: deadline, waiter: waiter)
                metrics.proposals.increment()
            } catch {
                waiter.fail(Self.proposalError(error, group: id))
            }
        case let .read(_, query, level, deadline, waiter):
            read(group, query: query, level: level, deadline: deadline, waiter: waiter)
        case let .changeMembership(_, change, address, deadline, waiter):
            if group.membershipChange != nil { return waiter.fail(.proposalDropped(.membershipChangePending)) }
            do {
                if let (node, peer) = address {
                    try group.node.propose(HostEntry.encodeAddress(node, peer))
                }
                try group.node.proposeConfChange(change)
                group.membershipChange = GroupRuntime.PendingMembershipChange(
                    change: change, deadline: deadline, waiter: waiter)
            } catch {
                waiter.fail(Self.proposalError(error, group: id))
            }
        case let .transferLeadership(_, target, waiter):
            let raft = group.node.raft
            guard raft.leader != .none else { return waiter.fail(.noLeader(id)) }
            // The engine acts on a transfer only at the leader.
            guard raft.role == .leader else { return waiter.fail(.notLeader(id, leader: raft.leader)) }
            group.node.transferLeadership(to: target)
            waiter.succeed(())
        case let .status(_, waiter):
            let local = transport.localAddress
            waiter.succeed(group.status { $0 == nodeID ? local : addresses[$0] })
        case .startGroup, .transport, .snapshotWritten:
            break
        }
    }

    private func read(
        _ group: GroupRuntime, query: [UInt8], level: ReadLevel, deadline: ContinuousClock.Instant,
        waiter: Waiter<[UInt8]>
    ) {
        if level == .stale {
            do { waiter.succeed(try group.stateMachine.lookup(query)) } catch { waiter.fail(.stateMachine(error.message)) }
            return
        }
        guard group.node.raft.leader != .none else { return waiter.fail(.noLeader(group.id)) }
        let key = sequence()
        group.reads[key] = GroupRuntime.PendingRead(
            query: query, deadline: deadline, waiter: waiter, issuedAtTick: group.ticks, index: nil)
        group.node.readIndex(context: GroupRuntime.readContext(key))
    }

    static func proposalError(_ error: RaftError, group: GroupID) -> NodeHostError {
        switch error {
        case .proposalDropped(.noLeader), .proposalDropped(.electionInProgress): .noLeader(group)
        case let .proposalDropped(reason): .proposalDropped(reason)
        case let .invalidMembershipChange(change): .invalidMembershipChange("\(change)")
        default: .storage("\(error)")
        }
    }
}
