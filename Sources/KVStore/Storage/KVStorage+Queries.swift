import RaftHost
import SHA3

/// The read-only queries (``KVQuery``), answered from any ``KVStorage``.
extension KVStorage {
    func answer(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] {
        let decoded: KVQuery
        do { decoded = try KVQuery(decoding: query) } catch { throw StateMachineError("bad query: \(error)") }
        do {
            return try answer(decoded)
        } catch {
            throw StateMachineError("\(error)")
        }
    }

    private func answer(_ query: KVQuery) throws(KVStorageError) -> [UInt8] {
        switch query {
        case let .get(key):
            guard let entry = try entry(key), let value = entry.value else { return KVGetAnswer.missing.encoded() }
            return (entry.isDisabled ? KVGetAnswer.disabled : .value(value)).encoded()
        case let .entry(key):
            return KVEntry.encodeAnswer(try entry(key))
        case let .list(prefix, limit):
            return try list(prefix: prefix, limit: Int(limit)).encoded()
        case .hash:
            return SHA3_256.hash(try snapshotBytes())
        case .owned:
            var keys: [[UInt8]] = [], entries: [KVEntry] = []
            try scan(prefix: []) { key, entry in
                if entry.owner != nil && entry.value != nil {
                    keys.append(key)
                    entries.append(entry)
                }
                return true
            }
            return KVOwnedAnswer(keys: keys, entries: entries).encoded()
        case .stats:
            return KVStats(keyCount: UInt64(try valueCount()), appliedIndex: appliedIndex).encoded()
        }
    }

    /// Keys under `prefix` with a value and not disabled, ascending, at most `limit`, and
    /// whether more matched.
    private func list(prefix: [UInt8], limit: Int) throws(KVStorageError) -> KVListAnswer {
        var keys: [[UInt8]] = [], values: [[UInt8]] = []
        var truncated = false
        try scan(prefix: prefix) { key, entry in
            guard let value = entry.value, !entry.isDisabled else { return true }
            guard keys.count < limit else {
                truncated = true
                return false
            }
            keys.append(key)
            values.append(value)
            return true
        }
        return KVListAnswer(keys: keys, values: values, truncated: truncated)
    }
}
