import Raft

extension ClusterSimulation {
    /// Each millisecond of the faulty phase may start one fault; per second of
    /// virtual time that is about 0.7 partitions, 0.4 one-way cuts, 0.7 crashes and
    /// 1.5 leadership transfers.
    mutating func injectFaults() {
        let faults = options.faults
        let roll = Int.random(in: 0..<10_000, using: &random)
        switch roll {
        case 0..<7 where faults.contains(.partition) && cutUntilMillis == nil:
            partitionSymmetric()
        case 7..<11 where faults.contains(.oneWayPartition) && cutUntilMillis == nil:
            partitionOneWay()
        case 11..<18 where faults.contains(.crash):
            crashRandomNode()
        case 18..<33 where faults.contains(.leaderTransfer):
            transferLeadership()
        case 33..<41 where faults.contains(.membership):
            changeMembership()
        default:
            return
        }
    }

    private mutating func partitionSymmetric() {
        guard nodes.count > 1 else { return }
        var ids = nodeIDs
        ids.shuffle(using: &random)
        let sideCount = Int.random(in: 1..<ids.count, using: &random)
        let side = Set(ids.prefix(sideCount))
        for a in nodeIDs where side.contains(a) {
            for b in nodeIDs where !side.contains(b) {
                network.cutLink(from: a, to: b)
                network.cutLink(from: b, to: a)
            }
        }
        cutUntilMillis = nowMillis + Int64.random(in: 100...1_000, using: &random)
        report.statistics.partitions += 1
        log("partition \(side.sorted()) | \(nodeIDs.filter { !side.contains($0) })")
    }

    private mutating func partitionOneWay() {
        guard nodes.count > 1 else { return }
        let ids = nodeIDs.shuffled(using: &random)
        network.cutLink(from: ids[0], to: ids[1])
        cutUntilMillis = nowMillis + Int64.random(in: 100...1_000, using: &random)
        report.statistics.partitions += 1
        log("one-way cut n\(ids[0]) -> n\(ids[1])")
    }

    private mutating func crashRandomNode() {
        let up = nodes.indices.filter { nodes[$0].isUp }
        guard let position = up.randomElement(using: &random) else { return }
        crash(position)
    }

    /// Crashes are likelier to find bugs at moments when state was just changed:
    /// one vote in ten is followed by a crash within 2 ms.
    mutating func maybeCrashSoon(_ id: NodeID) {
        guard nowMillis < options.faultyMillis, options.faults.contains(.crash), crashAtMillis[id] == nil,
            Int.random(in: 0..<10, using: &random) == 0
        else { return }
        crashAtMillis[id] = nowMillis + Int64.random(in: 0...2, using: &random)
    }

    private mutating func crash(_ position: Int) {
        if nodes[position].crash() { report.statistics.crashesDuringSync += 1 }
        downUntilMillis[nodes[position].id] = nowMillis + Int64.random(in: 20...800, using: &random)
        report.statistics.crashes += 1
        log("crash n\(nodes[position].id)")
    }

    private mutating func transferLeadership() {
        guard let leader = nodes.firstIndex(where: { $0.raft?.role == .leader }) else { return }
        let others = nodeIDs.filter { $0 != nodes[leader].id }
        guard let target = others.randomElement(using: &random) else { return }
        nodes[leader].transferLeadership(to: target)
        report.statistics.leaderTransfers += 1
        log("transfer leadership n\(nodes[leader].id) -> n\(target)")
    }

    /// Asks the leader for a random membership change: add a spare as learner,
    /// promote a learner, demote or remove a voter (keeping at least two), or replace
    /// a voter by a spare in one joint change.
    private mutating func changeMembership() {
        guard let leader = nodes.firstIndex(where: { $0.raft?.role == .leader }),
            let membership = nodes[leader].raft?.confState, !membership.isJoint
        else { return }
        let voters = membership.voters.sorted()
        let learners = membership.learners.sorted()
        let spares = nodeIDs.filter { !membership.voters.contains($0) && !membership.learners.contains($0) }
        let fullVoters = voters.filter { !membership.witnesses.contains($0) }
        var choices: [ConfChange] = []
        // A node that was ever a witness holds logs without payloads: it may come back
        // as a witness only.
        if let spare = spares.filter({ !formerWitnesses.contains($0) }).randomElement(using: &random) {
            choices.append(ConfChange([.init(.addLearner, spare)]))
            if let voter = fullVoters.randomElement(using: &random) {
                choices.append(ConfChange([.init(.addVoter, spare), .init(.removeNode, voter)]))
            }
        }
        if membership.witnesses.isEmpty, let spare = spares.randomElement(using: &random) {
            choices.append(ConfChange([.init(.addWitness, spare)]))
        }
        if let learner = learners.randomElement(using: &random) {
            choices.append(ConfChange([.init(.addVoter, learner)]))
            choices.append(ConfChange([.init(.removeNode, learner)]))
        }
        // Keep two full voters: with a witness, a quorum may hold the newest entries on
        // one full voter only, and removing it would leave them nowhere to lead from.
        if voters.count > 2, let voter = voters.randomElement(using: &random),
            membership.witnesses.contains(voter) || fullVoters.count > 2
        {
            choices.append(ConfChange([.init(.removeNode, voter)]))
            choices.append(ConfChange([.init(.addLearner, voter)]))
        }
        guard let change = choices.randomElement(using: &random) else { return }
        if nodes[leader].proposeConfChange(change) {
            for single in change.changes where single.kind == .addWitness { formerWitnesses.insert(single.node) }
            report.statistics.membershipChanges += 1
            log("n\(nodes[leader].id) proposes membership \(change.changes.map { "\($0.kind) n\($0.node)" })")
        }
    }

    /// Heals partitions and restarts crashed nodes whose time is up; crashes those
    /// scheduled to crash now.
    mutating func repairFaultsDue() {
        for (id, at) in crashAtMillis.sorted(by: { $0.key < $1.key }) where nowMillis >= at {
            crashAtMillis[id] = nil
            if let position = position(of: id), nodes[position].isUp { crash(position) }
        }
        if let until = cutUntilMillis, nowMillis >= until {
            network.heal()
            cutUntilMillis = nil
            log("heal")
        }
        for (id, until) in downUntilMillis.sorted(by: { $0.key < $1.key }) where nowMillis >= until {
            restart(id)
        }
    }

    /// The faulty phase is over: heal everything and restart every node.
    mutating func endFaults() {
        if cutUntilMillis != nil { cutUntilMillis = nowMillis }
        for id in downUntilMillis.keys { downUntilMillis[id] = nowMillis }
        log("faults end")
    }

    private mutating func restart(_ id: NodeID) {
        downUntilMillis[id] = nil
        guard let position = position(of: id) else { return }
        do throws(RaftError) {
            try nodes[position].restart()
            log("restart n\(id) (applied \(nodes[position].machine.appliedIndex))")
        } catch {
            fail(.recovery("n\(id) could not restart from its disk: \(error)"))
        }
    }
}
