import Raft

/// A 3-voter group in one thread: every node runs the Ready loop of docs/raft.md, and the
/// messages it sends are delivered in-process (FIFO, no loss) once its writes are done.
/// Node 1 is elected before timing. Each batch proposes `inflight` payloads at the leader,
/// then pumps until the group is quiet: the leader has committed and applied all of them.
/// With `batching` off, `maxSizePerMessageBytes` is 1, so every append carries one entry.
final class Group: Workload {
    var nodes: [RawNode<MemoryStorage>] = []
    var storages: [MemoryStorage] = []
    var pending: [Message] = []
    /// Payload entries the leader (node 1) has applied.
    var applied: UInt64 = 0
    var checksum: UInt64 = 0

    init(size: Int = 3, batching: Bool) throws {
        let voters = Set((1...size).map { NodeID($0) })
        for id in 1...size {
            let storage = MemoryStorage(confState: ConfState(voters: voters))
            var config = RaftConfig(id: NodeID(id), randomSeed: UInt64(id))
            if !batching { config.maxSizePerMessageBytes = 1 }
            storages.append(storage)
            nodes.append(try RawNode(config: config, storage: storage))
        }
        nodes[0].campaign()
        try pump()
        guard nodes[0].raft.role == .leader else {
            throw RaftBench.BenchError(message: "node 1 did not become leader")
        }
        applied = 0
    }

    func run(proposals: Int, batch: Int, _ clock: ContinuousClock) throws -> Duration {
        var payload = [UInt8](repeating: 0x5A, count: 16)
        let start = clock.now
        var proposed = 0
        while proposed < proposals {
            for _ in 0..<batch {
                payload[0] = UInt8(truncatingIfNeeded: proposed)
                try nodes[0].propose(payload)
                proposed += 1
            }
            try pump()
        }
        return clock.now - start
    }

    /// Handles every node's Ready, then delivers what they sent, until nothing is left.
    func pump() throws {
        while true {
            var progressed = false
            for slot in nodes.indices {
                while nodes[slot].hasReady {
                    progressed = true
                    let ready = nodes[slot].ready()
                    if let snapshot = ready.snapshot { try storages[slot].applySnapshot(snapshot) }
                    try storages[slot].append(ready.entries)
                    if let state = ready.hardState { storages[slot].setHardState(state) }
                    pending.append(contentsOf: ready.messages)
                    if slot == 0 {
                        for entry in ready.committedEntries where !entry.data.isEmpty {
                            applied += 1
                            checksum &+= UInt64(entry.data[0])
                        }
                    }
                    nodes[slot].advance(ready)
                }
            }
            if pending.isEmpty && !progressed { return }
            let messages = pending
            pending.removeAll(keepingCapacity: true)
            for message in messages {
                try nodes[Int(message.to) - 1].step(message)
            }
        }
    }
}
