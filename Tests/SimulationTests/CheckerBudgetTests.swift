import Testing
@testable import Simulation

@Suite struct CheckerBudgetTests {
    /// n concurrent writes of distinct values, then a read of a value none wrote: proving
    /// that no order works means visiting every (subset of writes, last write) pair, about
    /// n * 2^(n-1) of them, which no memo avoids.
    private func pathologicalHistory(writes: Int) -> [KVOperation] {
        (0..<writes).map { put($0, "x", $0, 0, 100) } + [get(writes, "x", -1, 200, 300)]
    }

    @Test func exhaustedBudgetGivesUnknownQuickly() {
        let clock = ContinuousClock()
        var outcome: (result: LinearizabilityResult, steps: Int)? = nil
        let elapsed = clock.measure {
            outcome = LinearizabilityChecker.checkCountingSteps(
                pathologicalHistory(writes: 40), model: KV(), budget: .init(stepsMax: 200_000))
        }
        #expect(outcome?.result == .unknown)
        #expect(outcome?.steps == 200_000)
        print("pathological 41-operation history: unknown after 200,000 steps in \(elapsed)")
    }

    @Test func memoLimitGivesUnknown() {
        let result = check(pathologicalHistory(writes: 40), budget: .init(stepsMax: .max, memoEntriesMax: 10_000))
        #expect(result == .unknown)
    }

    @Test func sameBudgetSameVerdict() {
        let history = pathologicalHistory(writes: 12)
        let budget = LinearizabilityChecker.Budget(stepsMax: 5_000)
        #expect(check(history, budget: budget) == .unknown)
        #expect(check(history, budget: budget) == .unknown)
        // With room to finish, the search proves the history wrong.
        let (result, steps) = LinearizabilityChecker.checkCountingSteps(history, model: KV(), budget: .standard)
        #expect(result.witness?.unplaced == [12])
        #expect(result.witness?.longestPrefix.count == 12)
        print("pathological 13-operation history: not linearizable after \(steps) steps")
    }

    @Test func budgetIsSharedAcrossPartitions() {
        var history: [KVOperation] = []
        for key in ["a", "b", "c"] {
            history.append(put(0, key, 1, 0, 1))
            history.append(get(0, key, 1, 2, 3))
        }
        // Each partition takes 4 steps: two calls linearized, and nothing to backtrack.
        let enough = LinearizabilityChecker.checkCountingSteps(history, model: KV(), budget: .init(stepsMax: 6))
        #expect(enough.result == .linearizable)
        #expect(enough.steps == 6)
        #expect(check(history, budget: .init(stepsMax: 5)) == .unknown)
    }

    @Test func zeroBudgetOnlyPassesEmptyHistories() {
        #expect(check([], budget: .init(stepsMax: 0)) == .linearizable)
        #expect(check([put(0, "x", 1, 0, 1)], budget: .init(stepsMax: 0)) == .unknown)
    }
}

@Suite struct CheckerPerformanceTests {
    /// 10,000 operations over 10 keys from 5 clients. No timing assertion: the time goes
    /// to the test log, and `steps` shows the search did not backtrack its way there.
    @Test func tenThousandOperations() {
        var generator = KeyValueHistoryGenerator()
        generator.keys = 10
        generator.clients = 5
        let history = generator.generate(count: 10_000, seed: 42).history
        let clock = ContinuousClock()
        var outcome: (result: LinearizabilityResult, steps: Int)? = nil
        let elapsed = clock.measure {
            outcome = LinearizabilityChecker.checkCountingSteps(history, model: KV(), budget: .standard)
        }
        #expect(outcome?.result == .linearizable)
        print("10,000 operations, 10 keys, 5 clients: linearizable in \(elapsed), \(outcome?.steps ?? 0) steps")

        var corrupted = history
        let victim = history.lastIndex { if case .get = $0.input { true } else { false } }!
        corrupted[victim].output = .value(-1)
        let rejected = clock.measure {
            outcome = LinearizabilityChecker.checkCountingSteps(corrupted, model: KV(), budget: .standard)
        }
        #expect(outcome?.result.witness?.unplaced == [victim])
        print("same with one corrupted read: rejected in \(rejected), \(outcome?.steps ?? 0) steps")
    }
}

@Suite struct OperationBitsetTests {
    @Test func insertRemoveAndFingerprint() {
        var a = OperationBitset(capacity: 130)
        var b = OperationBitset(capacity: 130)
        for member in [0, 63, 64, 129] { a.insert(member) }
        for member in [129, 64, 63, 0] { b.insert(member) }
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.count == 4)
        #expect(a.contains(64) && !a.contains(65))
        a.remove(64)
        #expect(a != b)
        a.insert(64)
        #expect(a == b)
        for member in [0, 63, 64, 129] { a.remove(member) }
        #expect(a == OperationBitset(capacity: 130))
        #expect(a.fingerprint == 0)
    }
}

@Suite struct EntryListTests {
    @Test func liftAndUnliftRestoreTheList() {
        // op 0 [0, 10], op 1 [5, 15], op 2 pending from 7.
        var list = EntryList(callTicks: [0, 5, 7], returnTicks: [10, 15, nil])
        func order(_ list: EntryList) -> [Int] {
            var result: [Int] = []
            var entry = list.next[EntryList.head]
            while entry != EntryList.none {
                result.append(list.isCall(entry) ? list.operation[entry] : -1 - list.operation[entry])
                entry = list.next[entry]
            }
            return result
        }
        let original = order(list)
        #expect(original == [0, 1, 2, -1, -2, -3])
        let callOf1 = 2
        list.lift(callOf1)
        #expect(order(list) == [0, 2, -1, -3])
        list.lift(1)
        #expect(order(list) == [2, -3])
        list.unlift(1)
        list.unlift(callOf1)
        #expect(order(list) == original)
    }
}
