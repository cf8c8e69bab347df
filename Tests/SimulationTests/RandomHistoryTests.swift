import Testing
import TestSupport
@testable import Simulation

/// Histories generated from a real sequential store, and the checker against the definition.
@Suite struct RandomHistoryTests {
    @Test(arguments: 0..<20)
    func generatedHistoryIsLinearizable(seed: UInt64) {
        var generator = KeyValueHistoryGenerator()
        generator.pendingPerMille = seed.isMultiple(of: 2) ? 0 : 50
        let history = generator.generate(count: 2_000, seed: seed).history
        #expect(check(history) == .linearizable)
    }

    @Test(arguments: 0..<20)
    func corruptedReadIsRejected(seed: UInt64) throws {
        // Refuting costs about 2^k for k pending writes on the key (see docs); 2% keeps k
        // under 10 here.
        var generator = KeyValueHistoryGenerator()
        generator.pendingPerMille = seed.isMultiple(of: 2) ? 0 : 20
        let generated = generator.generate(count: 2_000, seed: seed)
        var random = SeededRandom(seed: seed ^ 0xC0FFEE)
        let victim = try #require(generated.completedGets.randomElement(using: &random))
        var history = generated.history
        history[victim].output = .value(-1)  // a value no one ever wrote
        let witness = try #require(check(history).witness)
        // Everything real-time-before the read's return linearizes; only the read cannot.
        #expect(witness.unplaced == [victim])
        #expect(witness.partition.contains(victim))
        #expect(witness.partition.allSatisfy { history[$0].input.key == history[victim].input.key })
    }

    /// Small single-key histories with random intervals and random replies, most of them
    /// not linearizable: the checker must agree with brute force on every one.
    @Test func agreesWithBruteForceOnSmallHistories() {
        var random = SeededRandom(seed: 7)
        var verdicts = (linearizable: 0, not: 0)
        for _ in 0..<3_000 {
            let history = randomSmallHistory(using: &random)
            let expected = bruteForceLinearizable(history)
            let result = check(history)
            #expect(result == .linearizable ? expected : !expected, "\(history)")
            if expected { verdicts.linearizable += 1 } else { verdicts.not += 1 }
        }
        print("brute-force agreement: \(verdicts.linearizable) linearizable, \(verdicts.not) not")
        #expect(verdicts.linearizable > 300 && verdicts.not > 300)
    }

    private func randomSmallHistory(using random: inout SeededRandom) -> [KVOperation] {
        let count = Int.random(in: 1...7, using: &random)
        return (0..<count).map { client in
            let call = Int64.random(in: 0...20, using: &random)
            let ret = call + Int64.random(in: 0...8, using: &random)
            let value = Int.random(in: 0...2, using: &random)
            let input: KV.Input =
                switch Int.random(in: 0..<5, using: &random) {
                case 0: .put("x", value)
                case 1, 2: .get("x")
                case 3: .delete("x")
                default: .compareAndSet("x", expected: Bool.random(using: &random) ? nil : value, new: value + 1)
                }
            if Int.random(in: 0..<8, using: &random) == 0 {
                return .pending(clientID: client, input: input, callTick: call)
            }
            let output: KV.Output =
                switch input {
                case .put, .delete: .ok
                case .get: .value(Int.random(in: 0...3, using: &random) == 3 ? nil : value)
                case .compareAndSet: .swapped(Bool.random(using: &random))
                }
            return KVOperation(clientID: client, input: input, output: output, callTick: call, returnTick: ret)
        }
    }
}
