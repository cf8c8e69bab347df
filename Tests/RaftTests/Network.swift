import Testing
@testable import Raft

/// A deterministic in-memory group for scenario tests (etcd-raft's `network` in
/// raft_test.go), driving real ``RawNode``s through the full Ready loop.
///
/// Each node's Ready is handled as the contract says: persist entries and hard
/// state to its ``MemoryStorage``, then send, then apply. Before sending, every
/// message that depends on persistence is checked against the storage; a
/// violation is recorded in `durabilityViolations`. Messages are delivered in FIFO
/// order; cut links drop them.
struct Network {
    struct Link: Hashable {
        var from: NodeID
        var to: NodeID
    }

    var nodes: [NodeID: RawNode<MemoryStorage>] = [:]
    var storages: [NodeID: MemoryStorage] = [:]
    var applied: [NodeID: [Entry]] = [:]
    var readStates: [NodeID: [ReadState]] = [:]
    /// The membership each applied change put in force, per node.
    var memberships: [NodeID: [ConfState]] = [:]
    var queue: [Message] = []
    var cut: Set<Link> = []
    /// Messages of a kind the test wants to hold back (not delivered, not dropped).
    var held: [Message] = []
    var hold: (Message) -> Bool = { _ in false }
    /// Rewrites (or, returning nil, drops) messages as they are sent.
    var intercept: (Message) -> Message? = { $0 }
    var stepErrors: [RaftError] = []
    var durabilityViolations: [String] = []
    /// Every message sent, in order.
    var sent: [Message] = []

    var ids: [NodeID] { nodes.keys.sorted() }
    private var configure: (inout RaftConfig) -> Void = { _ in }

    /// A group of `ids`; `logs` gives a node's initial log as terms of entries 1...n
    /// (its hard state term is the last one).
    init(
        _ ids: [NodeID],
        voters: Set<NodeID>? = nil,
        logs: [NodeID: [Term]] = [:],
        configure: @escaping (inout RaftConfig) -> Void = { _ in }
    ) {
        for id in ids {
            let terms = logs[id] ?? []
            let storage = MemoryStorage(
                hardState: HardState(term: terms.last ?? 0),
                confState: ConfState(voters: voters ?? Set(ids))
            )
            try! storage.append(terms.enumerated().map { Entry(term: $1, index: Index($0 + 1)) })
            storages[id] = storage
            nodes[id] = try! RawNode(config: Self.config(id, configure), storage: storage)
            applied[id] = []
            readStates[id] = []
        }
        self.configure = configure
    }

    static func config(_ id: NodeID, _ configure: (inout RaftConfig) -> Void) -> RaftConfig {
        var config = RaftConfig(id: id, randomSeed: 0xC0FFEE &+ id)
        configure(&config)
        return config
    }

    /// A crash and restart: the node keeps only what it persisted (everything it
    /// handed out in a Ready, since this harness persists synchronously).
    mutating func restart(_ id: NodeID) {
        var config = Self.config(id, configure)
        config.applied = raft(id).appliedIndex
        nodes[id] = try! RawNode(config: config, storage: storages[id]!)
    }

    func raft(_ id: NodeID) -> RaftCore<MemoryStorage> { nodes[id]!.raft }

    var leaders: [NodeID] { ids.filter { raft($0).role == .leader } }

    // MARK: Driving

    /// Handles every node's Ready, then delivers messages, until nothing is left.
    mutating func stabilize(stepsMax: Int = 100_000) {
        var steps = 0
        while steps < stepsMax {
            steps += 1
            var progressed = false
            for id in ids where nodes[id]!.hasReady {
                handleReady(id)
                progressed = true
            }
            if !queue.isEmpty {
                let message = queue.removeFirst()
                deliver(message)
                progressed = true
            }
            if !progressed { return }
        }
        // A livelock (e.g. a safety bug making nodes argue forever) fails the test
        // instead of crashing the test process.
        Issue.record("network did not stabilize in \(stepsMax) steps")
    }

    mutating func handleReady(_ id: NodeID) {
        let storage = storages[id]!
        let ready = nodes[id]!.ready()
        if let snapshot = ready.snapshot { try! storage.applySnapshot(snapshot) }
        try! storage.append(ready.entries)
        if let hardState = ready.hardState { storage.setHardState(hardState) }
        for sentMessage in ready.messages {
            checkDurable(sentMessage, storage: storage)
            guard let message = intercept(sentMessage) else { continue }
            if hold(message) {
                held.append(message)
            } else {
                queue.append(message)
            }
        }
        sent.append(contentsOf: ready.messages)
        applied[id]!.append(contentsOf: ready.committedEntries)
        for entry in ready.committedEntries where entry.kind == .confChange {
            let change = try! ConfChange(decoding: entry.data)
            if let membership = try? nodes[id]!.applyConfChange(change) {
                memberships[id, default: []].append(membership)
            }
        }
        readStates[id]!.append(contentsOf: ready.readStates)
        nodes[id]!.advance(ready)
    }

    mutating func deliver(_ message: Message) {
        guard !cut.contains(Link(from: message.from, to: message.to)), nodes[message.to] != nil else { return }
        do {
            try nodes[message.to]!.step(message)
        } catch {
            stepErrors.append(error)
        }
    }

    /// Releases held messages into the queue (in order) and stops holding.
    mutating func releaseHeld() {
        hold = { _ in false }
        queue.append(contentsOf: held)
        held.removeAll()
    }

    mutating func campaign(_ id: NodeID) {
        nodes[id]!.campaign()
        stabilize()
    }

    mutating func propose(_ id: NodeID, _ text: String) throws(RaftError) {
        try nodes[id]!.propose(Array(text.utf8))
        stabilize()
    }

    /// Ticks every listed node `times` times, stabilizing after each round.
    mutating func tick(_ tickIDs: [NodeID]? = nil, times: Int) {
        for _ in 0..<times {
            for id in tickIDs ?? ids { nodes[id]!.tick() }
            stabilize()
        }
    }

    mutating func isolate(_ id: NodeID) {
        for other in ids where other != id {
            cut.insert(Link(from: id, to: other))
            cut.insert(Link(from: other, to: id))
        }
    }

    mutating func heal() { cut.removeAll() }

    // MARK: Checks

    /// What a message claims must already be durable on its sender.
    mutating func checkDurable(_ message: Message, storage: MemoryStorage) {
        switch message.kind {
        case .voteResponse(granted: true):
            let state = storage.hardState
            if state.term != message.term || state.vote != message.to {
                durabilityViolations.append("vote for \(message.to) in \(message.term) sent before persisted (\(state))")
            }
        case .appendResponse(let response) where response.rejection == nil && response.index > 0:
            if storage.lastIndex() < response.index {
                durabilityViolations.append("ack \(response.index) sent with storage at \(storage.lastIndex())")
            }
        case .requestVote:
            let state = storage.hardState
            if state.term != message.term || state.vote != message.from {
                durabilityViolations.append("vote request in \(message.term) before own vote persisted")
            }
        default:
            break
        }
    }

    /// The data of applied normal entries, as text.
    func appliedTexts(_ id: NodeID) -> [String] {
        applied[id]!.filter { $0.kind == .normal && !$0.data.isEmpty }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// Every node's durable log, as (term, index) pairs.
    func logTerms(_ id: NodeID) -> [Term] {
        let storage = storages[id]!
        let first = storage.firstIndex()
        let last = storage.lastIndex()
        guard first <= last else { return [] }
        return (first...last).map { try! storage.term(at: $0) }
    }
}
