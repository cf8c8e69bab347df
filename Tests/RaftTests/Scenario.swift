@testable import Raft

/// Scenario scripts in the style of etcd-raft's testdata: each block is a command,
/// a `----` line, and the output the command must produce. A reviewer reads the
/// script, not this interpreter.
///
/// Commands: `campaign N`, `propose N TEXT`, `tick N COUNT` (N may be `all`),
/// `isolate N`, `heal`, `read N CONTEXT`, `transfer N TO`, `status`, `log N`.
/// Every command except `status` and `log` stabilizes the network and prints
/// nothing unless an error was thrown.
struct Scenario {
    var network: Network

    init(nodes: Int, configure: @escaping (inout RaftConfig) -> Void = { _ in }) {
        network = Network((1...NodeID(nodes)).map { $0 }, configure: configure)
    }

    struct Block: Equatable {
        var command: String
        var output: String
    }

    /// Blocks are a command line, `----`, then output lines up to a blank line.
    static func parse(_ script: String) -> [Block] {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var position = 0
        while position < lines.count {
            guard !lines[position].isEmpty, position + 1 < lines.count, lines[position + 1] == "----" else {
                position += 1
                continue
            }
            var output: [String] = []
            var cursor = position + 2
            while cursor < lines.count, !lines[cursor].isEmpty {
                output.append(lines[cursor])
                cursor += 1
            }
            blocks.append(Block(command: lines[position], output: output.joined(separator: "\n")))
            position = cursor
        }
        return blocks
    }

    /// Runs every block's command and returns the blocks with the actual output.
    mutating func run(_ script: String) -> (expected: [Block], actual: [Block]) {
        let expected = Self.parse(script)
        let actual = expected.map { Block(command: $0.command, output: execute($0.command)) }
        return (expected, actual)
    }

    static func render(_ blocks: [Block]) -> String {
        blocks.map { "\($0.command)\n----\n\($0.output)\n" }.joined(separator: "\n")
    }

    mutating func execute(_ line: String) -> String {
        let words = line.split(separator: " ").map(String.init)
        func node(_ position: Int) -> NodeID { NodeID(words[position]) ?? 0 }
        do throws(RaftError) {
            switch words.first {
            case "campaign":
                network.campaign(node(1))
            case "propose":
                try network.propose(node(1), words[2])
            case "tick":
                let targets = words[1] == "all" ? nil : [node(1)]
                network.tick(targets, times: Int(words[2]) ?? 1)
            case "isolate":
                network.isolate(node(1))
                network.stabilize()
            case "heal":
                network.heal()
                network.stabilize()
            case "read":
                network.nodes[node(1)]!.readIndex(context: Array(words[2].utf8))
                network.stabilize()
            case "transfer":
                network.nodes[node(1)]!.transferLeadership(to: node(2))
                network.stabilize()
            case "status":
                return network.ids.map(status).joined(separator: "\n")
            case "log":
                return log(node(1))
            default:
                return "unknown command"
            }
        } catch {
            return "error: \(error)"
        }
        return ""
    }

    func status(_ id: NodeID) -> String {
        let raft = network.raft(id)
        let reads = network.readStates[id]!.map { "\(String(decoding: $0.context, as: UTF8.self))@\($0.index)" }
        var text = "\(id): \(raft.role) term=\(raft.term) lead=\(raft.leader) commit=\(raft.committedIndex)"
        text += " applied=\(network.appliedTexts(id))"
        if !reads.isEmpty { text += " reads=\(reads)" }
        return text
    }

    func log(_ id: NodeID) -> String {
        let storage = network.storages[id]!
        guard storage.firstIndex() <= storage.lastIndex() else { return "(empty)" }
        let entries = (try? storage.entries(from: storage.firstIndex(), to: storage.lastIndex() + 1, maxSizeBytes: .max)) ?? []
        return entries.map { entry in
            let text = entry.data.isEmpty ? "" : " \(String(decoding: entry.data, as: UTF8.self))"
            return "\(entry.term)/\(entry.index)\(text)"
        }.joined(separator: " ")
    }
}
