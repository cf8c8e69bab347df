import CSQLite

/// A prepared statement, kept for the connection's life and reset after each use.
final class SQLiteStatement {
    private let database: SQLiteDatabase
    private let handle: OpaquePointer

    init(database: SQLiteDatabase, handle: OpaquePointer) {
        self.database = database
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds a blob (copied); an empty one is a zero-length blob, not NULL.
    func bind(_ position: Int32, _ bytes: [UInt8]) throws(KVStorageError) {
        let code =
            bytes.isEmpty
            ? sqlite3_bind_zeroblob(handle, position, 0)
            : bytes.withUnsafeBytes { sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), csqlite_transient()) }
        guard code == SQLITE_OK else { throw database.error(code) }
    }

    func bind(_ position: Int32, _ value: Int64) throws(KVStorageError) {
        let code = sqlite3_bind_int64(handle, position, value)
        guard code == SQLITE_OK else { throw database.error(code) }
    }

    /// Steps once: true with a row to read, false when done.
    func step() throws(KVStorageError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            sqlite3_reset(handle)
            throw database.error(code)
        }
    }

    /// Runs a statement that returns no rows, then resets it.
    func run() throws(KVStorageError) {
        defer { reset() }
        _ = try step()
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let base = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Ready for the next use: no row in progress, no bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
