import Raft

extension HostLoop {
    /// Every `snapshotEveryEntries` applied entries: the state machine's state is captured
    /// here, between updates (after `sync` for an on-disk one); serializing it, adding the
    /// member addresses and writing and syncing the file happen on the snapshot worker
    /// while the loop goes on. The written snapshot comes back through the inbox
    /// (``snapshotWritten(_:_:)``). One snapshot per group at a time.
    func takeSnapshotIfDue(_ group: GroupRuntime) {
        let every = group.options.snapshotEveryEntries
        guard every > 0, group.failure == nil, group.snapshotInFlight == nil,
            group.applied >= group.lastSnapshotTaken + every + firstSnapshotDelay(every: every, group: group)
        else { return }
        let index = group.applied
        let serialize: SnapshotSerializer
        let term: Term
        do {
            if let onDisk = group.stateMachine as? any OnDiskStateMachine { try onDisk.sync() }
            serialize = try group.stateMachine.captureSnapshot()
            term = try group.storage.term(at: index)
        } catch {
            group.logger.error("snapshot failed", metadata: ["index": "\(index)", "error": "\(error)"])
            return
        }
        var addressBook = addresses.addresses
        addressBook[nodeID] = transport.localAddress
        let known = addressBook
        let metadata = SnapshotMetadata(index: index, term: term, confState: group.node.raft.confState)
        group.snapshotInFlight = index
        let (store, inbox, id) = (snapshots, inbox, group.id)
        snapshotWorker.async {
            let outcome: Result<Snapshot, SnapshotWriteFailure>
            do {
                var data = HostSnapshotData.header(addresses: known)
                try serialize(&data)
                let snapshot = Snapshot(metadata: metadata, data: data)
                try store.write(snapshot, group: id)
                outcome = .success(snapshot)
            } catch {
                outcome = .failure(SnapshotWriteFailure(index: index, reason: "\(error)"))
            }
            inbox.post(.snapshotWritten(id, outcome))
        }
    }

    /// Replicas that snapshot at the same index serialize and write their whole state at
    /// the same moment, and while they do every one of them is slow: a write then waits for
    /// a slow quorum. So a host delays a group's first snapshot by an eighth of the
    /// interval per step of its node ID (mod 4), and later ones keep that phase: with a
    /// 100 MB state, three replicas on one machine snapshotting at once lifted the P99 of
    /// 16 clients' writes from 2 to 11.5 ms. A snapshot installed from the leader takes the
    /// leader's phase.
    func firstSnapshotDelay(every: UInt64, group: GroupRuntime) -> UInt64 {
        group.lastSnapshotTaken == 0 ? every / 8 * (nodeID % 4) : 0
    }

    /// A snapshot the worker wrote: held until the log may be compacted to it, unless a
    /// snapshot received from the leader meanwhile made it old.
    func snapshotWritten(_ id: GroupID, _ outcome: Result<Snapshot, SnapshotWriteFailure>) {
        guard let group = groups[id] else { return }
        group.snapshotInFlight = nil
        switch outcome {
        case let .success(snapshot):
            let index = snapshot.metadata.index
            guard index > group.lastSnapshotTaken, index > group.snapshotIndex else { return }
            group.heldSnapshots.append(snapshot)
            group.lastSnapshotTaken = index
            metrics.snapshotsTaken.increment()
            group.logger.debug("snapshot taken", metadata: ["index": "\(index)"])
            compactIfDue(group)
        case let .failure(failure):
            // E.g. a full disk: the log stays as it is, and the next snapshot (after as
            // many entries again) tries again.
            group.lastSnapshotTaken = max(group.lastSnapshotTaken, failure.index)
            group.logger.error("snapshot not stored", metadata: ["index": "\(failure.index)", "error": "\(failure.reason)"])
        }
    }

    /// Compacts the log to the newest held snapshot that `entriesKeptAfterCompaction`
    /// applied entries have passed: the WAL records the point (and the membership there,
    /// from which a restart replays), the WAL's dead segments are freed.
    func compactIfDue(_ group: GroupRuntime) {
        let kept = group.options.entriesKeptAfterCompaction
        guard group.failure == nil,
            let position = group.heldSnapshots.lastIndex(where: { $0.metadata.index + kept <= group.applied })
        else { return }
        let snapshot = group.heldSnapshots[position]
        group.heldSnapshots.removeFirst(position + 1)
        let metadata = snapshot.metadata
        do throws(DurableStorageError) {
            try group.storage.adoptWrittenSnapshot(snapshot)
            try group.storage.setConfState(metadata.confState)
            do {
                try wal.sync()
                _ = try wal.compact()
            } catch {
                throw .wal(error)
            }
        } catch .wal(let error) {
            halt(.storage("snapshot at \(metadata.index): \(error)"))
            return
        } catch {
            // Superseded by a snapshot installed meanwhile: nothing to do.
            group.logger.debug("snapshot not adopted", metadata: ["index": "\(metadata.index)", "error": "\(error)"])
            return
        }
        group.snapshotIndex = metadata.index
    }
}

/// Why the snapshot worker could not produce or write a snapshot.
struct SnapshotWriteFailure: Error, Sendable {
    let index: Index
    let reason: String
}
