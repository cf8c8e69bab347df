import Raft

/// Runs a Raft group, its clients and the faults of one seed in virtual time, then
/// judges the run: Raft's safety properties at every step, convergence and no lost
/// acknowledged write after the faults stop, and linearizability of the client
/// history.
///
/// Time advances one millisecond per step. In each step: inject faults, deliver the
/// messages due, tick the engines, let clients act, then handle every node's Ready.
public struct ClusterSimulation {
    typealias History = [ClientOperation<KeyValueInput<String, String>, KeyValueOutput<String>>?]

    let options: SimulationOptions
    var random: SplitMix64
    var nowMillis: Int64 = 0
    var nodes: [SimulatedNode] = []
    var network = SimulatedNetwork()
    var clients: [SimulatedClient]
    var history: History = []
    var monitor = SafetyMonitor()
    var report: SimulationReport
    var downUntilMillis: [NodeID: Int64] = [:]
    /// Nodes ever proposed as witnesses (never re-added as full members).
    var formerWitnesses: Set<NodeID> = []
    /// Crashes scheduled at interesting moments (just after a vote).
    var crashAtMillis: [NodeID: Int64] = [:]
    var cutUntilMillis: Int64?
    var nextRequestID: UInt64 = 0
    /// The highest session series each client was answered for.
    var acknowledgedSeries: [Int: UInt64] = [:]

    /// Runs one seed to the end (or to its first failure).
    public static func run(_ options: SimulationOptions) -> SimulationReport {
        var simulation = ClusterSimulation(options: options)
        simulation.runToEnd()
        return simulation.report
    }

    init(options: SimulationOptions) {
        self.options = options
        random = SplitMix64(seed: options.seed)
        clients = (0..<options.clientCount).map(SimulatedClient.init)
        report = SimulationReport(seed: options.seed)
        let voterCount = max(1, options.nodeCount)
        let ids = (1...UInt64(voterCount + max(0, options.spareCount))).map { NodeID($0) }
        let voters = Set(ids.prefix(voterCount))
        var preVote = options.preVote ?? Bool.random(using: &random)
        var checkQuorum = options.checkQuorum ?? Bool.random(using: &random)
        if options.faults.contains(.membership), !preVote, !checkQuorum {
            // A removed node that missed its removal campaigns forever; pre-vote or
            // check-quorum keeps it from disrupting the group (etcd's advice too).
            if options.preVote == nil { preVote = true } else { checkQuorum = true }
        }
        let leaseReads = checkQuorum && (options.leaseReads ?? Bool.random(using: &random))
        var ownDraw = SplitMix64(seed: options.seed ^ 0x9A7A_11E1_0000_0001)
        let (parallelDraw, lazyDraw) = (ownDraw.next(), ownDraw.next())
        let parallelLeaderWrites = options.parallelLeaderWrites ?? (parallelDraw & 1 == 1)
        let lazyCommitAnnouncements = options.lazyCommitAnnouncements ?? (lazyDraw & 1 == 1)
        // One entry per append, a few, or many: small appends expose commit rules.
        let maxSizePerMessageBytes = [UInt64(1), 256, 64 << 10].randomElement(using: &random)!
        let maxInflightMessages = Int.random(in: maxSizePerMessageBytes == 1 ? 4...8 : 1...8, using: &random)
        for id in ids {
            var config = RaftConfig(id: id, randomSeed: options.seed &* 0x1000_0001 &+ id)
            config.electionTicks = options.electionTicks
            config.preVote = preVote
            config.checkQuorum = checkQuorum
            config.readOnlyOption = leaseReads ? .leaseBased : .safe
            config.maxInflightMessages = maxInflightMessages
            config.maxSizePerMessageBytes = maxSizePerMessageBytes
            config.parallelLeaderWrites = parallelLeaderWrites
            config.lazyCommitAnnouncements = lazyCommitAnnouncements
            config.flaw = options.flaw
            // A valid configuration cannot fail to start on empty storage.
            nodes.append(try! SimulatedNode(id: id, voters: voters, config: config, options: options))
        }
        log("start: \(voters.count) voters + \(ids.count - voters.count) spare, pre-vote \(preVote), check-quorum \(checkQuorum), lease reads \(leaseReads), parallel leader writes \(parallelLeaderWrites), lazy commit announcements \(lazyCommitAnnouncements), faults \(options.faults)")
    }

    var nodeIDs: [NodeID] { nodes.map(\.id) }

    mutating func runToEnd() {
        let endMillis = options.faultyMillis + options.settleMillis
        while nowMillis < endMillis, report.failure == nil {
            step()
            nowMillis += 1
        }
        report.endMillis = nowMillis
        if report.failure == nil { judgeRecovery() }
        if report.failure == nil { judgeHistory() }
    }

    mutating func step() {
        let faulty = nowMillis < options.faultyMillis
        if faulty {
            injectFaults()
        } else if nowMillis == options.faultyMillis {
            endFaults()
        }
        repairFaultsDue()
        deliverDue()
        tickNodes()
        driveClients(startingNew: faulty)
        handleReadies()
        checkSafety()
    }

    mutating func tickNodes() {
        for position in nodes.indices where (nowMillis + Int64(position) * 3) % options.tickMillis == 0 {
            nodes[position].tick()
        }
    }

    mutating func handleReadies() {
        for position in nodes.indices {
            var rounds = 0
            while rounds < 8, let effects = nodes[position].handleReady(now: nowMillis) {
                rounds += 1
                process(effects, of: position)
            }
        }
    }

    mutating func process(_ effects: SimulatedNode.ReadyEffects, of position: Int) {
        let id = nodes[position].id
        report.statistics.stepErrors += effects.stepErrors
        if let error = effects.storageError {
            fail(.safety("n\(id)'s Ready did not fit its storage: \(error)"))
        }
        for message in effects.messages {
            if case .voteResponse(granted: true) = message.kind { maybeCrashSoon(id) }
            send(.raft(message), from: .node(id), to: .node(message.to))
        }
        for (client, reply) in effects.replies {
            send(.reply(reply), from: .node(id), to: .client(client))
        }
        report.statistics.entriesApplied += UInt64(effects.applied.count)
        report.statistics.membershipChangesApplied += effects.membershipChanges.count
        for change in effects.membershipChanges { log("n\(id) applies membership \(Self.describe(change))") }
        if let last = effects.applied.last { log("n\(id) applied through \(last.index)") }
        if effects.tookSnapshot { report.statistics.snapshotsTaken += 1 }
        if effects.installedSnapshot {
            report.statistics.snapshotsInstalled += 1
            log("n\(id) installed a snapshot at \(nodes[position].storage.snapshot().metadata.index)")
        }
        do throws(SafetyMonitor.Violation) {
            try monitor.recordApplied(effects.applied, by: id, inTerm: nodes[position].raft?.term ?? 0)
            if let soft = effects.softState, soft.role == .leader {
                report.statistics.leaderChanges += 1
                log("n\(id) leads term \(nodes[position].raft?.term ?? 0)")
                try monitor.checkNewLeader(nodes[position])
            }
        } catch {
            fail(.safety(error.description))
        }
    }

    mutating func checkSafety() {
        do throws(SafetyMonitor.Violation) {
            try monitor.checkLeaders(nodes)
            if nowMillis % 50 == 0 { try monitor.checkLogMatching(nodes) }
        } catch {
            fail(.safety(error.description))
        }
    }

    /// Membership with sorted ids: a Set's own description changes from run to run.
    static func describe(_ membership: ConfState) -> String {
        var text = "voters \(membership.voters.sorted())"
        if !membership.learners.isEmpty { text += " learners \(membership.learners.sorted())" }
        if membership.isJoint { text += " outgoing \(membership.votersOutgoing.sorted())" }
        if !membership.learnersNext.isEmpty { text += " learners-next \(membership.learnersNext.sorted())" }
        if !membership.witnesses.isEmpty { text += " witnesses \(membership.witnesses.sorted())" }
        return text
    }

    mutating func fail(_ failure: SimulationReport.Failure) {
        guard report.failure == nil else { return }
        report.failure = failure
        log("FAIL \(failure)")
    }

    mutating func log(_ line: String) {
        guard options.recordsTrace else { return }
        report.trace.append("\(nowMillis)ms \(line)")
    }
}
