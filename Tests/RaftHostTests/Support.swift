import Foundation
import Raft
@testable import RaftHost

/// A fresh directory under the system's temporary one, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "raft-host-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var walPath: String { path + "/wal" }
    var snapshotPath: String { path + "/snapshots" }
}

enum Files {
    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    /// Flips every bit of the byte at `offset`.
    static func flipByte(at offset: Int, in path: String) throws {
        var bytes = try bytes(path)
        bytes[offset] ^= 0xFF
        try write(bytes, to: path)
    }

    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    static func copyDirectory(_ from: String, to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }
}

extension Entry {
    /// Entries `first...last` of `term`, each carrying its index and term as data.
    static func run(_ first: Index, _ last: Index, term: Term) -> [Entry] {
        (first...last).map { Entry(term: term, index: $0, data: Array("\($0)@\(term)".utf8)) }
    }
}

extension Files {
    static func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
