import ManyIdentity

/// The SQLite store: one file, WAL journal, `synchronous=NORMAL`, prepared statements
/// reused for every call. Entries and accounts are rows keyed by their bytes (SQLite
/// orders blobs bytewise, so scans and snapshots come out in the in-memory order); the
/// applied index and root identity are rows of `kv_meta`.
///
/// Writes go to the open transaction (``begin()`` … ``commit()``); ``commit()`` records the
/// applied index in the same transaction, so what is on disk is always a state after a
/// whole batch, and its index says which.
final class KVSQLiteStorage: KVStorage {
    static let schema = """
        CREATE TABLE IF NOT EXISTS kv_entries(key BLOB PRIMARY KEY, has_value INTEGER NOT NULL, entry BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS kv_accounts(address BLOB PRIMARY KEY, account BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS kv_meta(name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
        """

    var appliedIndex: UInt64 = 0
    private(set) var rootIdentity: Address?
    private let database: SQLiteDatabase
    private let statements: KVSQLiteStatements

    /// Opens (or creates) the store at `path` and reads its applied index.
    init(path: String) throws(KVStorageError) {
        database = try SQLiteDatabase(path: path)
        // A file that is not a database fails here (SQLITE_NOTADB), before any write.
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16384;")
        try database.execute(Self.schema)
        statements = try KVSQLiteStatements(database)
        try loadMeta()
    }

    /// A second connection to the store at `path` holding a read transaction, begun here:
    /// it sees the state of the last commit before this call however much the first
    /// connection writes meanwhile (WAL mode), so a snapshot is read off the writer's
    /// thread. Finish with ``finishReading()``.
    init(readingSnapshotOf path: String) throws(KVStorageError) {
        database = try SQLiteDatabase(path: path)
        statements = try KVSQLiteStatements(database)
        try database.execute("BEGIN")
        // The first read fixes the transaction's view (a deferred BEGIN reads nothing).
        try loadMeta()
    }

    /// Ends the read transaction of ``init(readingSnapshotOf:)``.
    func finishReading() {
        try? database.execute("COMMIT")
    }

    var path: String { database.path }

    func begin() throws(KVStorageError) { try statements.begin.run() }

    /// Records the applied index and commits the open transaction.
    func commit() throws(KVStorageError) {
        try putMeta("applied", Self.encode(appliedIndex))
        try statements.commit.run()
    }

    /// Drops the open transaction and rereads what the last commit left.
    func rollback() throws(KVStorageError) {
        try statements.rollback.run()
        try loadMeta()
    }

    /// Makes every commit durable: a checkpoint syncs the WAL, copies it into the database
    /// file, syncs that and empties the WAL.
    func checkpoint() throws(KVStorageError) {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE);")
    }

    func entry(_ key: [UInt8]) throws(KVStorageError) -> KVEntry? {
        let select = statements.selectEntry
        defer { select.reset() }
        try select.bind(1, key)
        guard try select.step() else { return nil }
        return try decodeEntry(select.blob(0), key: key)
    }

    func putEntry(_ key: [UInt8], _ entry: KVEntry) throws(KVStorageError) {
        var writer = KVByteWriter(capacity: 16 + (entry.value?.count ?? 0))
        writer.entry(entry)
        let upsert = statements.upsertEntry
        try upsert.bind(1, key)
        try upsert.bind(2, entry.value == nil ? 0 : 1)
        try upsert.bind(3, writer.bytes)
        try upsert.run()
    }

    func removeEntry(_ key: [UInt8]) throws(KVStorageError) {
        try statements.deleteEntry.bind(1, key)
        try statements.deleteEntry.run()
    }

    func scan(prefix: [UInt8], _ visit: ([UInt8], KVEntry) -> Bool) throws(KVStorageError) {
        let scan = statements.scanEntries
        defer { scan.reset() }
        try scan.bind(1, prefix)
        while try scan.step() {
            let key = scan.blob(0)
            guard key.starts(with: prefix) else { return }
            guard visit(key, try decodeEntry(scan.blob(1), key: key)) else { return }
        }
    }

    func entryCount() throws(KVStorageError) -> Int { try count(statements.countEntries) }
    func valueCount() throws(KVStorageError) -> Int { try count(statements.countValues) }

    func account(_ address: Address) throws(KVStorageError) -> KVAccount? {
        let select = statements.selectAccount
        defer { select.reset() }
        try select.bind(1, address.bytes)
        guard try select.step() else { return nil }
        return try decodeAccount(select.blob(0))
    }

    func putAccount(_ account: KVAccount) throws(KVStorageError) {
        var writer = KVByteWriter()
        writer.account(account)
        try statements.upsertAccount.bind(1, account.address.bytes)
        try statements.upsertAccount.bind(2, writer.bytes)
        try statements.upsertAccount.run()
    }

    func sortedAccounts() throws(KVStorageError) -> [KVAccount] {
        let all = statements.allAccounts
        defer { all.reset() }
        var accounts: [KVAccount] = []
        while try all.step() { accounts.append(try decodeAccount(all.blob(0))) }
        return accounts
    }

    func setRootIdentity(_ identity: Address) throws(KVStorageError) {
        var writer = KVByteWriter()
        writer.address(identity)
        try putMeta("root", writer.bytes)
        rootIdentity = identity
    }

    /// Replaces the whole content in one transaction.
    func replace(with state: KVSnapshotState) throws(KVStorageError) {
        try begin()
        do {
            try database.execute("DELETE FROM kv_entries; DELETE FROM kv_accounts; DELETE FROM kv_meta;")
            rootIdentity = nil
            for (key, entry) in state.entries { try putEntry(key, entry) }
            for account in state.accounts { try putAccount(account) }
            if let root = state.rootIdentity { try setRootIdentity(root) }
            appliedIndex = state.appliedIndex
            try commit()
        } catch {
            try? rollback()
            throw error
        }
    }

    private func count(_ statement: SQLiteStatement) throws(KVStorageError) -> Int {
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return Int(statement.int64(0))
    }

    private func putMeta(_ name: String, _ value: [UInt8]) throws(KVStorageError) {
        try statements.upsertMeta.bind(1, Array(name.utf8))
        try statements.upsertMeta.bind(2, value)
        try statements.upsertMeta.run()
    }

    private func meta(_ name: String) throws(KVStorageError) -> [UInt8]? {
        let select = statements.selectMeta
        defer { select.reset() }
        try select.bind(1, Array(name.utf8))
        guard try select.step() else { return nil }
        return select.blob(0)
    }

    private func loadMeta() throws(KVStorageError) {
        appliedIndex = 0
        if let bytes = try meta("applied") {
            var reader = KVByteReader(bytes)
            do {
                appliedIndex = try reader.u64()
                try reader.expectEnd()
            } catch {
                throw .corrupt(file: path, reason: "applied index: \(error)")
            }
        }
        rootIdentity = nil
        if let bytes = try meta("root") {
            var reader = KVByteReader(bytes)
            do {
                rootIdentity = try reader.address()
                try reader.expectEnd()
            } catch {
                throw .corrupt(file: path, reason: "root identity: \(error)")
            }
        }
    }

    private func decodeEntry(_ bytes: [UInt8], key: [UInt8]) throws(KVStorageError) -> KVEntry {
        var reader = KVByteReader(bytes)
        do {
            let entry = try reader.entry()
            try reader.expectEnd()
            return entry
        } catch {
            throw .corrupt(file: path, reason: "entry of key \(key.count) bytes: \(error)")
        }
    }

    private func decodeAccount(_ bytes: [UInt8]) throws(KVStorageError) -> KVAccount {
        var reader = KVByteReader(bytes)
        do {
            let account = try reader.account()
            try reader.expectEnd()
            return account
        } catch {
            throw .corrupt(file: path, reason: "account: \(error)")
        }
    }

    private static func encode(_ index: UInt64) -> [UInt8] {
        var writer = KVByteWriter(capacity: 8)
        writer.u64(index)
        return writer.bytes
    }
}
