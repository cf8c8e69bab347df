import Testing
@testable import Simulation

/// Hand-written histories: each is a small scenario on a timeline of virtual ticks.
@Suite struct KeyValueHistoryTests {
    @Test func emptyHistoryIsLinearizable() {
        #expect(check([]) == .linearizable)
    }

    @Test func sequentialHistoryIsLinearizable() {
        let history = [
            get(0, "x", nil, 0, 1),
            put(0, "x", 1, 2, 3),
            get(1, "x", 1, 4, 5),
            put(1, "x", 2, 6, 7),
            get(0, "x", 2, 8, 9),
            delete(0, "x", 10, 11),
            get(1, "x", nil, 12, 13),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test func sequentialWrongReadIsRejected() {
        let history = [put(0, "x", 1, 0, 1), get(0, "x", 2, 2, 3)]
        let witness = check(history).witness
        #expect(witness?.longestPrefix == [0])
        #expect(witness?.unplaced == [1])
        #expect(witness?.stateAfterPrefix == "1")
    }

    @Test func readConcurrentWithWriteMaySeeEitherValue() {
        // put(x, 2) is in flight over [10, 20]; reads inside that window may see 1 or 2,
        // but once one read has seen 2, a later read must not see 1.
        let base = [put(0, "x", 1, 0, 5), put(1, "x", 2, 10, 20)]
        #expect(check(base + [get(2, "x", 1, 12, 14)]) == .linearizable)
        #expect(check(base + [get(2, "x", 2, 12, 14)]) == .linearizable)
        #expect(check(base + [get(2, "x", 2, 12, 14), get(3, "x", 1, 15, 18)]) != .linearizable)
        #expect(check(base + [get(2, "x", 1, 12, 14), get(3, "x", 2, 15, 18)]) == .linearizable)
        // Closed intervals: a read called at the tick the write returns is concurrent with it.
        #expect(check(base + [get(2, "x", 1, 20, 22)]) == .linearizable)
        #expect(check(base + [get(2, "x", 1, 21, 22)]) != .linearizable)
    }

    @Test func staleReadIsRejected() {
        // The put of 2 completed at tick 20; a read starting at 30 still returns 1.
        let history = [
            put(0, "x", 1, 0, 10),
            put(0, "x", 2, 15, 20),
            get(1, "x", 1, 30, 40),
        ]
        let result = check(history)
        let witness = try! #require(result.witness)
        #expect(witness.partition == [0, 1, 2])
        #expect(witness.longestPrefix == [0, 1])
        #expect(witness.stateAfterPrefix == "2")
        #expect(witness.unplaced == [2])
        #expect(witness.description.contains("#2 client 1 [30, 40] get(x) -> 1"))
    }

    @Test func lostWriteIsRejected() {
        // Two acknowledged writes from different clients, then a read that sees neither.
        let history = [
            put(0, "x", 1, 0, 10),
            put(1, "y", 7, 0, 10),
            put(1, "x", 2, 12, 20),
            get(2, "x", nil, 30, 35),
            get(2, "y", 7, 36, 40),
        ]
        let witness = try! #require(check(history).witness)
        #expect(witness.partition == [0, 2, 3])
        #expect(witness.unplaced == [3])
    }

    @Test func writesOrderedByRealTimeCannotBeReordered() {
        // put 1 then put 2 strictly after; a read after both sees 1: the later write was lost.
        let history = [put(0, "x", 1, 0, 5), put(1, "x", 2, 6, 9), get(2, "x", 1, 10, 12)]
        #expect(check(history).witness?.unplaced == [2])
        // Overlapping writes may take effect in either order.
        let overlapping = [put(0, "x", 1, 0, 7), put(1, "x", 2, 6, 9), get(2, "x", 1, 10, 12)]
        #expect(check(overlapping) == .linearizable)
    }

    @Test func deleteThenReadSeesAbsent() {
        let history = [put(0, "x", 1, 0, 1), delete(1, "x", 2, 3), get(0, "x", 1, 4, 5)]
        #expect(check(history).witness?.stateAfterPrefix == "absent")
    }

    @Test func violationOnOneKeyIsReportedInItsPartitionOnly() {
        var history: [KVOperation] = []
        for i in 0..<10 {
            history.append(put(0, "a", i, Int64(i * 10), Int64(i * 10 + 5)))
            history.append(get(1, "a", i, Int64(i * 10 + 6), Int64(i * 10 + 9)))
        }
        history.append(put(2, "b", 1, 0, 3))
        history.append(get(2, "b", nil, 4, 8))
        let witness = try! #require(check(history).witness)
        #expect(witness.partition == [20, 21])
        #expect(witness.unplaced == [21])
    }

    @Test func replyOfTheWrongKindIsRejected() {
        let history = [KVOperation(clientID: 0, input: .get("x"), output: .ok, callTick: 0, returnTick: 1)]
        #expect(check(history).witness?.unplaced == [0])
    }
}

@Suite struct CompareAndSetTests {
    @Test func concurrentSwapsFromTheSameValueCannotBothSucceed() {
        let history = [
            put(0, "x", 1, 0, 5),
            cas(1, "x", 1, 2, swapped: true, 10, 20),
            cas(2, "x", 1, 3, swapped: true, 10, 20),
        ]
        let witness = try! #require(check(history).witness)
        #expect(witness.longestPrefix.count == 2)
        #expect(witness.unplaced.count == 1)
    }

    @Test func concurrentSwapsOneWins() {
        let history = [
            put(0, "x", 1, 0, 5),
            cas(1, "x", 1, 2, swapped: true, 10, 20),
            cas(2, "x", 1, 3, swapped: false, 10, 20),
            get(0, "x", 2, 21, 22),
        ]
        #expect(check(history) == .linearizable)
    }

    @Test func failedSwapNeedsAnotherValue() {
        // Alone, a CAS from the current value must succeed; it may fail only if a
        // concurrent write can be ordered before it.
        let alone = [put(0, "x", 1, 0, 5), cas(1, "x", 1, 2, swapped: false, 10, 20)]
        #expect(check(alone).witness?.unplaced == [1])
        let raced = alone + [put(2, "x", 9, 12, 14)]
        #expect(check(raced) == .linearizable)
    }

    @Test func swapFromAbsentCreates() {
        let history = [
            cas(0, "x", nil, 1, swapped: true, 0, 5),
            cas(1, "x", nil, 2, swapped: false, 6, 8),
            get(1, "x", 1, 9, 10),
        ]
        #expect(check(history) == .linearizable)
        let wrong = [cas(0, "x", nil, 1, swapped: true, 0, 5), get(1, "x", nil, 6, 8)]
        #expect(check(wrong) != .linearizable)
    }

    @Test func swapChainIsLinearizableInOnlyOneOrder() {
        // Three concurrent CASes 0->1, 1->2, 2->3 all succeed: only that order works.
        let history = [
            put(0, "x", 0, 0, 1),
            cas(3, "x", 2, 3, swapped: true, 10, 30),
            cas(1, "x", 0, 1, swapped: true, 10, 30),
            cas(2, "x", 1, 2, swapped: true, 10, 30),
            get(0, "x", 3, 31, 32),
        ]
        #expect(check(history) == .linearizable)
    }
}

@Suite struct PendingOperationTests {
    @Test func pendingWriteMakesALaterReadLegal() {
        let read = get(1, "x", 1, 20, 30)
        #expect(check([read]) != .linearizable)
        #expect(check([pending(0, .put("x", 1), 0), read]) == .linearizable)
    }

    @Test func pendingWriteMayNeverTakeEffect() {
        let history = [pending(0, .put("x", 1), 0), get(1, "x", nil, 20, 30), get(1, "x", nil, 40, 50)]
        #expect(check(history) == .linearizable)
    }

    @Test func pendingWriteTakesEffectOnce() {
        // Seen, then overwritten, then seen again: one write cannot take effect twice.
        let history = [
            pending(0, .put("x", 1), 0),
            get(1, "x", 1, 10, 12),
            put(1, "x", 2, 13, 15),
            get(1, "x", 1, 16, 18),
        ]
        #expect(check(history).witness?.unplaced == [3])
    }

    @Test func pendingWriteCannotTakeEffectBeforeItsCall() {
        let history = [get(1, "x", 1, 0, 5), pending(0, .put("x", 1), 10)]
        #expect(check(history) != .linearizable)
    }

    @Test func pendingSwapAppliesOnlyIfItWouldSucceed() {
        let history = [
            put(0, "x", 1, 0, 5),
            pending(1, .compareAndSet("x", expected: 1, new: 2), 6),
            get(2, "x", 2, 20, 25),
        ]
        #expect(check(history) == .linearizable)
        let impossible = [
            put(0, "x", 1, 0, 5),
            pending(1, .compareAndSet("x", expected: 7, new: 2), 6),
            get(2, "x", 2, 20, 25),
        ]
        #expect(check(impossible) != .linearizable)
    }

    @Test func witnessDescribesPendingOperations() {
        let history = [pending(0, .put("x", 1), 0), get(1, "x", 2, 10, 20)]
        let witness = try! #require(check(history).witness)
        #expect(witness.longestPrefix == [0])
        #expect(witness.unplaced == [1])
        #expect(witness.description.contains("1. #0 client 0 [0, ∞) put(x, 1) -> ? (pending)"))
        #expect(witness.description.contains("#1 client 1 [10, 20] get(x) -> 2"))
    }

    @Test func pendingReadsAreDroppedBeforeTheSearch() {
        // 40 pending reads concurrent with a stale read: kept, they would make 2^40 states.
        let history = [put(0, "x", 1, 0, 5)]
            + (0..<40).map { pending($0 + 1, .get("x"), 6) }
            + [get(50, "x", nil, 10, 12)]
        let (result, steps) = LinearizabilityChecker.checkCountingSteps(
            history, model: KV(), budget: .init(stepsMax: 1_000))
        let witness = try! #require(result.witness)
        #expect(witness.partition == [0, 41])
        #expect(witness.unplaced == [41])
        #expect(steps < 10)
    }
}
