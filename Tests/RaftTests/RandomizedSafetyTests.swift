import Testing
import TestSupport
@testable import Raft

/// A small seeded sweep: random ticks, proposals, message loss, duplication,
/// reordering, partitions and restarts, with Raft's safety properties checked
/// after every step. (The full simulator with a virtual clock and a
/// linearizability checker lives in the Simulation module.)
@Suite struct RandomizedSafetyTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let seeds: [UInt64] = Array(1...60)

    @Test(arguments: seeds)
    func safetyHoldsUnderFaults(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let ids: [NodeID] = [1, 2, 3, 4, 5]
        var network = Network(ids) { config in
            config.preVote = seed % 2 == 0
            config.checkQuorum = seed % 3 == 0
            config.maxInflightMessages = 4
            config.maxSizePerMessageBytes = 64
            config.randomSeed = seed &* 31 &+ config.id
        }
        var leaderOfTerm: [Term: NodeID] = [:]
        var proposals = 0

        for step in 0..<3_000 {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<30:
                let id = ids.randomElement(using: &random)!
                network.nodes[id]!.tick()
            case 30..<40:
                let id = ids.randomElement(using: &random)!
                proposals += 1
                try? network.nodes[id]!.propose(Array("p\(proposals)".utf8))
            case 40..<42:
                network.isolate(ids.randomElement(using: &random)!)
            case 42..<45:
                network.heal()
            case 45..<46:
                restart(ids.randomElement(using: &random)!, in: &network, seed: seed &+ UInt64(step))
            default:
                deliverRandom(&network, random: &random)
            }
            for id in ids where network.nodes[id]!.hasReady {
                network.handleReady(id)
            }
            try check(network, leaderOfTerm: &leaderOfTerm, seed: seed, step: step)
        }
        // Heal and let the group settle: it must make progress again.
        network.heal()
        for _ in 0..<200 {
            for id in ids { network.nodes[id]!.tick() }
            network.stabilize()
            try check(network, leaderOfTerm: &leaderOfTerm, seed: seed, step: -1)
        }
        #expect(network.leaders.count == 1, "seed \(seed): no leader after healing")
        if let leader = network.leaders.first {
            try network.propose(leader, "final")
            for id in ids {
                #expect(network.appliedTexts(id).last == "final", "seed \(seed): node \(id) did not apply")
            }
        }
        #expect(network.durabilityViolations.isEmpty, "seed \(seed)")
    }

    /// Delivers, drops or duplicates one random queued message.
    func deliverRandom(_ network: inout Network, random: inout SeededRandom) {
        guard !network.queue.isEmpty else { return }
        let position = Int.random(in: 0..<network.queue.count, using: &random)
        let message = network.queue.remove(at: position)
        switch Int.random(in: 0..<20, using: &random) {
        case 0: break  // lost
        case 1:
            network.deliver(message)
            network.queue.append(message)  // duplicated
        default:
            network.deliver(message)
        }
    }

    /// A crash loses nothing the node persisted (the harness persists each Ready
    /// before sending) and everything it had not.
    func restart(_ id: NodeID, in network: inout Network, seed: UInt64) {
        var config = RaftConfig(id: id, randomSeed: seed)
        config.preVote = network.raft(id).config.preVote
        config.checkQuorum = network.raft(id).config.checkQuorum
        config.maxInflightMessages = 4
        config.maxSizePerMessageBytes = 64
        config.applied = network.raft(id).appliedIndex
        network.nodes[id] = try! RawNode(config: config, storage: network.storages[id]!)
    }

    func check(_ network: Network, leaderOfTerm: inout [Term: NodeID], seed: UInt64, step: Int) throws {
        func fail(_ text: String) -> Failure { Failure(description: "seed \(seed) step \(step): \(text)") }
        // Election safety: at most one leader per term, ever.
        for id in network.leaders {
            let term = network.raft(id).term
            if let other = leaderOfTerm[term], other != id { throw fail("two leaders in term \(term): \(other), \(id)") }
            leaderOfTerm[term] = id
        }
        // State-machine safety: applied sequences are prefixes of one another.
        let sequences = network.ids.map { network.applied[$0]!.map { "\($0.term)/\($0.index)" } }
        let longest = sequences.max { $0.count < $1.count } ?? []
        for sequence in sequences where Array(longest.prefix(sequence.count)) != sequence {
            throw fail("applied logs diverge")
        }
        // Log matching: durable entries at the same index and term are identical
        // along with everything before them, for committed prefixes.
        let committed = network.ids.map { ($0, network.raft($0).committedIndex) }
        for (a, commitA) in committed {
            for (b, commitB) in committed where a < b {
                let upTo = min(commitA, commitB)
                guard upTo > 0 else { continue }
                let storageA = network.storages[a]!
                let storageB = network.storages[b]!
                let from = max(storageA.firstIndex(), storageB.firstIndex())
                guard from <= upTo, upTo <= min(storageA.lastIndex(), storageB.lastIndex()) else { continue }
                let entriesA = try storageA.entries(from: from, to: upTo + 1, maxSizeBytes: .max)
                let entriesB = try storageB.entries(from: from, to: upTo + 1, maxSizeBytes: .max)
                if entriesA != entriesB { throw fail("committed logs of \(a) and \(b) differ") }
            }
        }
    }
}
