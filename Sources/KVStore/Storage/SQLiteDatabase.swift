import CSQLite

/// One SQLite connection to one file, used from one thread at a time (no SQLite mutex).
/// Every failure is a ``KVStorageError`` naming the file.
final class SQLiteDatabase {
    let path: String
    let handle: OpaquePointer

    init(path: String) throws(KVStorageError) {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw .sqlite(file: path, code: code, message: message)
        }
        self.path = path
        handle = opened
        sqlite3_extended_result_codes(handle, 0)
    }

    deinit {
        // v2: closes once the statements (which hold this object) are finalized.
        sqlite3_close_v2(handle)
    }

    /// Runs statements that return no rows we need (schema, pragmas).
    func execute(_ sql: String) throws(KVStorageError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    func prepare(_ sql: String) throws(KVStorageError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return SQLiteStatement(database: self, handle: statement)
    }

    func error(_ code: Int32) -> KVStorageError {
        .sqlite(file: path, code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}
