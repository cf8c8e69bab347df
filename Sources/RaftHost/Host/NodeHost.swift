import Foundation
import Logging
import NIOCore
import Raft

/// Many Raft groups in one process, in the spirit of Dragonboat's `NodeHost`: one node
/// ID, one write-ahead log shared by every group (one fsync per loop turn covers them
/// all), a snapshot file store, one transport to the other hosts, and a single thread,
/// the transport's event loop, that drives every engine and state machine (see `HostLoop`).
///
/// ```swift
/// let host = try await NodeHost.start(NodeHostConfiguration(dataDirectory: "data/1", nodeID: 1,
///                                                         listenAddress: PeerAddress(host: "127.0.0.1", port: 7001)))
/// try await host.startGroup(7, initialMembers: [1: a1, 2: a2, 3: a3]) { Counter() }
/// let result = try await host.propose(group: 7, command: bytes)   // on any member
/// let value = try await host.read(group: 7, query: key, level: .readIndex)
/// await host.shutdown()
/// ```
///
/// After a restart, call ``startGroup(_:initialMembers:options:stateMachine:)`` again for
/// each group (``recoveredGroups`` lists them): the host recovers its log, membership and
/// last snapshot from the data directory, and ignores `initialMembers`.
///
/// Every method may be called from any task. Call ``shutdown()`` before dropping a host:
/// its run loop and transport run until then.
public final class NodeHost: Sendable {
    /// This host's node ID in every group.
    public let nodeID: NodeID
    /// Where the transport listens (with the real port when 0 was configured).
    public let listenAddress: PeerAddress
    /// The groups the data directory holds state for, as found at start.
    public let recoveredGroups: [GroupID]
    /// The thread this host's loop and transport run on. A server that runs its connections
    /// here too hands requests to the loop, and gets their answers, without a thread hand-off.
    public var eventLoop: any EventLoop { transport.eventLoop }
    /// Prometheus metrics of this host; serve ``HostMetrics/render()`` at `/metrics`.
    public let metrics: HostMetrics
    private let inbox: HostInbox
    private let loop: HostLoop
    private let transport: RaftTransport
    private let stopped: LoopCompletion

    private init(loop: HostLoop, transport: RaftTransport, inbox: HostInbox, metrics: HostMetrics, recovered: [GroupID]) {
        self.nodeID = loop.nodeID
        self.listenAddress = transport.localAddress
        self.recoveredGroups = recovered
        self.metrics = metrics
        self.inbox = inbox
        self.loop = loop
        self.transport = transport
        stopped = LoopCompletion()
    }

    /// Opens the data directory (recovering the WAL), starts the transport and the run loop.
    public static func start(_ configuration: NodeHostConfiguration, metrics: HostMetrics = HostMetrics())
        async throws(NodeHostError) -> NodeHost
    {
        guard configuration.nodeID != .none else { throw .startFailed("node ID 0 is reserved") }
        guard configuration.tickIntervalMilliseconds > 0 else { throw .startFailed("tick interval must be positive") }
        var logger = configuration.logger
        logger[metadataKey: "node"] = "\(configuration.nodeID)"
        let directory = configuration.dataDirectory
        let wal: WriteAheadLog
        let snapshots: SnapshotStore
        let addresses: AddressBook
        do {
            // The data directory and any missing parents.
            var prefix = directory.hasPrefix("/") ? "" : "."
            for component in directory.split(separator: "/") {
                prefix += "/" + component
                try Directory.create(prefix)
            }
            addresses = try AddressBook(path: directory + "/addresses")
            snapshots = try SnapshotStore(directory: directory + "/snapshots")
            wal = try WriteAheadLog(directory: directory + "/wal")   // last: it holds a lock until closed
        } catch let error as NodeHostError {
            throw error
        } catch {
            throw .startFailed("data directory \(directory): \(error)")
        }
        if wal.recovery.truncatedBytes > 0 {
            logger.warning("WAL torn tail cut on recovery", metadata: ["bytes": "\(wal.recovery.truncatedBytes)"])
        }
        let inbox = HostInbox()
        let transport: RaftTransport
        do {
            transport = try await RaftTransport.start(
                configuration: RaftTransportConfiguration(
                    hostID: configuration.nodeID, listenAddress: configuration.listenAddress, tls: configuration.tls,
                    logger: logger)
            ) { event in inbox.post(.transport(event)) }
        } catch {
            try? wal.close()
            throw .startFailed("transport: \(error)")
        }
        let loop = HostLoop(
            nodeID: configuration.nodeID, wal: wal, snapshots: snapshots, transport: transport, inbox: inbox,
            metrics: metrics, addresses: addresses,
            tickInterval: .milliseconds(configuration.tickIntervalMilliseconds), logger: logger)
        let host = NodeHost(loop: loop, transport: transport, inbox: inbox, metrics: metrics, recovered: wal.recoveredGroups)
        let stopped = host.stopped
        loop.start { stopped.signal() }
        logger.info("node host started", metadata: ["listen": "\(transport.localAddress)", "groups": "\(wal.recoveredGroups)"])
        return host
    }

    /// Starts (or, when the data directory has it, recovers) group `id` on this host.
    ///
    /// - `initialMembers`: the founding voters and their hosts' addresses, this host
    ///   included, the same on every founding host; empty for a host that joins an existing
    ///   group (a member then adds it with ``addLearner(group:node:address:timeout:)``).
    /// - `stateMachine`: called once, on the run loop, to make the group's state machine;
    ///   an ``OnDiskStateMachine`` is opened and only entries after its applied index are
    ///   replayed into it.
    public func startGroup(
        _ id: GroupID, initialMembers: [NodeID: PeerAddress], options: GroupOptions = GroupOptions(),
        stateMachine: @escaping StateMachineFactory
    ) async throws(NodeHostError) {
        try await call { .startGroup(id, members: initialMembers, factory: stateMachine, options: options, $0) }
    }

    /// Proposes `command` to group `id` and returns what the state machine's `update`
    /// returned for it. Works on any member: a follower forwards to the leader, and the
    /// result comes from this host's own replica applying the entry.
    ///
    /// `.timeout` does not mean the command was dropped: it may still commit.
    public func propose(group id: GroupID, command: [UInt8], timeout: Duration = .seconds(5))
        async throws(NodeHostError) -> StateMachineResult
    {
        let deadline = ContinuousClock.now + timeout
        return try await call { .propose(id, command: command, deadline: deadline, $0) }
    }

    /// Answers `query` from this host's replica of group `id` at the given freshness.
    public func read(group id: GroupID, query: [UInt8], level: ReadLevel = .readIndex, timeout: Duration = .seconds(5))
        async throws(NodeHostError) -> [UInt8]
    {
        let deadline = ContinuousClock.now + timeout
        return try await call { .read(id, query: query, level, deadline: deadline, $0) }
    }

    /// Adds `node`, whose host listens at `address`, as a learner (it receives the log
    /// but does not vote). Returns once this host has applied the change. The address
    /// goes through the log just before the change, so every member learns and keeps it.
    public func addLearner(group id: GroupID, node: NodeID, address: PeerAddress, timeout: Duration = .seconds(10))
        async throws(NodeHostError)
    {
        try await changeMembership(id, ConfChange([.init(.addLearner, node)]), address: (node, address), timeout: timeout)
    }

    /// Adds `node` as a voter (a learner is promoted; a new node needs `address`).
    public func addVoter(group id: GroupID, node: NodeID, address: PeerAddress? = nil, timeout: Duration = .seconds(10))
        async throws(NodeHostError)
    {
        try await changeMembership(
            id, ConfChange([.init(.addVoter, node)]), address: address.map { (node, $0) }, timeout: timeout)
    }

    /// Promotes learner `node` to voter.
    public func promote(group id: GroupID, node: NodeID, timeout: Duration = .seconds(10)) async throws(NodeHostError) {
        try await addVoter(group: id, node: node, timeout: timeout)
    }

    /// Removes `node` from the group.
    public func remove(group id: GroupID, node: NodeID, timeout: Duration = .seconds(10)) async throws(NodeHostError) {
        try await changeMembership(id, ConfChange([.init(.removeNode, node)]), address: nil, timeout: timeout)
    }

    /// Asks the leader (this host must be it) to hand leadership to `target`; returns
    /// once the transfer has started, not when it has finished (watch ``status(group:)``).
    public func transferLeadership(group id: GroupID, to target: NodeID) async throws(NodeHostError) {
        try await call { .transferLeadership(id, to: target, $0) }
    }

    /// The group as this host sees it.
    public func status(group id: GroupID) async throws(NodeHostError) -> GroupStatus {
        try await call { .status(id, $0) }
    }

    /// Stops ticking, fails every waiting call with `.shuttingDown`, closes the
    /// transport, then syncs and closes the WAL. Calls after the first return at once;
    /// every other method then fails with `.shuttingDown`.
    public func shutdown() async {
        guard inbox.close() else { return }
        await stopped.wait()
        await transport.shutdown()
        loop.closeStorage()
    }

    private func changeMembership(
        _ id: GroupID, _ change: ConfChange, address: (NodeID, PeerAddress)?, timeout: Duration
    ) async throws(NodeHostError) {
        let deadline = ContinuousClock.now + timeout
        try await call { .changeMembership(id, change, address: address, deadline: deadline, $0) }
    }

    private func call<Value: Sendable>(_ make: (Waiter<Value>) -> HostCommand) async throws(NodeHostError) -> Value {
        let result = await withCheckedContinuation { continuation in
            inbox.post(make(Waiter(continuation: continuation)))
        }
        return try result.get()
    }
}
