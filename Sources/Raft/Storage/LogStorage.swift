/// Why a read from ``LogStorage`` could not be served.
public enum StorageError: Error, Sendable, Equatable {
    /// The requested index precedes the last snapshot: the entries are gone.
    case compacted
    /// The requested index is past the last stored entry.
    case unavailable
    /// A snapshot older than the one already held was offered.
    case snapshotOutOfDate
    /// The snapshot is being produced; the leader retries later.
    case snapshotTemporarilyUnavailable
}

/// Read access to the durable part of the log, as the engine needs it.
///
/// Writing is the caller's job: it appends the entries of each ``Ready`` and stores
/// its hard state; the engine only reads. Implementations must return what was
/// written, including after a restart. The log is `(firstIndex() ... lastIndex())`,
/// preceded by a snapshot whose index is `firstIndex() - 1` and whose term is
/// available from `term(at:)`.
public protocol LogStorage: AnyObject {
    /// The hard state and membership persisted last (read on start).
    func initialState() throws(StorageError) -> (HardState, ConfState)
    /// Entries in `lo..<hi`, the first always included and the rest up to
    /// `maxSizeBytes` in total.
    func entries(from lo: Index, to hi: Index, maxSizeBytes: UInt64) throws(StorageError) -> [Entry]
    /// The term of entry `index`, for `firstIndex() - 1 ... lastIndex()`.
    func term(at index: Index) throws(StorageError) -> Term
    /// The index of the first entry still available (one past the snapshot).
    func firstIndex() throws(StorageError) -> Index
    /// The index of the last stored entry.
    func lastIndex() throws(StorageError) -> Index
    /// The most recent snapshot.
    func snapshot() throws(StorageError) -> Snapshot
}
