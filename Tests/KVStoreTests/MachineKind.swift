import Foundation
import RaftHost
import Testing
@testable import KVStore

/// The two state-machine kinds the semantics tests run against: the same commands must
/// give the same results, answers and snapshot bytes in both.
enum MachineKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite

    var testDescription: String { rawValue }
}

/// A fresh, empty directory under the system's temporary one, removed when released.
final class ScratchDirectory {
    let path: String

    init(_ label: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UInt64.random(in: 0...UInt64.max))").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A new, empty machine of `kind`; a SQLite one lives in `directory` and is opened.
func makeMachine(_ kind: MachineKind, in directory: ScratchDirectory, name: String = "sm.sqlite") -> any StateMachine {
    switch kind {
    case .memory:
        return KVStateMachine()
    case .sqlite:
        let machine = KVDiskStateMachine(path: directory.path + "/" + name)
        _ = try! machine.open()
        return machine
    }
}
