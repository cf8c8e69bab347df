import Raft

extension HostLoop {
    /// Steps 3–6 of a turn for every group with work: persist all, one sync, send,
    /// apply, advance, snapshot.
    func processReadies() {
        var readies: [(GroupRuntime, Ready)] = []
        for group in groups.values where group.failure == nil && group.node.hasReady {
            readies.append((group, group.node.ready()))
        }
        guard !readies.isEmpty else { return }
        // A leader's appends that the engine lets go first leave before the sync,
        // overlapping it with the followers' (Raft thesis §10.2.1; the engine counts the
        // leader's own copy only at `advance`, and only allows it in a stable
        // configuration: docs/raft-host.md, "The run loop").
        send(readies.filter { $0.1.messagesPrecedePersist })
        do throws(DurableStorageError) {
            for (group, ready) in readies {
                if let snapshot = ready.snapshot { try group.storage.applySnapshot(snapshot) }
                try group.storage.append(ready.entries)
                if let state = ready.hardState { try group.storage.setHardState(state) }
            }
            if readies.contains(where: { $0.1.mustSync }) {
                let start = ContinuousClock.now
                do { try wal.sync() } catch { throw .wal(error) }
                metrics.walSync.recordNanoseconds(Self.nanoseconds(ContinuousClock.now - start))
            }
        } catch {
            halt(.storage("\(error)"))
            return
        }
        // Everything else only once it is durable: votes, acknowledgements, appends
        // that were not allowed to go first.
        send(readies.filter { !$0.1.messagesPrecedePersist })
        for (group, ready) in readies {
            apply(ready, to: group)
            group.node.advance(ready)
            group.serveReads()
            group.applyLag.record(Int64(group.node.raft.committedIndex) - Int64(group.applied))
            takeSnapshotIfDue(group)
            compactIfDue(group)
        }
    }

    /// The messages of every Ready, one batch per destination host.
    private func send(_ readies: [(GroupRuntime, Ready)]) {
        var outgoing: [PeerAddress: [GroupMessage]] = [:]
        for (group, ready) in readies {
            for message in ready.messages {
                guard let address = addresses[message.to] else {
                    group.logger.debug("no address for node \(message.to); message dropped")
                    continue
                }
                outgoing[address, default: []].append(GroupMessage(group: group.id, message: message))
            }
        }
        for (address, messages) in outgoing { transport.send(messages, to: address) }
    }

    /// Loads an installed snapshot, applies committed entries, notes role changes and
    /// ReadIndex answers.
    private func apply(_ ready: Ready, to group: GroupRuntime) {
        if let soft = ready.softState { observe(soft, group: group) }
        do throws(NodeHostError) {
            if let snapshot = ready.snapshot { try install(snapshot, into: group) }
            try applyEntries(ready.committedEntries, to: group)
        } catch {
            group.logger.error("group stopped", metadata: ["error": "\(error)"])
            group.failure = error
            group.failAll(error)
        }
        for state in ready.readStates {
            guard let sequence = GroupRuntime.readSequence(state.context) else { continue }
            group.reads[sequence]?.index = state.index
        }
    }

    private func observe(_ soft: SoftState, group: GroupRuntime) {
        let previous = group.softState
        group.softState = soft
        group.logger[metadataKey: "term"] = "\(group.node.raft.term)"
        if soft.leader != previous.leader {
            metrics.leaderChanges.increment()
            group.logger.info("leader changed", metadata: ["leader": "\(soft.leader)", "role": "\(soft.role)"])
        }
        // One campaign: with pre-vote it passes through pre-candidate, then candidate.
        if soft.role == .preCandidate || (soft.role == .candidate && previous.role != .preCandidate) {
            metrics.elections.increment()
        }
    }

    private func install(_ snapshot: Snapshot, into group: GroupRuntime) throws(NodeHostError) {
        let (snapshotAddresses, data) = try HostSnapshotData.decode(snapshot.data)
        do { try group.stateMachine.recoverFromSnapshot(data) } catch { throw .stateMachine(error.message) }
        var others = snapshotAddresses
        others[nodeID] = nil
        if addresses.merge(others) { saveAddresses() }
        group.applied = snapshot.metadata.index
        group.forgetProposalTerms(through: snapshot.metadata.term)
        group.stateMachineFloor = max(group.stateMachineFloor, snapshot.metadata.index)
        group.snapshotIndex = snapshot.metadata.index
        group.lastSnapshotTaken = max(group.lastSnapshotTaken, snapshot.metadata.index)
        group.heldSnapshots.removeAll { $0.metadata.index <= snapshot.metadata.index }
        metrics.snapshotsReceived.increment()
        group.logger.info("snapshot installed", metadata: ["index": "\(snapshot.metadata.index)"])
    }

    /// Applies entries in order: runs of client proposals go to `update` together;
    /// membership changes go to the engine; address records to the address book.
    private func applyEntries(_ entries: [Entry], to group: GroupRuntime) throws(NodeHostError) {
        var batch: [(key: ProposalKey, entry: StateMachineEntry)] = []
        for entry in entries {
            if entry.term > group.oldestProposalTerm {
                try flush(&batch, group: group)  // earlier entries may be those proposals
                group.failProposals(before: entry.term)
            }
            let decoded = entry.kind == .normal ? HostEntry(decoding: entry.data) : nil
            switch entry.kind {
            case .normal:
                switch decoded {
                case let .proposal(key, command):
                    if entry.index > group.stateMachineFloor {
                        batch.append((key, StateMachineEntry(index: entry.index, command: command)))
                    }
                case let .address(node, address):
                    try flush(&batch, group: group)
                    if node != nodeID, addresses.set(address, for: node) { saveAddresses() }
                case .noop, nil:
                    try flush(&batch, group: group)
                }
            case .confChange:
                try flush(&batch, group: group)
                applyConfChange(entry, group: group)
            case .metadata:
                try flush(&batch, group: group)
            }
            group.applied = entry.index
        }
        try flush(&batch, group: group)
    }

    private func flush(_ batch: inout [(key: ProposalKey, entry: StateMachineEntry)], group: GroupRuntime)
        throws(NodeHostError)
    {
        guard !batch.isEmpty else { return }
        defer { batch.removeAll(keepingCapacity: true) }
        let results: [StateMachineResult]
        do { results = try group.stateMachine.update(batch.map(\.entry)) } catch { throw .stateMachine(error.message) }
        guard results.count == batch.count else {
            throw .stateMachine("update returned \(results.count) results for \(batch.count) entries")
        }
        metrics.commits.increment(by: Int64(batch.count))
        for (position, item) in batch.enumerated() where item.key.proposer == nodeID {
            group.proposals.removeValue(forKey: item.key.sequence)?.waiter.succeed(results[position])
        }
    }

    private func applyConfChange(_ entry: Entry, group: GroupRuntime) {
        let change: ConfChange
        do {
            change = try ConfChange(decoding: entry.data)
            try group.node.applyConfChange(change)
        } catch {
            // The leader checked the change against the membership it would apply to;
            // one that fails here changes nothing on any replica.
            group.logger.warning("membership change not applied", metadata: ["index": "\(entry.index)", "error": "\(error)"])
            return
        }
        group.logger.info("membership changed", metadata: ["index": "\(entry.index)", "voters": "\(group.node.raft.confState.voters.sorted())", "learners": "\(group.node.raft.confState.learners.sorted())"])
        if let pending = group.membershipChange, pending.change == change {
            group.membershipChange = nil
            pending.waiter.succeed(())
        }
    }

    /// Stops all work after a storage failure: what reached the disk is unknown.
    func halt(_ error: NodeHostError) {
        logger.critical("storage failed; host halted", metadata: ["error": "\(error)"])
        halted = error
        for group in groups.values { group.failAll(error) }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
