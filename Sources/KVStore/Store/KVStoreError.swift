/// Why a store operation failed.
public enum KVStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A key or value over ``KVLimits`` (`field` is `"key"` or `"value"`).
    case tooLarge(field: String, sizeBytes: Int, sizeBytesMax: Int)
    /// An empty key.
    case emptyKey
    /// The state machine refused the command (wrong owner, disabled key, …); `detail`
    /// names the missing role for ``KVOutcome/needsRole``.
    case refused(KVOutcome, detail: String)
    /// Replication could not run it (not the leader, no quorum, …).
    case backend(KVBackendError)
    /// A state machine answer this version cannot read.
    case corruptAnswer(KVCodingError)

    public var description: String {
        switch self {
        case let .tooLarge(field, size, max): return "\(field) of \(size) bytes is over the limit of \(max) bytes"
        case .emptyKey: return "the key is empty"
        case let .refused(outcome, detail): return "refused: \(outcome)" + (detail.isEmpty ? "" : " (\(detail))")
        case let .backend(error): return error.description
        case let .corruptAnswer(error): return "unreadable answer: \(error)"
        }
    }
}
