import Raft

/// A write-ahead log shared by many Raft groups, in the spirit of Dragonboat's shared
/// log: every group's entries, hard states, snapshot points and memberships go into one
/// sequence of segment files, so one sync makes a whole batch durable (group commit).
///
/// ```swift
/// let wal = try WriteAheadLog(directory: path)
/// for (group, ready) in readies {                 // many groups, one batch
///     try wal.append(entries: ready.entries, group: group)
///     if let state = ready.hardState { try wal.append(hardState: state, group: group) }
/// }
/// try wal.sync()                                  // one fdatasync for all of them
/// // only now send the Readies' messages
/// ```
///
/// Groups normally use it through ``DurableLogStorage``, which keeps their index.
/// Opening replays every segment (see ``RecoveryReport``); ``compact()`` deletes old
/// segments once every group has snapshotted past their entries. Not thread-safe:
/// one owner (the host's storage thread) calls it.
public final class WriteAheadLog {
    /// Sizes of the files and buffers.
    public struct Options: Sendable {
        /// A segment is sealed and a new one started once it would grow past this
        /// (a single larger record still gets a segment of its own).
        public var segmentSizeBytes: Int = 64 << 20
        /// The largest record accepted (an entries batch of one group, framed); at most
        /// `UInt32.max`, the frame's length field.
        public var maxRecordSizeBytes: Int = 64 << 20 {
            didSet { maxRecordSizeBytes = min(maxRecordSizeBytes, Int(UInt32.max)) }
        }
        /// Appended records are written out (without sync) once this many bytes wait.
        public var writeBufferSizeBytes: Int = 1 << 20

        public init() {}
    }

    /// What opening the log found.
    public struct RecoveryReport: Sendable, Equatable {
        /// Segment files replayed.
        public var segmentCount: Int
        /// Records replayed (segment headers included).
        public var recordCount: Int
        /// Bytes cut from the end of the last segment: a write torn by a crash.
        public var truncatedBytes: UInt64
    }

    public let directory: String
    public let options: Options
    /// What opening the log found.
    public internal(set) var recovery = RecoveryReport(segmentCount: 0, recordCount: 0, truncatedBytes: 0)
    /// Syncs done since opening (the benchmark's fsync count).
    public private(set) var syncCount = 0

    /// Per-group state rebuilt on open, handed to each group's storage once.
    var recoveredLogs: [GroupID: GroupLog] = [:]
    /// What compaction must know about each group.
    var groups: [GroupID: GroupRecords] = [:]
    /// Each group's last index and snapshot point (read on every append, so kept apart
    /// from the heavier records).
    var positions: [GroupID: GroupPositions] = [:]
    /// Live segments, oldest first; the last one takes appends.
    var segments: [Segment] = []
    var current: File?
    /// The directory's `LOCK` file, held (flock) while the log is open.
    var lock: File?
    /// Bytes of the current segment already written to its file.
    var writtenBytes: UInt64 = 0
    /// Encoded records not yet written.
    var pending = ByteWriter(capacity: 1 << 16)
    /// Set by a failed write or sync: the log is unusable until reopened.
    var failure: WALError?
    /// Each group's snapshot point as of the last sync (or recovery), and the ones
    /// queued since: a crash now leaves the log pointing at the former.
    var durableSnapshotIndexes: [GroupID: Index] = [:]
    var queuedSnapshotIndexes: [GroupID: Index] = [:]

    /// One segment file's sequence and the highest entry index each group has in it.
    struct Segment {
        var sequence: UInt64
        var lastEntryIndex: [GroupID: Index] = [:]
    }

    /// Where a group's log stands.
    struct GroupPositions {
        /// The index the group's next entry may follow (its last entry or snapshot point).
        var lastIndex: Index = 0
        var snapshotIndex: Index = 0
    }

    /// The latest record of each kind a group has, and the segment that holds it.
    struct GroupRecords {
        var hardState: (value: HardState, segment: UInt64)?
        var membership: (value: ConfState, segment: UInt64)?
        var snapshot: (value: SnapshotMetadata, segment: UInt64)?
    }

    /// Opens (creating if needed) the log in `directory` and replays it.
    public init(directory: String, options: Options = Options()) throws(WALError) {
        self.directory = directory
        self.options = options
        try recover()
    }

    deinit {
        current?.close()
        lock?.close()
    }

    /// The groups that have records in the log, in ascending order.
    public var recoveredGroups: [GroupID] { recoveredLogs.keys.sorted() }

    /// Paths of the live segment files, oldest first.
    public var segmentPaths: [String] { segments.map { path(of: $0.sequence) } }

    /// Takes group `group`'s recovered state (empty if it has none); a second call gets an empty one.
    func takeRecoveredLog(group: GroupID) -> GroupLog {
        recoveredLogs.removeValue(forKey: group) ?? GroupLog()
    }

    // MARK: Appending

    /// Queues consecutive `entries` of `group`; on replay they overwrite the group's
    /// log from their first index on.
    public func append(entries: [Entry], group: GroupID) throws(WALError) {
        guard let first = entries.first else { return }
        for (offset, entry) in entries.enumerated() where entry.index != first.index + UInt64(offset) {
            throw .invalidAppend(group: group, reason: "entry \(entry.index) at position \(offset) after \(first.index)")
        }
        // Bound before encoding (the frame's length field is 32 bits).
        let sizeBytes = entries.reduce(WALRecord.frameHeaderSizeBytes + 20) { $0 + 13 + $1.data.count }
        if sizeBytes > options.maxRecordSizeBytes {
            throw .recordTooLarge(sizeBytes: sizeBytes, maxBytes: options.maxRecordSizeBytes)
        }
        // A gap would make the log refuse to open (`logGap`): refuse it now instead.
        let last = positions[group]?.lastIndex ?? 0
        if first.index > last + 1 {
            throw .invalidAppend(group: group, reason: "entry \(first.index) after last index \(last)")
        }
        try add(.entries(group: group, entries))
    }

    /// Queues `group`'s hard state.
    public func append(hardState: HardState, group: GroupID) throws(WALError) {
        try add(.hardState(group: group, hardState))
    }

    /// Queues `group`'s membership.
    public func append(membership: ConfState, group: GroupID) throws(WALError) {
        try add(.membership(group: group, membership))
    }

    /// Queues the point up to which `group` is covered by a durable snapshot; entries
    /// up to it are dropped on replay, and the later ones too when `replacesLog`.
    public func append(snapshot: SnapshotMetadata, replacesLog: Bool, group: GroupID) throws(WALError) {
        try add(.snapshot(group: group, snapshot, replacesLog: replacesLog))
    }

    /// Makes everything appended so far durable: one write of the batch and one
    /// fdatasync. Send the messages that depend on the batch only after it returns.
    public func sync() throws(WALError) {
        try checkUsable()
        try flush()
        guard let file = current else { throw .closed }
        do { try file.sync() } catch { throw fail(.file(error)) }
        syncCount += 1
        durableSnapshotIndexes.merge(queuedSnapshotIndexes) { $1 }
        queuedSnapshotIndexes.removeAll()
    }

    /// The snapshot point of `group` that survives a crash now: its snapshot file must
    /// not be deleted (see ``SnapshotStore/prune(group:below:)``).
    public func durableSnapshotIndex(group: GroupID) -> Index {
        durableSnapshotIndexes[group] ?? 0
    }

    /// Syncs what is pending, closes the current segment and releases the directory.
    public func close() throws(WALError) {
        if current != nil && failure == nil { try sync() }
        current?.close()
        current = nil
        lock?.close()
        lock = nil
        failure = .closed
    }

    func add(_ record: WALRecord) throws(WALError) {
        try checkUsable()
        let start = pending.bytes.count
        record.encode(into: &pending)
        let size = pending.bytes.count - start
        if size > options.maxRecordSizeBytes {
            pending.bytes.removeSubrange(start...)
            throw .recordTooLarge(sizeBytes: size, maxBytes: options.maxRecordSizeBytes)
        }
        let segmentBytes = writtenBytes + UInt64(pending.bytes.count)
        if segmentBytes > UInt64(options.segmentSizeBytes) && writtenBytes + UInt64(start) > WriteAheadLog.headerSizeBytes {
            let moved = Array(pending.bytes[start...])
            pending.bytes.removeSubrange(start...)
            try rollOver()
            pending.bytes.append(contentsOf: moved)
        }
        note(record, in: segments.count - 1)
        if pending.bytes.count >= options.writeBufferSizeBytes { try flush() }
    }

    /// Keeps the compaction bookkeeping in step with a record placed in `segments[position]`.
    func note(_ record: WALRecord, in position: Int) {
        let sequence = segments[position].sequence
        switch record {
        case .segmentHeader:
            break
        case .entries(let group, let entries):
            // One hash lookup per table: this runs for every appended batch.
            let last = entries[entries.count - 1].index
            raise(&segments[position].lastEntryIndex[group, default: 0], to: last)
            advance(&positions[group, default: GroupPositions()], to: last)
        case .hardState(let group, let state):
            groups[group, default: GroupRecords()].hardState = (state, sequence)
        case .membership(let group, let state):
            groups[group, default: GroupRecords()].membership = (state, sequence)
        case .snapshot(let group, let metadata, let replacesLog):
            queuedSnapshotIndexes[group] = metadata.index
            groups[group, default: GroupRecords()].snapshot = (metadata, sequence)
            snapshot(&positions[group, default: GroupPositions()], at: metadata.index, replacesLog: replacesLog)
        }
    }

    private func raise(_ value: inout Index, to candidate: Index) {
        if candidate > value { value = candidate }
    }

    private func advance(_ position: inout GroupPositions, to last: Index) {
        position.lastIndex = max(last, position.snapshotIndex)
    }

    private func snapshot(_ position: inout GroupPositions, at index: Index, replacesLog: Bool) {
        position.snapshotIndex = index
        if replacesLog || position.lastIndex < index { position.lastIndex = index }
    }

    func checkUsable() throws(WALError) {
        if let failure { throw failure }
    }

    /// Remembers the first failure: later calls report it instead of writing blind.
    func fail(_ error: WALError) -> WALError {
        if failure == nil { failure = error }
        return error
    }
}
