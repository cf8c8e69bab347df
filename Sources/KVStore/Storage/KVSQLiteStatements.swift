/// The statements ``KVSQLiteStorage`` runs, prepared once when the store opens.
struct KVSQLiteStatements {
    let begin: SQLiteStatement
    let commit: SQLiteStatement
    let rollback: SQLiteStatement
    let selectEntry: SQLiteStatement
    let upsertEntry: SQLiteStatement
    let deleteEntry: SQLiteStatement
    let scanEntries: SQLiteStatement
    let countEntries: SQLiteStatement
    let countValues: SQLiteStatement
    let selectAccount: SQLiteStatement
    let upsertAccount: SQLiteStatement
    let allAccounts: SQLiteStatement
    let selectMeta: SQLiteStatement
    let upsertMeta: SQLiteStatement

    init(_ database: SQLiteDatabase) throws(KVStorageError) {
        begin = try database.prepare("BEGIN IMMEDIATE")
        commit = try database.prepare("COMMIT")
        rollback = try database.prepare("ROLLBACK")
        selectEntry = try database.prepare("SELECT entry FROM kv_entries WHERE key = ?1")
        upsertEntry = try database.prepare("INSERT OR REPLACE INTO kv_entries(key, has_value, entry) VALUES (?1, ?2, ?3)")
        deleteEntry = try database.prepare("DELETE FROM kv_entries WHERE key = ?1")
        scanEntries = try database.prepare("SELECT key, entry FROM kv_entries WHERE key >= ?1 ORDER BY key")
        countEntries = try database.prepare("SELECT count(*) FROM kv_entries")
        countValues = try database.prepare("SELECT count(*) FROM kv_entries WHERE has_value = 1")
        selectAccount = try database.prepare("SELECT account FROM kv_accounts WHERE address = ?1")
        upsertAccount = try database.prepare("INSERT OR REPLACE INTO kv_accounts(address, account) VALUES (?1, ?2)")
        allAccounts = try database.prepare("SELECT account FROM kv_accounts ORDER BY address")
        selectMeta = try database.prepare("SELECT value FROM kv_meta WHERE name = ?1")
        upsertMeta = try database.prepare("INSERT OR REPLACE INTO kv_meta(name, value) VALUES (?1, ?2)")
    }
}
