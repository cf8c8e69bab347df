/// Decides whether a history of client operations is linearizable with respect to a model.
///
/// The algorithm is Wing and Gong's search with Lowe's refinements, as Porcupine implements
/// it: the history is split into independent partitions; in each, calls and returns form a
/// time-ordered linked list; the search repeatedly linearizes the first call it can (one
/// the model accepts and whose (linearized set, state) pair is new), lifting it out of the
/// list, and backtracks when it meets a return whose call has not been linearized. Every
/// search step counts against a budget, so a check always ends.
public enum LinearizabilityChecker {
    /// Limits on one check. Both are counts, not times, so a verdict is reproducible.
    public struct Budget: Sendable, Equatable {
        /// Most search steps (entries visited) over the whole check.
        public var stepsMax: Int
        /// Most memo entries alive at once (the memo is per partition).
        public var memoEntriesMax: Int

        public init(stepsMax: Int, memoEntriesMax: Int = 2_000_000) {
            precondition(stepsMax >= 0 && memoEntriesMax >= 0)
            self.stepsMax = stepsMax
            self.memoEntriesMax = memoEntriesMax
        }

        /// Ample for simulator histories (tens of thousands of operations, a handful of
        /// clients): such histories take steps in proportion to their length.
        public static let standard = Budget(stepsMax: 50_000_000)
    }

    /// Checks `history` against `model` within `budget`.
    public static func check<Model: LinearizabilityModel>(
        _ history: [ClientOperation<Model.Input, Model.Output>],
        model: Model,
        budget: Budget = .standard
    ) -> LinearizabilityResult {
        checkCountingSteps(history, model: model, budget: budget).result
    }

    /// `check`, also returning the search steps taken (for tests and benchmarks).
    static func checkCountingSteps<Model: LinearizabilityModel>(
        _ history: [ClientOperation<Model.Input, Model.Output>],
        model: Model,
        budget: Budget
    ) -> (result: LinearizabilityResult, steps: Int) {
        let partitions = validated(model.partition(history), historyCount: history.count).map { group in
            group.filter { !(history[$0].isPending && model.isReadOnly(history[$0].input)) }
        }
        var stepsLeft = budget.stepsMax
        // Small partitions first: they are cheap, and a violation in one gives a short witness.
        for partition in partitions.sorted(by: { $0.count < $1.count }) where !partition.isEmpty {
            let search = PartitionSearch(
                model: model,
                operations: partition.map { history[$0] },
                memoEntriesMax: budget.memoEntriesMax
            )
            switch search.run(stepsLeft: &stepsLeft) {
            case .linearizable:
                continue
            case .budgetExhausted:
                return (.unknown, budget.stepsMax - stepsLeft)
            case .stuck(let longestPrefix):
                let witness = search.witness(longestPrefix: longestPrefix, partition: partition)
                return (.notLinearizable(witness: witness), budget.stepsMax - stepsLeft)
            }
        }
        return (.linearizable, budget.stepsMax - stepsLeft)
    }

    /// The model's partition, each group sorted; traps unless every operation is in exactly
    /// one group (a model that drops an operation would make the verdict meaningless).
    private static func validated(_ partitions: [[Int]], historyCount: Int) -> [[Int]] {
        var seen = Array(repeating: false, count: historyCount)
        var seenCount = 0
        for group in partitions {
            for index in group {
                precondition(index >= 0 && index < historyCount, "partition index \(index) out of range")
                precondition(!seen[index], "operation \(index) is in two partitions")
                seen[index] = true
                seenCount += 1
            }
        }
        precondition(seenCount == historyCount, "the partition leaves out operations")
        return partitions.map { $0.sorted() }
    }
}
