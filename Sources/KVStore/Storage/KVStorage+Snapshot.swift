import RaftHost
import ManyIdentity

/// Snapshot format, version 1: `"KVS" 1`, the applied index, the root identity (optional),
/// the entries sorted by key, then the accounts sorted by address. Sorting makes equal
/// states encode to equal bytes, so `kvstore.info`'s hash agrees across replicas, and
/// in-memory and SQLite replicas exchange snapshots.
enum KVSnapshotFormat {
    static let magic: [UInt8] = Array("KVS".utf8) + [1]

    /// Reads a snapshot whole, or throws before anything is replaced.
    static func decode(_ bytes: [UInt8]) throws(KVCodingError) -> KVSnapshotState {
        var reader = KVByteReader(bytes)
        for expected in magic {
            guard try reader.u8() == expected else { throw KVCodingError(offset: 0, reason: "not a version-1 KV snapshot") }
        }
        let index = try reader.u64()
        let root = try reader.optionalAddress()
        let start = reader.position
        let entryCount = try reader.u64()
        guard entryCount <= UInt64(reader.remaining / 8) else { throw KVCodingError(offset: start, reason: "entry count past the end") }
        var entries: [([UInt8], KVEntry)] = []
        entries.reserveCapacity(Int(entryCount))
        for _ in 0..<entryCount {
            let key = try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax)
            entries.append((key, try reader.entry()))
        }
        var accounts: [KVAccount] = []
        for _ in 0..<(try reader.count(max: KVCodingLimits.itemsMax, itemBytesMin: 6)) {
            accounts.append(try reader.account())
        }
        try reader.expectEnd()
        return KVSnapshotState(appliedIndex: index, rootIdentity: root, entries: entries, accounts: accounts)
    }
}

extension KVStorage {
    func snapshotBytes() throws(KVStorageError) -> [UInt8] {
        var bytes: [UInt8] = []
        try writeSnapshot(appendingTo: &bytes)
        return bytes
    }

    /// The snapshot, appended to `output`.
    func writeSnapshot(appendingTo output: inout [UInt8]) throws(KVStorageError) {
        let count = try entryCount()
        var writer = KVByteWriter(continuing: &output, capacity: 64 + count * 64)
        defer { writer.finish(into: &output) }
        for byte in KVSnapshotFormat.magic { writer.u8(byte) }
        writer.u64(appliedIndex)
        writer.optionalAddress(rootIdentity)
        writer.u64(UInt64(count))
        try scan(prefix: []) { key, entry in
            writer.data(key)
            writer.entry(entry)
            return true
        }
        let accounts = try sortedAccounts()
        writer.u32(UInt32(accounts.count))
        for account in accounts { writer.account(account) }
    }

    /// Replaces the state with a snapshot's, or throws and leaves it unchanged.
    func restore(_ bytes: [UInt8]) throws(StateMachineError) {
        let state: KVSnapshotState
        do { state = try KVSnapshotFormat.decode(bytes) } catch { throw StateMachineError("bad snapshot: \(error)") }
        do { try replace(with: state) } catch { throw StateMachineError("\(error)") }
    }
}
