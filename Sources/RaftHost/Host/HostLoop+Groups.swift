import Raft

extension HostLoop {
    /// Opens a group: recovers it from the WAL and its last snapshot when this host has
    /// run it before; else bootstraps it with `members` (every founding host does the
    /// same, so their logs agree), or, with no members, waits to be added by a leader.
    func startGroup(_ id: GroupID, members: [NodeID: PeerAddress], factory: StateMachineFactory, options: GroupOptions)
        throws(NodeHostError)
    {
        if groups[id] != nil { throw .groupExists(id) }
        let storage: DurableLogStorage
        do { storage = try DurableLogStorage(group: id, wal: wal, snapshots: snapshots) } catch { throw .storage("\(error)") }
        let (hardState, confState) = storage.initialState()
        let isNew = hardState.isEmpty && confState == ConfState() && storage.lastIndex() == 0
        if isNew && !members.isEmpty {
            try bootstrap(storage, members: members.keys.sorted())
        }
        var others = members
        others[nodeID] = nil
        if addresses.merge(others) { saveAddresses() }

        let stateMachine = factory()
        let snapshot = storage.snapshot()
        var floor = snapshot.metadata.index
        do {
            if let onDisk = stateMachine as? any OnDiskStateMachine {
                let durable = try onDisk.open()
                if durable < snapshot.metadata.index {
                    try recover(stateMachine, from: snapshot)
                } else {
                    floor = durable
                }
            } else if !snapshot.isEmpty {
                try recover(stateMachine, from: snapshot)
            }
        } catch let error as StateMachineError {
            throw .stateMachine(error.message)
        } catch let error as NodeHostError {
            throw error
        } catch {
            throw .stateMachine("\(error)")
        }
        let node: RawNode<DurableLogStorage>
        do {
            node = try RawNode(
                config: options.raftConfig(node: nodeID, group: id, applied: snapshot.metadata.index), storage: storage)
        } catch {
            throw .startFailed("group \(id): \(error)")
        }
        var groupLogger = logger
        groupLogger[metadataKey: "group"] = "\(id)"
        groupLogger[metadataKey: "term"] = "\(node.raft.term)"
        let group = GroupRuntime(
            id: id, node: node, storage: storage, stateMachine: stateMachine, options: options,
            applied: snapshot.metadata.index, stateMachineFloor: floor, applyLag: metrics.applyLag(group: id),
            logger: groupLogger)
        groups[id] = group
        group.logger.info(
            isNew ? (members.isEmpty ? "group waiting to join" : "group bootstrapped") : "group recovered",
            metadata: ["snapshot": "\(snapshot.metadata.index)", "last": "\(storage.lastIndex())", "applied": "\(floor)"])
    }

    /// The founding log, as etcd writes it: one committed entry per founding voter
    /// (term 1) adding it, so that a host that joins later rebuilds the membership by
    /// replaying the log from its start.
    private func bootstrap(_ storage: DurableLogStorage, members: [NodeID]) throws(NodeHostError) {
        let entries = members.enumerated().map { position, member in
            Entry(
                term: 1, index: Index(position + 1), kind: .confChange,
                data: ConfChange([ConfChange.Single(.addVoter, member)]).encoded())
        }
        do {
            try storage.setConfState(ConfState(voters: Set(members)))
            try storage.append(entries)
            try storage.setHardState(HardState(term: 1, vote: .none, commit: Index(entries.count)))
            do { try wal.sync() } catch { throw DurableStorageError.wal(error) }
        } catch {
            throw .storage("\(error)")
        }
    }

    private func recover(_ stateMachine: any StateMachine, from snapshot: Snapshot) throws {
        let (snapshotAddresses, data) = try HostSnapshotData.decode(snapshot.data)
        try stateMachine.recoverFromSnapshot(data)
        var others = snapshotAddresses
        others[nodeID] = nil
        if addresses.merge(others) { saveAddresses() }
    }
}
