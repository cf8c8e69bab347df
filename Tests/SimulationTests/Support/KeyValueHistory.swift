@testable import Simulation
import TestSupport

typealias KV = KeyValueModel<String, Int>
typealias KVOperation = ClientOperation<KV.Input, KV.Output>

/// Shorthands so hand-written histories read like a timeline.
func put(_ client: Int, _ key: String, _ value: Int, _ call: Int64, _ ret: Int64) -> KVOperation {
    KVOperation(clientID: client, input: .put(key, value), output: .ok, callTick: call, returnTick: ret)
}

func get(_ client: Int, _ key: String, _ value: Int?, _ call: Int64, _ ret: Int64) -> KVOperation {
    KVOperation(clientID: client, input: .get(key), output: .value(value), callTick: call, returnTick: ret)
}

func delete(_ client: Int, _ key: String, _ call: Int64, _ ret: Int64) -> KVOperation {
    KVOperation(clientID: client, input: .delete(key), output: .ok, callTick: call, returnTick: ret)
}

func cas(
    _ client: Int, _ key: String, _ expected: Int?, _ new: Int, swapped: Bool, _ call: Int64, _ ret: Int64
) -> KVOperation {
    KVOperation(
        clientID: client, input: .compareAndSet(key, expected: expected, new: new),
        output: .swapped(swapped), callTick: call, returnTick: ret
    )
}

func pending(_ client: Int, _ input: KV.Input, _ call: Int64) -> KVOperation {
    .pending(clientID: client, input: input, callTick: call)
}

func check(_ history: [KVOperation], budget: LinearizabilityChecker.Budget = .standard) -> LinearizabilityResult {
    LinearizabilityChecker.check(history, model: KV(), budget: budget)
}

extension LinearizabilityResult {
    var witness: LinearizabilityWitness? {
        if case .notLinearizable(let witness) = self { witness } else { nil }
    }
}

/// Random histories that are linearizable by construction: a real sequential key-value
/// store executes the operations in order, each at a linearization tick; each operation's
/// call and return are then drawn around its tick, within its client's sequential timeline.
struct KeyValueHistoryGenerator {
    var clients = 5
    var keys = 4
    var values = 1_000
    /// Most ticks between a call and its linearization point, and between that and the return.
    var latencyTicksMax: Int64 = 20
    /// Chance in a thousand that an operation's reply is lost (it becomes pending).
    var pendingPerMille = 0

    struct Generated {
        var history: [KVOperation]
        /// Indices of completed gets, candidates for corruption.
        var completedGets: [Int]
    }

    func generate(count: Int, seed: UInt64) -> Generated {
        var random = SeededRandom(seed: seed)
        var store: [String: Int] = [:]
        var clientFreeTick = Array(repeating: Int64(-1), count: clients)
        var tick: Int64 = 0
        var generated = Generated(history: [], completedGets: [])
        for _ in 0..<count {
            tick += Int64.random(in: 1...3, using: &random)
            var free = (0..<clients).filter { clientFreeTick[$0] < tick }
            if free.isEmpty {
                tick = clientFreeTick.min()! + 1
                free = (0..<clients).filter { clientFreeTick[$0] < tick }
            }
            let client = free.randomElement(using: &random)!
            let earliestCall = max(clientFreeTick[client] + 1, tick - latencyTicksMax)
            let call = Int64.random(in: earliestCall...tick, using: &random)
            let ret = tick + Int64.random(in: 0...latencyTicksMax, using: &random)
            let key = "k\(Int.random(in: 0..<keys, using: &random))"
            let input = randomInput(key: key, current: store[key], using: &random)
            let lost = Int.random(in: 0..<1_000, using: &random) < pendingPerMille
            // A lost request may never have reached the store at all.
            let applied = !lost || Bool.random(using: &random)
            let output = applied ? apply(input, to: &store) : nil
            if lost {
                generated.history.append(.pending(clientID: client, input: input, callTick: call))
            } else {
                if case .get = input { generated.completedGets.append(generated.history.count) }
                generated.history.append(
                    KVOperation(clientID: client, input: input, output: output!, callTick: call, returnTick: ret))
            }
            clientFreeTick[client] = ret
        }
        return generated
    }

    private func randomInput(key: String, current: Int?, using random: inout SeededRandom) -> KV.Input {
        let value = Int.random(in: 0..<values, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return .put(key, value)
        case 3..<7: return .get(key)
        case 7: return .delete(key)
        default:
            // Half the CASes expect the current value, so some succeed.
            let expected = Bool.random(using: &random) ? current : Int.random(in: 0..<values, using: &random)
            return .compareAndSet(key, expected: expected, new: value)
        }
    }

    private func apply(_ input: KV.Input, to store: inout [String: Int]) -> KV.Output {
        switch input {
        case .put(let key, let value):
            store[key] = value
            return .ok
        case .get(let key):
            return .value(store[key])
        case .delete(let key):
            store[key] = nil
            return .ok
        case .compareAndSet(let key, let expected, let new):
            guard store[key] == expected else { return .swapped(false) }
            store[key] = new
            return .swapped(true)
        }
    }
}

/// The definition, by brute force: some order of all operations that respects real time
/// (a before b whenever a returns before b is called) is accepted by the model.
/// Exponential; for histories of a few operations.
func bruteForceLinearizable(_ history: [KVOperation]) -> Bool {
    let model = KV()
    var used = Array(repeating: false, count: history.count)
    func precedes(_ a: KVOperation, _ b: KVOperation) -> Bool {
        guard let ret = a.returnTick else { return false }
        return ret < b.callTick
    }
    func search(_ state: KV.KeyState, _ placed: Int) -> Bool {
        if placed == history.count { return true }
        for candidate in history.indices where !used[candidate] {
            let blocked = history.indices.contains { !used[$0] && $0 != candidate && precedes(history[$0], history[candidate]) }
            if blocked { continue }
            guard let next = model.step(state, history[candidate].input, history[candidate].output) else { continue }
            used[candidate] = true
            defer { used[candidate] = false }
            if search(next, placed + 1) { return true }
        }
        return false
    }
    return search(model.initialState, 0)
}
