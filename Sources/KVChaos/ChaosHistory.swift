import Simulation
import Synchronization

/// The operations the clients ran, as the linearizability checker reads them: calls and
/// returns in nanoseconds since the run began; a write whose outcome is unknown (timeout,
/// server error, connection lost after sending) stays pending forever.
final class ChaosHistory: Sendable {
    typealias Input = KeyValueInput<String, String>
    typealias Output = KeyValueOutput<String>
    typealias Operation = ClientOperation<Input, Output>

    private let operations = Mutex<[Operation]>([])
    private let nextClient = Atomic<Int>(0)
    private let lostCount = Atomic<Int>(0)

    /// A fresh client identity: one per client thread, and a new one after each pending
    /// operation, so no client has two operations open.
    func newClientID() -> Int { nextClient.add(1, ordering: .relaxed).oldValue }

    func record(_ operation: Operation) {
        operations.withLock { $0.append(operation) }
    }

    /// A write answered "lost in a leader change": left out of the history as certainly
    /// without effect, and counted.
    func noteLost() { lostCount.add(1, ordering: .relaxed) }

    var all: [Operation] { operations.withLock { $0 } }

    struct Counts: CustomStringConvertible {
        var ok = 0, pending = 0, writes = 0, reads = 0, lost = 0
        var description: String {
            "\(ok) completed (\(writes) writes, \(reads) reads), \(pending) with unknown outcome, \(lost) lost in leader changes"
        }
    }

    var counts: Counts {
        var counts = Counts()
        counts.lost = lostCount.load(ordering: .relaxed)
        for operation in all {
            if operation.isPending { counts.pending += 1; continue }
            counts.ok += 1
            if case .get = operation.input { counts.reads += 1 } else { counts.writes += 1 }
        }
        return counts
    }
}
