/// The set of operations already linearized in a partition, as a bitset over their
/// partition-local ids.
///
/// It keys the checker's memo, so hashing must be cheap: a 64-bit fingerprint (the XOR of a
/// mixed value per member, Zobrist style) is kept up to date on every insert and remove, and
/// `hash(into:)` feeds only that. Equality compares the fingerprint first, then the words.
struct OperationBitset: Hashable {
    private(set) var words: [UInt64]
    private(set) var fingerprint: UInt64 = 0
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    func contains(_ member: Int) -> Bool {
        precondition(member >= 0 && member < capacity)
        return words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    mutating func insert(_ member: Int) {
        precondition(!contains(member), "operation \(member) linearized twice")
        words[member >> 6] |= 1 << UInt64(member & 63)
        fingerprint ^= Self.mix(member)
    }

    mutating func remove(_ member: Int) {
        precondition(contains(member), "operation \(member) was not linearized")
        words[member >> 6] &= ~(1 << UInt64(member & 63))
        fingerprint ^= Self.mix(member)
    }

    var count: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }

    /// SplitMix64's finalizer: distinct members get well-spread, independent-looking bits.
    static func mix(_ member: Int) -> UInt64 {
        var z = UInt64(truncatingIfNeeded: member) &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
