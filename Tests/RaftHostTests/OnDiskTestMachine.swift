import Foundation
import Raft
import Synchronization
@testable import RaftHost

/// What an ``OnDiskTestMachine`` did, shared with the test across restarts.
final class OnDiskTestRecord: Sendable {
    private struct State {
        var updatedIndexes: [Index] = []
        var syncsAllowed = true
    }

    private let state = Mutex(State())
    let path: String

    init(path: String) { self.path = path }

    /// Every entry index handed to `update`, in order.
    var updatedIndexes: [Index] { state.withLock { $0.updatedIndexes } }
    func recordUpdate(_ indexes: [Index]) { state.withLock { $0.updatedIndexes += indexes } }
    func resetUpdates() { state.withLock { $0.updatedIndexes = [] } }

    /// When false, `sync` writes nothing: the machine behaves as if the process died
    /// after its last sync.
    var syncsAllowed: Bool {
        get { state.withLock { $0.syncsAllowed } }
        set { state.withLock { $0.syncsAllowed = newValue } }
    }
}

/// An on-disk state machine for the host tests: the `TestKeyValueMachine` map plus its
/// applied index, written to one file by `sync()` (first line the index, then `key=value`
/// lines); `open()` reads it back.
final class OnDiskTestMachine: OnDiskStateMachine {
    private let memory = TestKeyValueMachine()
    private var applied: Index = 0
    let record: OnDiskTestRecord

    init(record: OnDiskTestRecord) { self.record = record }

    func open() throws(StateMachineError) -> UInt64 {
        guard let text = try? String(contentsOfFile: record.path, encoding: .utf8) else { return 0 }
        guard let newline = text.firstIndex(of: "\n"), let index = Index(text[..<newline]) else {
            throw StateMachineError("bad file \(record.path)")
        }
        try memory.recoverFromSnapshot(Array(text[text.index(after: newline)...].utf8))
        applied = index
        return index
    }

    func sync() throws(StateMachineError) {
        guard record.syncsAllowed else { return }
        let text = "\(applied)\n" + String(decoding: try memory.saveSnapshot(), as: UTF8.self)
        do { try text.write(toFile: record.path, atomically: true, encoding: .utf8) } catch {
            throw StateMachineError("\(error)")
        }
    }

    func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
        record.recordUpdate(entries.map(\.index))
        if let last = entries.last { applied = last.index }
        return try memory.update(entries)
    }

    func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] { try memory.lookup(query) }

    func saveSnapshot() throws(StateMachineError) -> [UInt8] { try memory.saveSnapshot() }

    func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) { try memory.recoverFromSnapshot(data) }
}
