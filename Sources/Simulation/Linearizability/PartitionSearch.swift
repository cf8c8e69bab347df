/// The search over one partition: Wing and Gong's algorithm with Lowe's entry list and a
/// memo of (linearized set, state), bounded by a step budget.
struct PartitionSearch<Model: LinearizabilityModel> {
    enum Outcome: Equatable {
        case linearizable
        /// No linearization exists; the longest linearizable prefix found (local ids).
        case stuck(longestPrefix: [Int])
        case budgetExhausted
    }

    let model: Model
    let operations: [ClientOperation<Model.Input, Model.Output>]
    let memoEntriesMax: Int

    private struct MemoKey: Hashable {
        var linearized: OperationBitset
        var state: Model.State
    }

    private struct Frame {
        var call: Int
        var stateBefore: Model.State
    }

    func makeEntryList() -> EntryList {
        EntryList(callTicks: operations.map(\.callTick), returnTicks: operations.map(\.returnTick))
    }

    /// Runs until a verdict or until `stepsLeft` (shared across partitions) reaches zero.
    func run(stepsLeft: inout Int) -> Outcome {
        var list = makeEntryList()
        var linearized = OperationBitset(capacity: operations.count)
        var memo = Set<MemoKey>()
        var frames: [Frame] = []
        var longestPrefix: [Int]? = nil
        var state = model.initialState
        var entry = list.next[EntryList.head]

        while !list.isEmpty {
            guard stepsLeft > 0, memo.count < memoEntriesMax else { return .budgetExhausted }
            stepsLeft -= 1
            if list.isCall(entry) {
                let operation = list.operation[entry]
                let input = operations[operation].input
                if let after = model.step(state, input, operations[operation].output) {
                    linearized.insert(operation)
                    if memo.insert(MemoKey(linearized: linearized, state: after)).inserted {
                        frames.append(Frame(call: entry, stateBefore: state))
                        state = after
                        list.lift(entry)
                        entry = list.next[EntryList.head]
                        continue
                    }
                    linearized.remove(operation)
                }
                entry = list.next[entry]
            } else {
                // A return whose call is not linearized: this prefix cannot be extended.
                if frames.count > (longestPrefix?.count ?? -1) {
                    longestPrefix = frames.map { list.operation[$0.call] }
                }
                guard let frame = frames.popLast() else { return .stuck(longestPrefix: longestPrefix ?? []) }
                state = frame.stateBefore
                linearized.remove(list.operation[frame.call])
                list.unlift(frame.call)
                entry = list.next[frame.call]
            }
        }
        return .linearizable
    }

    /// Explains a stuck search: replays the longest prefix and lists what could come next.
    func witness(longestPrefix: [Int], partition: [Int]) -> LinearizabilityWitness {
        var list = makeEntryList()
        var state = model.initialState
        var callEntry = Array(repeating: EntryList.none, count: operations.count)
        var entry = list.next[EntryList.head]
        while entry != EntryList.none {
            if list.isCall(entry) { callEntry[list.operation[entry]] = entry }
            entry = list.next[entry]
        }
        for operation in longestPrefix {
            guard let after = model.step(state, operations[operation].input, operations[operation].output) else {
                preconditionFailure("the longest prefix does not replay: the model is not deterministic")
            }
            state = after
            list.lift(callEntry[operation])
        }
        // Real-time order allows next exactly the calls before the first remaining return.
        var unplaced: [Int] = []
        entry = list.next[EntryList.head]
        while entry != EntryList.none, list.isCall(entry) {
            let operation = list.operation[entry]
            assert(model.step(state, operations[operation].input, operations[operation].output) == nil)
            unplaced.append(operation)
            entry = list.next[entry]
        }
        return WitnessText.make(
            model: model, operations: operations, partition: partition,
            longestPrefix: longestPrefix, state: state, unplaced: unplaced
        )
    }
}
