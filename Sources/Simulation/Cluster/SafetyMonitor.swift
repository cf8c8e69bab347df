import Raft

/// Raft's safety properties, checked as the run goes (Raft §5.4, Figure 3):
/// election safety, log matching, leader completeness and state-machine safety.
struct SafetyMonitor {
    struct Violation: Error, CustomStringConvertible {
        var description: String
    }

    private var leaderOfTerm: [Term: NodeID] = [:]
    /// The entry applied at each index by the first node that applied it.
    private(set) var appliedRecord: [Index: Entry] = [:]
    /// For each applied index, the lowest term any node was in when it applied it: the
    /// term the entry was committed in is at most that (the node learned of the commit
    /// from its term's leader, which committed the entry or inherited the commit).
    private var appliedInTerm: [Index: Term] = [:]

    /// Election safety: at most one leader per term, ever.
    mutating func checkLeaders(_ nodes: [SimulatedNode]) throws(Violation) {
        for node in nodes {
            guard let raft = node.raft, raft.role == .leader else { continue }
            if let other = leaderOfTerm[raft.term], other != node.id {
                throw Violation(description: "election safety: n\(other) and n\(node.id) both lead term \(raft.term)")
            }
            leaderOfTerm[raft.term] = node.id
        }
    }

    /// State-machine safety: no two nodes apply different entries at one index.
    mutating func recordApplied(_ entries: [Entry], by node: NodeID, inTerm term: Term) throws(Violation) {
        for entry in entries where entry.kind != .metadata {
            appliedInTerm[entry.index] = min(appliedInTerm[entry.index] ?? term, term)
            if let first = appliedRecord[entry.index] {
                if first != entry {
                    throw Violation(
                        description: "state-machine safety: n\(node) applied \(entry) at \(entry.index), another node applied \(first)"
                    )
                }
            } else {
                appliedRecord[entry.index] = entry
            }
        }
    }

    /// Leader completeness (Raft §5.4.2): a new leader of term T holds every entry
    /// committed in a term before T, except those behind its snapshot. An entry some node
    /// applied while in a term before T was committed before T. A leader of a stale term
    /// (votes that arrived after a later term began) need not hold what the later term
    /// committed: the quorum that committed it is past its term and refuses its appends.
    func checkNewLeader(_ node: SimulatedNode) throws(Violation) {
        let storage = node.storage
        let term = node.raft?.term ?? 0
        let committedBefore = appliedInTerm.filter { $0.value < term }.keys
        guard let highest = committedBefore.max() else { return }
        if storage.lastIndex() < highest {
            throw Violation(
                description: "leader completeness: n\(node.id) leads term \(term) with last index \(storage.lastIndex()) < \(highest), applied in an earlier term"
            )
        }
        let lowest = max(storage.firstIndex(), 1)
        guard lowest <= highest else { return }
        for index in lowest...highest where appliedInTerm[index].map({ $0 < term }) == true {
            guard let recorded = appliedRecord[index] else { continue }
            let held = try? storage.entries(from: index, to: index + 1, maxSizeBytes: .max).first
            if held != recorded {
                throw Violation(
                    description: "leader completeness: n\(node.id) leads without committed entry \(recorded) at \(index)"
                )
            }
        }
    }

    /// Log matching: two logs holding an entry with the same index and term are
    /// identical up to it.
    func checkLogMatching(_ nodes: [SimulatedNode]) throws(Violation) {
        let up = nodes.filter(\.isUp)
        for (position, a) in up.enumerated() {
            for b in up[(position + 1)...] {
                try checkLogMatching(a, b)
            }
        }
    }

    /// Entries as a witness holds them, to compare a witness's log with a full one.
    private static func withoutPayloads(_ entries: [Entry]) -> [Entry] {
        entries.map { $0.kind == .confChange ? $0 : Entry(term: $0.term, index: $0.index, kind: .metadata) }
    }

    private func checkLogMatching(_ a: SimulatedNode, _ b: SimulatedNode) throws(Violation) {
        let lo = max(a.storage.firstIndex(), b.storage.firstIndex())
        let hi = min(a.storage.lastIndex(), b.storage.lastIndex())
        guard lo <= hi else { return }
        var matchingTop: Index?
        var index = hi
        while index >= lo {
            if let termA = try? a.storage.term(at: index), termA == (try? b.storage.term(at: index)) {
                matchingTop = index
                break
            }
            index -= 1
        }
        guard let top = matchingTop else { return }
        let entriesA = try? a.storage.entries(from: lo, to: top + 1, maxSizeBytes: .max)
        let entriesB = try? b.storage.entries(from: lo, to: top + 1, maxSizeBytes: .max)
        if entriesA != entriesB, entriesA.map(Self.withoutPayloads) != entriesB.map(Self.withoutPayloads) {
            throw Violation(description: "log matching: n\(a.id) and n\(b.id) agree on the term at \(top) but differ before it")
        }
    }
}
