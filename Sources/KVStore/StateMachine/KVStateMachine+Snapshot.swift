import ManyIdentity

/// Snapshot format, version 1: `"KVS" 1`, the applied index, the root identity (optional),
/// the entries sorted by key, then the accounts sorted by address. Sorting makes equal
/// states encode to equal bytes, so `kvstore.info`'s hash agrees across replicas.
extension KVStateMachine {
    static let snapshotMagic: [UInt8] = Array("KVS".utf8) + [1]

    func snapshotBytes() -> [UInt8] {
        var writer = KVByteWriter(capacity: 64 + entries.count * 64)
        for byte in Self.snapshotMagic { writer.u8(byte) }
        writer.u64(appliedIndex)
        writer.optionalAddress(rootIdentity)
        writer.u64(UInt64(entries.count))
        for (key, entry) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            writer.data(key)
            writer.entry(entry)
        }
        let sortedAccounts = accounts.values.sorted { $0.address.bytes.lexicographicallyPrecedes($1.address.bytes) }
        writer.u32(UInt32(sortedAccounts.count))
        for account in sortedAccounts { writer.account(account) }
        return writer.bytes
    }

    /// Replaces the state with a snapshot's, or throws and leaves it unchanged.
    func restore(_ bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        for expected in Self.snapshotMagic {
            guard try reader.u8() == expected else { throw KVCodingError(offset: 0, reason: "not a version-1 KV snapshot") }
        }
        let index = try reader.u64()
        let root = try reader.optionalAddress()
        let start = reader.position
        let entryCount = try reader.u64()
        guard entryCount <= UInt64(reader.remaining / 8) else { throw KVCodingError(offset: start, reason: "entry count past the end") }
        var restored: [[UInt8]: KVEntry] = [:]
        restored.reserveCapacity(Int(entryCount))
        for _ in 0..<entryCount {
            let key = try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax)
            restored[key] = try reader.entry()
        }
        var restoredAccounts: [Address: KVAccount] = [:]
        for _ in 0..<(try reader.count(max: KVCodingLimits.itemsMax, itemBytesMin: 6)) {
            let account = try reader.account()
            restoredAccounts[account.address] = account
        }
        try reader.expectEnd()
        (appliedIndex, rootIdentity, entries, accounts) = (index, root, restored, restoredAccounts)
    }
}
