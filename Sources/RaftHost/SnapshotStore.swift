#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Raft

/// The snapshot files of many groups in one directory, named
/// `snapshot-<group>-<index>.snap` (16 hex digits each).
///
/// A write is atomic and durable: the bytes go to a `.tmp` file, which is fsynced,
/// renamed into place, and the directory fsynced; only then is the snapshot real (and
/// only then may the WAL record its point). A read verifies the checksum and the
/// metadata before handing anything out. ``prune(group:below:)`` deletes all but the
/// newest `retainedCount` snapshots of a group, sparing any the WAL may still point to.
public struct SnapshotStore: Sendable {
    public let directory: String
    public let retainedCount: Int

    /// Opens (creating if needed) `directory` and removes `.tmp` files a crash left.
    public init(directory: String, retainedCount: Int = 2) throws(SnapshotError) {
        self.directory = directory
        self.retainedCount = max(1, retainedCount)
        do {
            try Directory.create(directory)
            for name in try Directory.list(directory) where name.hasPrefix("snapshot-") && name.hasSuffix(".tmp") {
                try Directory.remove(directory + "/" + name)
            }
        } catch {
            throw .file(error)
        }
    }

    /// Writes `snapshot` of `group` durably and returns its path.
    @discardableResult
    public func write(_ snapshot: Snapshot, group: GroupID) throws(SnapshotError) -> String {
        let path = path(group: group, index: snapshot.metadata.index)
        let temporary = path + ".tmp"
        do {
            let file = try File.open(temporary, create: true)
            defer { file.close() }
            try file.truncate(to: 0)
            let (header, trailer) = SnapshotFile.frame(snapshot, group: group)
            try file.write(header, at: 0)
            try file.write(snapshot.data, at: UInt64(header.count))
            try file.write(trailer, at: UInt64(header.count + snapshot.data.count))
            try file.sync()
            try Directory.rename(temporary, to: path)
            try Directory.sync(directory)
        } catch {
            throw .file(error)
        }
        return path
    }

    /// The snapshot of `group` at `expected.index`, checked to hold exactly `expected`.
    public func read(group: GroupID, expected: SnapshotMetadata) throws(SnapshotError) -> Snapshot {
        let snapshot = try read(group: group, index: expected.index)
        if snapshot.metadata != expected {
            throw .metadataMismatch(file: path(group: group, index: expected.index), expected: expected, found: snapshot.metadata)
        }
        return snapshot
    }

    /// The snapshot of `group` at `index`, checked against its checksum and file name.
    public func read(group: GroupID, index: Index) throws(SnapshotError) -> Snapshot {
        let path = path(group: group, index: index)
        let bytes: [UInt8]
        do {
            let file = try File.open(path, readOnly: true)
            defer { file.close() }
            bytes = try file.readAll()
        } catch {
            if error.code == ENOENT { throw .missing(group: group, index: index) }
            throw .file(error)
        }
        let (foundGroup, snapshot) = try SnapshotFile.decode(bytes, path: path)
        if foundGroup != group { throw .corrupt(file: path, reason: .wrongGroup(foundGroup)) }
        if snapshot.metadata.index != index {
            var expected = snapshot.metadata
            expected.index = index
            throw .metadataMismatch(file: path, expected: expected, found: snapshot.metadata)
        }
        return snapshot
    }

    /// The indexes of `group`'s snapshot files, ascending.
    public func indexes(group: GroupID) throws(SnapshotError) -> [Index] {
        let prefix = "snapshot-" + SnapshotStore.hex(group) + "-"
        let names: [String]
        do { names = try Directory.list(directory) } catch { throw .file(error) }
        return names.compactMap { name -> Index? in
            guard name.hasPrefix(prefix), name.hasSuffix(".snap"), name.utf8.count == prefix.utf8.count + 21 else { return nil }
            return Index(name.dropFirst(prefix.utf8.count).prefix(16), radix: 16)
        }.sorted()
    }

    /// Deletes all but the newest `retainedCount` snapshots of `group`, and of those
    /// only the ones below `limit`: the snapshot a durable WAL record points to must
    /// survive until a newer point is durable, whatever was written since.
    public func prune(group: GroupID, below limit: Index = .max) throws(SnapshotError) {
        let indexes = try indexes(group: group)
        guard indexes.count > retainedCount else { return }
        do {
            for index in indexes.dropLast(retainedCount) where index < limit {
                try Directory.remove(path(group: group, index: index))
            }
            try Directory.sync(directory)
        } catch {
            throw .file(error)
        }
    }

    public func path(group: GroupID, index: Index) -> String {
        directory + "/snapshot-" + SnapshotStore.hex(group) + "-" + SnapshotStore.hex(index) + ".snap"
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
