#if canImport(Glibc)
import Glibc
#endif
import Raft

extension WriteAheadLog {
    /// Replays every segment, oldest first, into per-group state.
    ///
    /// - A sealed segment (any but the last) must be entirely valid.
    /// - The last one may end in a write torn by a crash (a partial record, or a bad
    ///   checksum with nothing valid after it): the file is cut back to the last valid
    ///   record and the cut is reported. Bad bytes followed by a valid record are
    ///   damage to durable data and stop the open with ``WALError/corruption(file:offset:reason:)``.
    func recover() throws(WALError) {
        let lockPath = directory + "/LOCK"
        let lock: File
        do {
            try Directory.create(directory)
            lock = try File.open(lockPath, create: true)
        } catch {
            throw .file(error)
        }
        // A process that forks while another holds the lock (the lock's descriptor is
        // close-on-exec, but a child has a copy until it execs) or a predecessor still
        // exiting can hold it for a moment: try for up to a second before refusing.
        var locked = false
        for attempt in 0..<20 {
            do { locked = try lock.tryLock() } catch {
                lock.close()
                throw .file(error)
            }
            if locked || attempt == 19 { break }
            usleep(50_000)
        }
        guard locked else {
            lock.close()
            throw .locked(path: lockPath)
        }
        self.lock = lock
        let names: [String]
        do { names = try Directory.list(directory) } catch { throw .file(error) }
        let sequences = names.compactMap(WriteAheadLog.sequence(ofFileName:)).sorted()
        guard let lastSequence = sequences.last else {
            try startSegment(sequence: 1)
            recovery = RecoveryReport(segmentCount: 0, recordCount: 0, truncatedBytes: 0)
            return
        }
        var recordCount = 0
        for (position, sequence) in sequences.enumerated() {
            if position > 0 && sequence != sequences[position - 1] + 1 {
                let missing = sequences[position - 1] + 1
                throw .corruption(file: path(of: missing), offset: 0, reason: .missingSegment(sequence: missing))
            }
            let isLast = sequence == lastSequence
            let (scan, tornEnd, file) = try scanSegment(sequence, keepOpen: isLast)
            segments.append(Segment(sequence: sequence))
            for (_, record) in scan.records {
                replay(record, in: segments.count - 1)
            }
            recordCount += scan.records.count
            if isLast, let file {
                current = file
                recovery.truncatedBytes = UInt64(tornEnd - scan.validEndOffset)
                try cutTornTail(of: file, to: scan.validEndOffset, sequence: sequence)
            }
        }
        recovery.segmentCount = sequences.count
        recovery.recordCount = recordCount
        durableSnapshotIndexes = queuedSnapshotIndexes
        queuedSnapshotIndexes.removeAll()
        for (group, log) in recoveredLogs {
            if let first = log.entries.first, first.index != log.snapshot.index + 1 {
                throw .corruption(
                    file: directory, offset: 0,
                    reason: .logGap(group: group, snapshotIndex: log.snapshot.index, firstEntryIndex: first.index))
            }
        }
    }

    /// Reads segment `sequence` and decides what its invalid bytes (if any) mean. Returns
    /// the scan and, for the last segment, where a write torn by a crash ends (the last
    /// byte that is not zero: zeros after the records are preallocated space).
    private func scanSegment(_ sequence: UInt64, keepOpen: Bool) throws(WALError) -> (SegmentScan, Int, File?) {
        let path = path(of: sequence)
        let file: File
        let bytes: [UInt8]
        do {
            file = try File.open(path, readOnly: !keepOpen)
            bytes = try file.readAll()
        } catch {
            throw .file(error)
        }
        let scan = SegmentScan(bytes, sequence: sequence)
        var tornEnd = scan.validEndOffset
        if let (offset, reason) = scan.failure {
            tornEnd = (bytes.lastIndex { $0 != 0 } ?? -1) + 1
            // A sealed segment holds records only: anything else is damage. In the last one,
            // zeros after the records are preallocated space, and other bytes there are a
            // torn write, unless a valid record follows them.
            if !keepOpen || (tornEnd > offset && SegmentScan.hasValidRecord(in: bytes, after: offset)) {
                file.close()
                throw .corruption(file: path, offset: UInt64(offset), reason: reason)
            }
            tornEnd = max(tornEnd, scan.validEndOffset)
        }
        if keepOpen { return (scan, tornEnd, file) }
        file.close()
        return (scan, tornEnd, nil)
    }

    /// Cuts a torn write off the last segment (rewriting its header if nothing valid was
    /// left), preallocates it to the segment size again, and positions appends after
    /// its last record.
    private func cutTornTail(of file: File, to validEnd: Int, sequence: UInt64) throws(WALError) {
        do {
            if recovery.truncatedBytes > 0 || validEnd == 0 {
                try file.truncate(to: UInt64(validEnd))
                if validEnd == 0 {
                    var header = ByteWriter()
                    WALRecord.segmentHeader(sequence: sequence).encode(into: &header)
                    try file.write(header.bytes, at: 0)
                    writtenBytes = UInt64(header.bytes.count)
                } else {
                    writtenBytes = UInt64(validEnd)
                }
            } else {
                writtenBytes = UInt64(validEnd)
                if try file.size() >= UInt64(options.segmentSizeBytes) { return }
            }
            file.preallocate(to: UInt64(options.segmentSizeBytes))
            try file.syncAll()
        } catch {
            throw .file(error)
        }
    }

    /// Applies one recovered record to the group it belongs to.
    private func replay(_ record: WALRecord, in position: Int) {
        note(record, in: position)
        switch record {
        case .segmentHeader:
            break
        case .entries(let group, let entries):
            recoveredLogs[group, default: GroupLog()].append(entries)
        case .hardState(let group, let state):
            recoveredLogs[group, default: GroupLog()].hardState = state
        case .membership(let group, let state):
            recoveredLogs[group, default: GroupLog()].confState = state
        case .snapshot(let group, let metadata, let replacesLog):
            recoveredLogs[group, default: GroupLog()].applySnapshot(metadata, replacesLog: replacesLog)
        }
    }
}
