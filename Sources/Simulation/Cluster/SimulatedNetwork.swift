import Raft

/// The network of a run: every message waits in a queue ordered by delivery time,
/// and links between nodes can be cut in one or both directions.
///
/// Loss, duplication and delay are decided by the simulation when a message is sent;
/// a cut checked at delivery also drops messages that were already in flight.
struct SimulatedNetwork {
    struct InFlight {
        var deliverAtMillis: Int64
        var sequence: UInt64
        var from: Endpoint
        var to: Endpoint
        var payload: SimulatedPayload
    }

    /// A directed link that drops everything.
    struct Link: Hashable {
        var from: NodeID
        var to: NodeID
    }

    private var heap: [InFlight] = []
    private var sequence: UInt64 = 0
    private(set) var cut: Set<Link> = []

    var inFlightCount: Int { heap.count }

    mutating func send(_ payload: SimulatedPayload, from: Endpoint, to: Endpoint, atMillis: Int64) {
        sequence += 1
        heap.append(InFlight(deliverAtMillis: atMillis, sequence: sequence, from: from, to: to, payload: payload))
        siftUp(heap.count - 1)
    }

    /// Removes and returns the next message due at or before `nowMillis`.
    mutating func nextDue(nowMillis: Int64) -> InFlight? {
        guard let first = heap.first, first.deliverAtMillis <= nowMillis else { return nil }
        heap.swapAt(0, heap.count - 1)
        let due = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return due
    }

    func isCut(from: Endpoint, to: Endpoint) -> Bool {
        guard case .node(let a) = from, case .node(let b) = to else { return false }
        return cut.contains(Link(from: a, to: b))
    }

    mutating func cutLink(from: NodeID, to: NodeID) {
        cut.insert(Link(from: from, to: to))
    }

    mutating func heal() {
        cut.removeAll()
    }

    // MARK: Heap

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        (heap[a].deliverAtMillis, heap[a].sequence) < (heap[b].deliverAtMillis, heap[b].sequence)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, precedes(left + 1, left) { smallest = left + 1 }
            guard precedes(smallest, parent) else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
