import Raft

extension ClusterSimulation {
    /// Sends through the faulty network: loss, duplication and delay are decided
    /// here, from the run's generator, so they replay exactly.
    mutating func send(_ payload: SimulatedPayload, from: Endpoint, to: Endpoint) {
        report.statistics.messagesSent += 1
        let faulty = nowMillis < options.faultyMillis
        if faulty, options.faults.contains(.drop), Int.random(in: 0..<100, using: &random) < 3 {
            report.statistics.messagesDropped += 1
            reportSnapshotOutcome(payload, to: to, failed: true)
            return
        }
        var copies = 1
        // Clients talk over connections that lose and delay but never duplicate; a
        // duplicated request would also break "refused means not proposed".
        if faulty, options.faults.contains(.duplicate), case .raft = payload, Int.random(in: 0..<100, using: &random) < 2 {
            copies = 2
            report.statistics.messagesDuplicated += 1
        }
        for _ in 0..<copies {
            let delayMillis = faulty && options.faults.contains(.delay) ? randomDelayMillis() : 1
            network.send(payload, from: from, to: to, atMillis: nowMillis + delayMillis)
        }
    }

    /// Mostly a few milliseconds, with a tail up to 40 ms that reorders messages.
    private mutating func randomDelayMillis() -> Int64 {
        Int.random(in: 0..<10, using: &random) == 0
            ? Int64.random(in: 5...40, using: &random) : Int64.random(in: 1...5, using: &random)
    }

    mutating func deliverDue() {
        while let message = network.nextDue(nowMillis: nowMillis) {
            if network.isCut(from: message.from, to: message.to) {
                report.statistics.messagesDropped += 1
                reportSnapshotOutcome(message.payload, to: message.to, failed: true)
                continue
            }
            deliver(message.payload, to: message.to)
        }
    }

    private mutating func deliver(_ payload: SimulatedPayload, to destination: Endpoint) {
        switch (payload, destination) {
        case (.raft(let message), .node(let id)):
            guard let position = position(of: id), nodes[position].isUp else {
                reportSnapshotOutcome(payload, to: destination, failed: true)
                return
            }
            if nodes[position].step(message) != nil { report.statistics.stepErrors += 1 }
            reportSnapshotOutcome(payload, to: destination, failed: false)
        case (.request(let request), .node(let id)):
            guard let position = position(of: id), nodes[position].isUp else { return }
            if let reply = nodes[position].receive(request) {
                send(.reply(reply), from: destination, to: .client(request.client))
            }
        case (.reply(let reply), .client(let index)):
            receive(reply, client: index)
        default:
            return
        }
    }

    /// A snapshot travels as a stream whose sender learns whether it completed.
    private mutating func reportSnapshotOutcome(_ payload: SimulatedPayload, to destination: Endpoint, failed: Bool) {
        guard case .raft(let message) = payload, case .snapshot = message.kind, case .node(let id) = destination,
            let sender = position(of: message.from)
        else { return }
        nodes[sender].reportSnapshot(to: id, failed: failed)
    }

    func position(of id: NodeID) -> Int? {
        nodes.firstIndex { $0.id == id }
    }
}
