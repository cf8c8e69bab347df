import Raft

extension HostLoop {
    /// Every `snapshotEveryEntries` applied entries: the state machine's snapshot (after
    /// `sync` for an on-disk one) with the member addresses, held until the log may be
    /// compacted to it.
    func takeSnapshotIfDue(_ group: GroupRuntime) {
        let every = group.options.snapshotEveryEntries
        guard every > 0, group.failure == nil, group.applied >= group.lastSnapshotTaken + every else { return }
        let index = group.applied
        do throws(StateMachineError) {
            if let onDisk = group.stateMachine as? any OnDiskStateMachine { try onDisk.sync() }
            let state = try group.stateMachine.saveSnapshot()
            var known = addresses.addresses
            known[nodeID] = transport.localAddress
            let metadata = SnapshotMetadata(index: index, term: 0, confState: group.node.raft.confState)
            group.heldSnapshots.append(
                Snapshot(metadata: metadata, data: HostSnapshotData.encode(addresses: known, stateMachine: state)))
        } catch {
            group.logger.error("snapshot failed", metadata: ["index": "\(index)", "error": "\(error)"])
            return
        }
        group.lastSnapshotTaken = index
        metrics.snapshotsTaken.increment()
        group.logger.debug("snapshot taken", metadata: ["index": "\(index)"])
    }

    /// Compacts the log to the newest held snapshot that `entriesKeptAfterCompaction`
    /// applied entries have passed: its file is written and synced, the WAL records the
    /// point (and the membership there, from which a restart replays), the WAL's dead
    /// segments are freed.
    func compactIfDue(_ group: GroupRuntime) {
        let kept = group.options.entriesKeptAfterCompaction
        guard group.failure == nil,
            let position = group.heldSnapshots.lastIndex(where: { $0.metadata.index + kept <= group.applied })
        else { return }
        let snapshot = group.heldSnapshots[position]
        group.heldSnapshots.removeFirst(position + 1)
        let metadata = snapshot.metadata
        do throws(DurableStorageError) {
            try group.storage.createSnapshot(at: metadata.index, confState: metadata.confState, data: snapshot.data)
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
            // The snapshot file could not be written (e.g. a full disk): the log stays as
            // it is, and the next snapshot tries again.
            group.logger.error("snapshot not stored", metadata: ["index": "\(metadata.index)", "error": "\(error)"])
            return
        }
        group.snapshotIndex = metadata.index
    }
}
