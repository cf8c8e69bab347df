import ArgumentParser
import Raft
import Simulation

/// `raft-sim`: runs seeded simulations of a Raft group under faults and checks
/// each run; a failing seed replays exactly with `--seed`.
@main
struct RaftSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raft-sim",
        abstract: "Deterministic simulation of a Raft group under faults, with safety and linearizability checks."
    )

    @Option(help: "Run one seed (replays it exactly).")
    var seed: UInt64?

    @Option(help: "Sweep a range of seeds, e.g. 1..1000.")
    var seeds: String?

    @Option(help: "Nodes in the group.")
    var nodes = 3

    @Option(help: "Faults to inject: all, none, or a list of \(FaultSet.names.map(\.0).joined(separator: ",")).")
    var faults = "all"

    @Option(help: "Virtual milliseconds of faults and client load per run.")
    var duration: Int64 = 3_000

    @Option(help: "Concurrent clients.")
    var clients = 4

    @Option(help: "Keys the clients use.")
    var keys = 3

    @Option(help: "Switch on a deliberate engine bug (\(EngineFlaw.allCases.map { "\($0)" }.joined(separator: ", "))) to see the checks catch it.")
    var flaw: String?

    @Option(name: .customLong("pre-vote"), help: "Force pre-vote on or off (true/false); by default each seed picks.")
    var preVote: Bool?

    @Option(name: .customLong("check-quorum"), help: "Force check-quorum on or off (true/false); by default each seed picks.")
    var checkQuorum: Bool?

    @Option(name: .customLong("parallel-leader-writes"), help: "Force parallel leader writes on or off (true/false); by default each seed picks.")
    var parallelLeaderWrites: Bool?

    @Option(name: .customLong("lazy-commit-announcements"), help: "Force lazy commit announcements on or off (true/false); by default each seed picks.")
    var lazyCommitAnnouncements: Bool?

    @Option(name: .customLong("sync-ms"), help: "Virtual milliseconds a sync takes (the node is busy meanwhile); 0: instant.")
    var syncMillis: Int64 = 2

    @Flag(help: "Print the event log of each run.")
    var trace = false

    mutating func run() throws {
        let range = try seedRange()
        guard let faultSet = FaultSet(parsing: faults) else {
            throw ValidationError("unknown fault in '\(faults)'; use all, none, or \(FaultSet.names.map(\.0).joined(separator: ","))")
        }
        let engineFlaw = try flaw.map { name in
            guard let match = EngineFlaw.allCases.first(where: { "\($0)" == name }) else {
                throw ValidationError("unknown flaw '\(name)'")
            }
            return match
        }
        guard nodes >= 1, nodes <= 9 else { throw ValidationError("--nodes must be 1...9") }
        var passed = 0
        var failed = 0
        var unknown = 0
        for seed in range {
            var options = SimulationOptions(seed: seed)
            options.nodeCount = nodes
            options.faults = faultSet
            options.faultyMillis = duration
            options.clientCount = clients
            options.keyCount = keys
            options.recordsTrace = trace
            options.flaw = engineFlaw
            options.preVote = preVote
            options.checkQuorum = checkQuorum
            options.syncMillis = syncMillis
            options.parallelLeaderWrites = parallelLeaderWrites
            options.lazyCommitAnnouncements = lazyCommitAnnouncements
            let report = ClusterSimulation.run(options)
            if trace { report.trace.forEach { print($0) } }
            if report.linearizabilityUnknown { unknown += 1 }
            if let failure = report.failure {
                failed += 1
                print("seed \(seed) FAILED at \(report.endMillis) ms: \(failure)")
                print("  replay: swift run raft-sim --seed \(seed) \(replayFlags) --trace")
            } else {
                passed += 1
                if range.count == 1 { print(summary(report)) }
            }
        }
        if unknown > 0 { print("\(unknown) histories exceeded the checker's budget (neither proven nor refuted)") }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    private var replayFlags: String {
        var flags = "--nodes \(nodes) --faults \(faults) --duration \(duration) --clients \(clients) --keys \(keys)"
        if let flaw { flags += " --flaw \(flaw)" }
        if syncMillis != 2 { flags += " --sync-ms \(syncMillis)" }
        if let preVote { flags += " --pre-vote \(preVote)" }
        if let checkQuorum { flags += " --check-quorum \(checkQuorum)" }
        if let parallelLeaderWrites { flags += " --parallel-leader-writes \(parallelLeaderWrites)" }
        if let lazyCommitAnnouncements { flags += " --lazy-commit-announcements \(lazyCommitAnnouncements)" }
        return flags
    }

    private func seedRange() throws -> ClosedRange<UInt64> {
        switch (seed, seeds) {
        case (let single?, nil):
            return single...single
        case (nil, let text?):
            let bounds = text.split(separator: ".", omittingEmptySubsequences: true).compactMap { UInt64($0) }
            guard text.contains(".."), bounds.count == 2, bounds[0] <= bounds[1] else {
                throw ValidationError("--seeds takes A..B with A <= B")
            }
            return bounds[0]...bounds[1]
        case (nil, nil):
            return 1...1
        default:
            throw ValidationError("give --seed or --seeds, not both")
        }
    }

    private func summary(_ report: SimulationReport) -> String {
        let s = report.statistics
        return """
            seed \(report.seed): passed (\(report.endMillis) ms virtual)
              messages \(s.messagesSent) sent, \(s.messagesDropped) dropped, \(s.messagesDuplicated) duplicated
              faults: \(s.crashes) crashes (\(s.crashesDuringSync) during a sync), \(s.partitions) partitions, \(s.leaderTransfers) transfers; \(s.leaderChanges) leader changes
              entries applied \(s.entriesApplied); snapshots \(s.snapshotsTaken) taken, \(s.snapshotsInstalled) installed
              operations: \(s.operationsOK) ok, \(s.operationsPending) pending, \(s.operationsFailed) without effect; \(s.stepErrors) rejected messages
            """
    }
}
