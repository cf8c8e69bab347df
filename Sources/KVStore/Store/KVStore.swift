import RaftHost
import SHA3

/// The key-value store as its APIs use it: typed operations over a ``KVBackend``, with
/// keys sharded over the backend's groups and sizes checked against ``KVLimits``.
///
/// ```swift
/// let store = KVStore(backend: LocalKVBackend())
/// try await store.put(Array("k".utf8), Array("v".utf8))
/// let value = try await store.get(Array("k".utf8), level: .readIndex)
/// ```
public final class KVStore: Sendable {
    public let backend: any KVBackend
    public let sharding: KeySharding
    public let limits: KVLimits

    public init(backend: any KVBackend, limits: KVLimits = KVLimits()) {
        self.backend = backend
        sharding = KeySharding(groupCount: backend.groupCount)
        self.limits = limits
    }

    public func put(_ key: [UInt8], _ value: [UInt8]) async throws(KVStoreError) {
        try checkValue(value)
        try await expectOK(apply(.put(key: key, value: value)))
    }

    /// Deletes `key`; true when it existed.
    @discardableResult
    public func delete(_ key: [UInt8]) async throws(KVStoreError) -> Bool {
        try await expectOK(apply(.delete(key: key))).data == [1]
    }

    /// Sets `new` (nil deletes) when the value is `expected` (nil: absent); false when it was not.
    public func compareAndSet(_ key: [UInt8], expected: [UInt8]?, new: [UInt8]?) async throws(KVStoreError) -> Bool {
        if let new { try checkValue(new) }
        let result = try await apply(.compareAndSet(key: key, expected: expected, new: new))
        if result.value == KVOutcome.compareFailed.rawValue { return false }
        _ = try expectOK(result)
        return true
    }

    /// The value of `key`, nil when absent; a disabled key is ``KVStoreError/refused(_:detail:)``.
    public func get(_ key: [UInt8], level: KVReadLevel) async throws(KVStoreError) -> [UInt8]? {
        try checkKey(key)
        let answer = try await read(.get(key: key), group: sharding.group(for: key), level: level)
        switch try decode({ () throws(KVCodingError) in try KVGetAnswer(decoding: answer) }) {
        case .missing: return nil
        case let .value(value): return value
        case .disabled: throw .refused(.keyDisabled, detail: "")
        }
    }

    /// The key's entry with its MANY metadata, nil when the store knows nothing of it.
    public func entry(_ key: [UInt8], level: KVReadLevel) async throws(KVStoreError) -> KVEntry? {
        try checkKey(key)
        let answer = try await read(.entry(key: key), group: sharding.group(for: key), level: level)
        return try decode({ () throws(KVCodingError) in try KVEntry.decodeAnswer(answer) })
    }

    /// Keys starting with `prefix`, ascending, at most `limit` (and ``KVLimits/listCountMax``),
    /// merged over all groups.
    public func list(prefix: [UInt8], limit: Int, level: KVReadLevel) async throws(KVStoreError) -> KVListAnswer {
        let limit = max(0, min(limit, limits.listCountMax))
        var merged: [([UInt8], [UInt8])] = []
        var truncated = false
        for group in 0..<sharding.groupCount {
            let answer = try await read(.list(prefix: prefix, limit: UInt32(limit)), group: group, level: level)
            let part = try decode({ () throws(KVCodingError) in try KVListAnswer(decoding: answer) })
            truncated = truncated || part.truncated
            merged += zip(part.keys, part.values).map { ($0, $1) }
        }
        merged.sort { $0.0.lexicographicallyPrecedes($1.0) }
        truncated = truncated || merged.count > limit
        let kept = merged.prefix(limit)
        return KVListAnswer(keys: kept.map(\.0), values: kept.map(\.1), truncated: truncated)
    }

    /// Every key with a MANY owner and a value, with its entry, ascending, over all groups.
    public func owned(level: KVReadLevel) async throws(KVStoreError) -> KVOwnedAnswer {
        var merged: [([UInt8], KVEntry)] = []
        for group in 0..<sharding.groupCount {
            let answer = try await read(.owned, group: group, level: level)
            let part = try decode({ () throws(KVCodingError) in try KVOwnedAnswer(decoding: answer) })
            merged += zip(part.keys, part.entries).map { ($0, $1) }
        }
        merged.sort { $0.0.lexicographicallyPrecedes($1.0) }
        return KVOwnedAnswer(keys: merged.map(\.0), entries: merged.map(\.1))
    }

    /// The state's hash: the group's SHA3-256 with one group, else SHA3-256 over the groups' hashes.
    public func hash(level: KVReadLevel) async throws(KVStoreError) -> [UInt8] {
        var hashes: [UInt8] = []
        for group in 0..<sharding.groupCount { hashes += try await read(.hash, group: group, level: level) }
        return sharding.groupCount == 1 ? hashes : SHA3_256.hash(hashes)
    }

    /// Keys with a value, summed over the groups.
    public func keyCount(level: KVReadLevel) async throws(KVStoreError) -> UInt64 {
        var total: UInt64 = 0
        for group in 0..<sharding.groupCount {
            let answer = try await read(.stats, group: group, level: level)
            total += try decode({ () throws(KVCodingError) in try KVStats(decoding: answer) }).keyCount
        }
        return total
    }

    /// Loads the initial state: every group gets the root identity and the accounts, and
    /// the ACL entries of the keys it owns. False when the store already had a state.
    @discardableResult
    public func initialize(_ state: KVInitialState) async throws(KVStoreError) -> Bool {
        var fresh = false
        for group in 0..<sharding.groupCount {
            var part = state
            part.acl = state.acl.filter { sharding.group(for: $0.key) == group }
            let result: StateMachineResult
            do { result = try await backend.propose(group: group, command: KVCommand.initialize(part).encoded()) } catch { throw .backend(error) }
            if result.value == KVOutcome.ok.rawValue { fresh = true } else if result.value != KVOutcome.alreadyInitialized.rawValue {
                _ = try expectOK(result)
            }
        }
        return fresh
    }

    /// Proposes a keyed command to the group that owns its key and returns the raw result
    /// (the MANY module maps refusals to many-rs's errors itself).
    public func apply(_ command: KVCommand) async throws(KVStoreError) -> StateMachineResult {
        guard let key = command.key else { throw .refused(.badCommand, detail: "command without a key") }
        try checkKey(key)
        do {
            return try await backend.propose(group: sharding.group(for: key), command: command.encoded())
        } catch {
            throw .backend(error)
        }
    }

    private func read(_ query: KVQuery, group: Int, level: KVReadLevel) async throws(KVStoreError) -> [UInt8] {
        do { return try await backend.read(group: group, query: query.encoded(), level: level) } catch { throw .backend(error) }
    }

    @discardableResult
    private func expectOK(_ result: StateMachineResult) throws(KVStoreError) -> StateMachineResult {
        guard result.value != KVOutcome.ok.rawValue else { return result }
        throw .refused(KVOutcome(rawValue: result.value) ?? .badCommand, detail: String(decoding: result.data, as: UTF8.self))
    }

    private func decode<T>(_ body: () throws(KVCodingError) -> T) throws(KVStoreError) -> T {
        do { return try body() } catch { throw .corruptAnswer(error) }
    }

    func checkKey(_ key: [UInt8]) throws(KVStoreError) {
        guard !key.isEmpty else { throw .emptyKey }
        guard key.count <= limits.keySizeBytesMax else {
            throw .tooLarge(field: "key", sizeBytes: key.count, sizeBytesMax: limits.keySizeBytesMax)
        }
    }

    func checkValue(_ value: [UInt8]) throws(KVStoreError) {
        guard value.count <= limits.valueSizeBytesMax else {
            throw .tooLarge(field: "value", sizeBytes: value.count, sizeBytesMax: limits.valueSizeBytesMax)
        }
    }
}
