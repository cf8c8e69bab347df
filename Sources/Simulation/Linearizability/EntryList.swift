/// The call and return events of one partition, in time order, as a doubly linked list
/// (Lowe's "entry list"): linearizing an operation lifts its call and return out of the
/// list in O(1); backtracking unlifts them, in reverse order, also in O(1).
///
/// Entry 0 is a head sentinel; entries 1...2n are the events. Links are indices, so the
/// list is three flat arrays and no reference counting.
struct EntryList {
    static let none = -1

    private(set) var next: [Int]
    private(set) var previous: [Int]
    /// The partition-local operation of each entry (`none` for the head).
    let operation: [Int]
    /// For a call entry, its return entry; `none` for a return entry and the head.
    let matchingReturn: [Int]

    static let head = 0

    /// Orders events by time; at equal times calls come before returns (closed intervals:
    /// an operation returning at `t` is concurrent with one called at `t`). Pending returns
    /// come after everything. Remaining ties are broken by operation id, so the order, and
    /// with it the search, is deterministic.
    init(callTicks: [Int64], returnTicks: [Int64?]) {
        precondition(callTicks.count == returnTicks.count)
        struct Event { var tick: Int64; var rank: Int; var operation: Int; var isCall: Bool }
        var events: [Event] = []
        events.reserveCapacity(callTicks.count * 2)
        for (operation, callTick) in callTicks.enumerated() {
            events.append(Event(tick: callTick, rank: 0, operation: operation, isCall: true))
            if let returnTick = returnTicks[operation] {
                events.append(Event(tick: returnTick, rank: 1, operation: operation, isCall: false))
            } else {
                events.append(Event(tick: .max, rank: 2, operation: operation, isCall: false))
            }
        }
        events.sort { ($0.tick, $0.rank, $0.operation) < ($1.tick, $1.rank, $1.operation) }

        let count = events.count + 1
        var operation = Array(repeating: Self.none, count: count)
        var matchingReturn = Array(repeating: Self.none, count: count)
        var returnEntry = Array(repeating: Self.none, count: callTicks.count)
        for (index, event) in events.enumerated().reversed() {
            let entry = index + 1
            operation[entry] = event.operation
            if event.isCall {
                matchingReturn[entry] = returnEntry[event.operation]
            } else {
                returnEntry[event.operation] = entry
            }
        }
        self.operation = operation
        self.matchingReturn = matchingReturn
        next = (0..<count).map { $0 + 1 < count ? $0 + 1 : Self.none }
        previous = (0..<count).map { $0 - 1 }
    }

    var isEmpty: Bool { next[Self.head] == Self.none }

    func isCall(_ entry: Int) -> Bool { matchingReturn[entry] != Self.none }

    /// Removes a call entry and its return entry from the list.
    mutating func lift(_ call: Int) {
        let ret = matchingReturn[call]
        next[previous[call]] = next[call]
        previous[next[call]] = previous[call]  // a call is always followed by its return
        next[previous[ret]] = next[ret]
        if next[ret] != Self.none { previous[next[ret]] = previous[ret] }
    }

    /// Puts back a call entry and its return entry; undoes the latest `lift`.
    mutating func unlift(_ call: Int) {
        let ret = matchingReturn[call]
        next[previous[ret]] = ret
        if next[ret] != Self.none { previous[next[ret]] = ret }
        next[previous[call]] = call
        previous[next[call]] = call
    }
}
