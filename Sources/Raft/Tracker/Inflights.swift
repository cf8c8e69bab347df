/// The append messages sent to one follower and not yet acknowledged, bounded by a
/// count and a byte budget: the pipelining window of etcd-raft's `Inflights`.
///
/// Each element is the last index of one message and its payload size; indexes
/// increase, so acknowledgements free a prefix.
struct Inflights: Equatable, Sendable {
    private var indexes: [Index] = []
    private var sizesBytes: [UInt64] = []
    private var head = 0
    private(set) var totalSizeBytes: UInt64 = 0
    let countMax: Int
    let sizeBytesMax: UInt64

    init(countMax: Int, sizeBytesMax: UInt64 = 0) {
        precondition(countMax > 0, "inflight window needs room for one message")
        self.countMax = countMax
        self.sizeBytesMax = sizeBytesMax
        indexes.reserveCapacity(countMax)
        sizesBytes.reserveCapacity(countMax)
    }

    var count: Int { indexes.count - head }

    /// No more messages may be sent until some are acknowledged.
    var isFull: Bool {
        count >= countMax || (sizeBytesMax != 0 && totalSizeBytes >= sizeBytesMax)
    }

    mutating func add(index: Index, sizeBytes: UInt64) {
        precondition(!isFull, "inflights full")
        if let last = indexes.last, head < indexes.count {
            precondition(index > last, "inflight index \(index) not after \(last)")
        }
        indexes.append(index)
        sizesBytes.append(sizeBytes)
        totalSizeBytes += sizeBytes
    }

    /// Frees every message whose last index is at or below `index`.
    mutating func free(through index: Index) {
        while head < indexes.count, indexes[head] <= index {
            totalSizeBytes -= sizesBytes[head]
            head += 1
        }
        if head == indexes.count {
            indexes.removeAll(keepingCapacity: true)
            sizesBytes.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= countMax {
            indexes.removeFirst(head)
            sizesBytes.removeFirst(head)
            head = 0
        }
    }

    mutating func reset() {
        indexes.removeAll(keepingCapacity: true)
        sizesBytes.removeAll(keepingCapacity: true)
        head = 0
        totalSizeBytes = 0
    }
}
