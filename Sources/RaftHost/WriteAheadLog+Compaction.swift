extension WriteAheadLog {
    /// Deletes the oldest sealed segments whose entries every group has covered with a
    /// snapshot, and returns how many went.
    ///
    /// Only a prefix of the segments goes (replay stays a plain front-to-back pass), so a
    /// group that has not snapshotted holds back the segments from its oldest entry on.
    /// Before deleting, each group's latest hard state, membership and snapshot point
    /// that live in a doomed segment are written again into the current one and synced.
    @discardableResult
    public func compact() throws(WALError) -> Int {
        try checkUsable()
        var doomed: [Segment] = []
        for segment in segments.dropLast() {
            let covered = segment.lastEntryIndex.allSatisfy { group, last in
                (positions[group]?.snapshotIndex ?? 0) >= last
            }
            guard covered else { break }
            doomed.append(segment)
        }
        guard let newestDoomed = doomed.last?.sequence else { return 0 }
        for (group, records) in groups.sorted(by: { $0.key < $1.key }) {
            if let (state, segment) = records.hardState, segment <= newestDoomed {
                try add(.hardState(group: group, state))
            }
            if let (state, segment) = records.membership, segment <= newestDoomed {
                try add(.membership(group: group, state))
            }
            if let (metadata, segment) = records.snapshot, segment <= newestDoomed {
                // Restated, not replayed: the entries it would replace are already gone.
                try add(.snapshot(group: group, metadata, replacesLog: false))
            }
        }
        try sync()
        do {
            for segment in doomed {
                try Directory.remove(path(of: segment.sequence))
            }
            try Directory.sync(directory)
        } catch {
            throw fail(.file(error))
        }
        segments.removeFirst(doomed.count)
        return doomed.count
    }
}
