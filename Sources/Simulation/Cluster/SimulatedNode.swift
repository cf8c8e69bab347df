import Raft

/// One member of a simulated group: the engine, its storage as the OS shows it, the
/// image of what was synced, the state machine, and the client requests it holds.
///
/// A crash throws away the engine, every unsynced write and all volatile state;
/// restarting rebuilds the node from the synced image alone, as a real process
/// would from its data directory.
struct SimulatedNode {
    struct ProposalKey: Hashable {
        var client: UInt64
        var series: UInt64
    }

    struct Waiter {
        var client: Int
        var requestID: UInt64
    }

    /// What handling one Ready produced, for the simulation to deliver and check.
    struct ReadyEffects {
        var messages: [Message] = []
        var replies: [(client: Int, reply: ClientReply)] = []
        var applied: [Entry] = []
        var softState: SoftState?
        /// Membership changes applied, as the membership each put in force.
        var membershipChanges: [ConfState] = []
        var installedSnapshot = false
        var tookSnapshot = false
        var storageError: StorageError?
        /// Messages held during a sync that the engine refused when stepped.
        var stepErrors = 0
    }

    let id: NodeID
    private let baseConfig: RaftConfig
    private let snapshotIntervalEntries: UInt64
    private let snapshotTrailingEntries: UInt64
    private(set) var engine: RawNode<MemoryStorage>?
    private(set) var storage: MemoryStorage
    private var disk: MemoryStorage
    private(set) var machine = KeyValueMachine()
    private var proposalWaiters: [ProposalKey: Waiter] = [:]
    private var readWaiters: [UInt64: (waiter: Waiter, key: String)] = [:]
    private var readsReady: [(index: Index, requestID: UInt64)] = []
    private(set) var incarnation: UInt64 = 0
    private let syncMillis: Int64
    /// A Ready whose sync is in progress: nothing else happens on the node until it
    /// ends (as `NodeHost`'s loop blocks in fsync); messages and ticks wait.
    private var syncing: (ready: Ready, doneAt: Int64)?
    private var heldMessages: [Message] = []
    private var heldTicks = 0

    init(id: NodeID, voters: Set<NodeID>, config: RaftConfig, options: SimulationOptions) throws(RaftError) {
        self.id = id
        baseConfig = config
        snapshotIntervalEntries = max(1, options.snapshotIntervalEntries)
        snapshotTrailingEntries = options.snapshotTrailingEntries
        syncMillis = options.syncMillis
        storage = MemoryStorage(confState: ConfState(voters: voters))
        disk = storage.copy()
        engine = try RawNode(config: config, storage: storage)
    }

    var isUp: Bool { engine != nil }

    /// A witness by the membership this node has applied.
    var isWitness: Bool { raft?.confState.witnesses.contains(id) ?? false }
    var raft: RaftCore<MemoryStorage>? { engine?.raft }

    // MARK: Faults

    /// Loses the engine and everything not synced; the node stays down until restart.
    /// Returns whether a sync was in progress.
    @discardableResult
    mutating func crash() -> Bool {
        let wasSyncing = syncing != nil
        engine = nil
        storage = disk.copy()
        let snapshot = storage.snapshot()
        machine = snapshot.isEmpty ? KeyValueMachine() : ((try? KeyValueMachine(snapshotData: snapshot.data)) ?? KeyValueMachine())
        proposalWaiters.removeAll()
        readWaiters.removeAll()
        readsReady.removeAll()
        syncing = nil
        heldMessages.removeAll()
        heldTicks = 0
        return wasSyncing
    }

    mutating func restart() throws(RaftError) {
        incarnation += 1
        var config = baseConfig
        config.applied = machine.appliedIndex
        config.randomSeed = baseConfig.randomSeed &+ incarnation &* 0x9E37_79B9
        engine = try RawNode(config: config, storage: storage)
    }

    // MARK: Input

    mutating func tick() {
        if syncing != nil {
            heldTicks += 1
            return
        }
        engine?.tick()
    }

    /// Steps a message; engine errors (stale or foreign messages) are counted, not fatal.
    mutating func step(_ message: Message) -> RaftError? {
        guard engine != nil else { return nil }
        if syncing != nil {
            heldMessages.append(message)
            return nil
        }
        do throws(RaftError) {
            try engine!.step(message)
            return nil
        } catch {
            return error
        }
    }

    /// The transport tells the leader whether a snapshot it sent arrived (a real
    /// one knows when its stream completes or breaks).
    mutating func reportSnapshot(to member: NodeID, failed: Bool) {
        engine?.reportSnapshot(to: member, failed: failed)
    }

    mutating func proposeConfChange(_ change: ConfChange) -> Bool {
        (try? engine?.proposeConfChange(change)) != nil
    }

    mutating func transferLeadership(to target: NodeID) {
        engine?.transferLeadership(to: target)
    }

    /// Takes a client request; returns an immediate reply when the node refuses it.
    mutating func receive(_ request: ClientRequest) -> ClientReply? {
        guard engine != nil else { return nil }
        if isWitness || !machine.holdsEveryPayload {
            // A witness holds no data (and a node may receive a witness's log before it
            // applies the change that made it one): it serves no client.
            return ClientReply(requestID: request.requestID, leaderHint: engine!.raft.leader, kind: .refused)
        }
        let waiter = Waiter(client: request.client, requestID: request.requestID)
        switch request.kind {
        case .propose(let command):
            do throws(RaftError) {
                try engine!.propose(command.encoded())
                proposalWaiters[ProposalKey(client: command.client, series: command.series)] = waiter
                return nil
            } catch {
                return ClientReply(requestID: request.requestID, leaderHint: engine!.raft.leader, kind: .refused)
            }
        case .readIndex(let key):
            readWaiters[request.requestID] = (waiter, key)
            var context = ByteWriter()
            context.write(request.requestID)
            engine!.readIndex(context: context.bytes)
            return nil
        }
    }

    // MARK: Ready

    /// Handles one Ready in the order the engine requires: persist, sync when asked
    /// (taking `syncMillis`), then send, apply, advance (a leader with parallel
    /// writes sends first). Returns nil when there is
    /// nothing to do now.
    mutating func handleReady(now: Int64) -> ReadyEffects? {
        if let (ready, doneAt) = syncing {
            guard now >= doneAt else { return nil }
            syncing = nil
            disk = storage.copy()
            var effects = finish(ready)
            stepHeld(into: &effects)
            return effects
        }
        guard engine?.hasReady == true else { return nil }
        let ready = engine!.ready()
        var effects = ReadyEffects(softState: ready.softState)
        // A leader with parallel writes sends before its sync, as `NodeHost` does.
        if ready.messagesPrecedePersist { effects.messages = ready.messages }
        do throws(StorageError) {
            if let snapshot = ready.snapshot {
                try storage.applySnapshot(snapshot)
                machine = (try? KeyValueMachine(snapshotData: snapshot.data))
                    ?? KeyValueMachine(appliedThrough: snapshot.metadata.index)
                effects.installedSnapshot = true
            }
            try storage.append(ready.entries)
        } catch {
            effects.storageError = error
        }
        if let hardState = ready.hardState { storage.setHardState(hardState) }
        if ready.mustSync || ready.snapshot != nil {
            if syncMillis > 0 {
                syncing = (ready, now + syncMillis)
                return effects
            }
            disk = storage.copy()
        }
        var finished = finish(ready)
        finished.messages = effects.messages + finished.messages
        finished.softState = effects.softState
        finished.installedSnapshot = effects.installedSnapshot
        finished.storageError = effects.storageError
        return finished
    }

    /// The part of a Ready after its sync: send, apply, serve reads, advance, snapshot.
    private mutating func finish(_ ready: Ready) -> ReadyEffects {
        var effects = ReadyEffects()
        if !ready.messagesPrecedePersist { effects.messages = ready.messages }
        apply(ready.committedEntries, into: &effects)
        for state in ready.readStates {
            var reader = ByteReader(state.context)
            if let requestID = try? reader.readUInt64(), readWaiters[requestID] != nil {
                readsReady.append((state.index, requestID))
            }
        }
        serveReads(into: &effects)
        engine!.advance(ready)
        effects.tookSnapshot = snapshotIfDue()
        return effects
    }

    /// What arrived during the sync, stepped now in order, then the ticks that passed.
    private mutating func stepHeld(into effects: inout ReadyEffects) {
        let messages = heldMessages
        heldMessages.removeAll()
        for message in messages {
            if step(message) != nil { effects.stepErrors += 1 }
        }
        for _ in 0..<heldTicks { engine?.tick() }
        heldTicks = 0
    }

    private mutating func apply(_ entries: [Entry], into effects: inout ReadyEffects) {
        for entry in entries where entry.index > machine.appliedIndex {
            effects.applied.append(entry)
            if entry.kind == .confChange, let change = try? ConfChange(decoding: entry.data),
                let membership = try? engine?.applyConfChange(change)
            {
                effects.membershipChanges.append(membership)
            }
            guard let applied = machine.apply(entry), let output = applied.output else { continue }
            let key = ProposalKey(client: applied.client, series: applied.series)
            if let waiter = proposalWaiters.removeValue(forKey: key) {
                effects.replies.append((waiter.client, reply(to: waiter, output)))
            }
        }
    }

    private mutating func serveReads(into effects: inout ReadyEffects) {
        let applied = machine.appliedIndex
        for read in readsReady where read.index <= applied {
            guard let (waiter, key) = readWaiters.removeValue(forKey: read.requestID) else { continue }
            // The node may have become a witness while the read waited.
            let answer: ClientReply.Kind = machine.holdsEveryPayload ? .output(.value(machine.read(key))) : .refused
            effects.replies.append(
                (waiter.client, ClientReply(requestID: waiter.requestID, leaderHint: engine?.raft.leader ?? .none, kind: answer)))
        }
        readsReady.removeAll { $0.index <= applied }
    }

    private func reply(to waiter: Waiter, _ output: KeyValueOutput<String>) -> ClientReply {
        ClientReply(requestID: waiter.requestID, leaderHint: engine?.raft.leader ?? .none, kind: .output(output))
    }

    /// Snapshots the state machine every `snapshotIntervalEntries` and compacts the
    /// log behind it; the snapshot is written durably (temp file, sync, rename).
    private mutating func snapshotIfDue() -> Bool {
        guard let raft = engine?.raft else { return false }
        let applied = machine.appliedIndex
        let last = storage.snapshot().metadata.index
        guard applied >= last + snapshotIntervalEntries, applied <= storage.lastIndex() else { return false }
        do throws(StorageError) {
            try storage.createSnapshot(at: applied, confState: raft.confState, data: machine.snapshotData())
            if applied > snapshotTrailingEntries, applied - snapshotTrailingEntries > storage.firstIndex() {
                try storage.compact(upTo: applied - snapshotTrailingEntries)
            }
        } catch {
            return false
        }
        disk = storage.copy()
        return true
    }
}
