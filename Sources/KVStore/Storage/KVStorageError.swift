/// Why a KV store's state could not be read or written: SQLite refused (with its result
/// code and message), or a stored record does not decode. Both name the database file.
public enum KVStorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite returned `code` (e.g. 26, `SQLITE_NOTADB`, for a file that is not a database).
    case sqlite(file: String, code: Int32, message: String)
    /// A row SQLite returned is not a record this store wrote.
    case corrupt(file: String, reason: String)
    /// The on-disk state machine was used before `open()`.
    case notOpen(file: String)

    public var description: String {
        switch self {
        case let .sqlite(file, code, message): "\(file): SQLite error \(code): \(message)"
        case let .corrupt(file, reason): "\(file): corrupt store: \(reason)"
        case let .notOpen(file): "\(file): state machine not opened"
        }
    }
}
