import Foundation
import Raft
import Synchronization
import Testing
import TestSupport
@testable import RaftHost

/// Three (or four) NodeHosts on 127.0.0.1 in this process, each with its own data
/// directory and WAL, talking over the real transport: the replicas must agree with
/// what was acknowledged, through failover, restarts, snapshots and membership changes.
@Suite(.serialized) struct NodeHostTests {
    @Test func threeHostsProposeOnLeaderAndFollowerAndReadAtEveryLevel() async throws {
        let cluster = TestHosts()
        for node: NodeID in 1...3 { try await cluster.start(node) }
        // Group 1 confirms reads with a heartbeat round; group 2 from the leader's lease.
        try await cluster.startGroup(1, members: [1, 2, 3])
        try await cluster.startGroup(2, members: [1, 2, 3], options: GroupOptions(leaseReads: true))
        for group: GroupID in [1, 2] {
            let leader = try await cluster.leader(of: group, among: [1, 2, 3])
            let follower: NodeID = leader == 1 ? 2 : 1
            let first = try await cluster[leader].put(group, "a", "from-leader")
            let second = try await cluster[follower].put(group, "b", "from-follower")
            // The result is the state machine's answer for the entry, from the proposer's replica.
            #expect(second.value > first.value)
            #expect(second.data == Array("ok \(second.value)".utf8))
            for node: NodeID in 1...3 {
                // Linearizable levels see both acknowledged writes at once, on every node.
                #expect(try await cluster[node].get(group, "a", .readIndex) == "from-leader")
                #expect(try await cluster[node].get(group, "b", .readIndex) == "from-follower")
                #expect(try await cluster[node].get(group, "b", .lease) == "from-follower")
                // A stale read gets there.
                #expect(await cluster[node].converges(group, "b", "from-follower"))
            }
        }
        let status = try await cluster[1].status(group: 1)
        #expect(status.members.map(\.node) == [1, 2, 3])
        #expect(status.members.allSatisfy { $0.role == .voter && $0.address == cluster.addresses[$0.node] })
        #expect(status.appliedIndex <= status.commitIndex && status.commitIndex <= status.lastIndex)
        let metrics = cluster[1].metrics.render()
        #expect(metrics.contains("raft_wal_fsync_seconds_bucket"))
        #expect(metrics.contains("raft_commits_total"))
        await #expect(throws: NodeHostError.groupNotFound(9)) { try await cluster[1].propose(group: 9, command: [1]) }
        await cluster.stopAll()
    }

    @Test func aNewLeaderKeepsEveryAcknowledgedWriteAndTheOldOneCatchesUp() async throws {
        let cluster = TestHosts()
        let leader = try await cluster.startThreeHostGroup()
        var acknowledged: [String: String] = [:]
        for index in 0..<30 {
            let proposer = NodeID(index % 3 + 1)
            try await cluster[proposer].put(1, "k\(index)", "v\(index)")
            acknowledged["k\(index)"] = "v\(index)"
        }
        await cluster.stop(leader)
        let survivors = [NodeID(1), 2, 3].filter { $0 != leader }
        let next = try await cluster.leader(of: 1, among: survivors)
        #expect(next != leader)
        for (key, value) in acknowledged {
            #expect(try await cluster[next].get(1, key, .readIndex) == value)
        }
        for index in 30..<40 {
            try await cluster[survivors[index % 2]].put(1, "k\(index)", "v\(index)")
            acknowledged["k\(index)"] = "v\(index)"
        }
        // The old leader restarts from its data directory, on its old port, and catches up.
        let restarted = try await cluster.start(leader)
        #expect(restarted.recoveredGroups == [1])
        try await restarted.startGroup(1, initialMembers: [:]) { TestKeyValueMachine() }
        #expect(await restarted.converges(1, "k39", "v39"))
        for (key, value) in acknowledged {
            #expect(try await restarted.get(1, key, .readIndex) == value)
        }
        await cluster.stopAll()
    }

    /// A follower forwards a write to a leader that has just stopped (the follower does
    /// not know yet: elections here take seconds). When the next leader's first entry
    /// applies there, the write can never apply any more: it fails as lost then, long
    /// before its deadline, and a retry succeeds.
    @Test func aWriteForwardedToAStoppedLeaderFailsAsLostWhenTheNextTermApplies() async throws {
        let cluster = TestHosts()
        let leader = try await cluster.startThreeHostGroup(options: GroupOptions(electionTicks: 150))
        let follower = [NodeID(1), 2, 3].first { $0 != leader }!
        try await cluster[follower].put(1, "before", "1")
        await cluster.stop(leader)
        let start = ContinuousClock.now
        let status = try await cluster[follower].status(group: 1)
        #expect(status.leader == leader, "the follower must still believe in the stopped leader")
        await #expect(throws: NodeHostError.proposalLost) {
            try await cluster[follower].propose(group: 1, command: Array("lost=1".utf8), timeout: .seconds(60))
        }
        #expect(ContinuousClock.now - start < .seconds(30), "lost at the next term, not at the deadline")
        #expect(try await cluster[follower].status(group: 1).term > status.term)
        try await cluster[follower].put(1, "after", "1")
        #expect(try await cluster[follower].get(1, "lost", .readIndex) == "")
        await cluster.stopAll()
    }

    /// Each host takes a group's first snapshot an eighth of the interval later per step
    /// of its node ID, so replicas do not all serialize their state at the same moment.
    @Test func replicasTakeTheirSnapshotsAtDifferentIndexes() async throws {
        let cluster = TestHosts()
        let leader = try await cluster.startThreeHostGroup(options: GroupOptions(snapshotEveryEntries: 40))
        for index in 0..<70 { try await cluster[leader].put(1, "k\(index)", "v") }
        var taken: [NodeID: Index] = [:]
        for node: NodeID in 1...3 {
            #expect(await eventually { ((try? await cluster[node].status(group: 1))?.snapshotIndex ?? 0) > 0 })
            taken[node] = try await cluster[node].status(group: 1).snapshotIndex
            #expect(taken[node]! >= 40 + 5 * node, "node \(node): \(taken)")
        }
        #expect(Set(taken.values).count == 3, "\(taken)")
        await cluster.stopAll()
    }

    @Test func aFollowerThatMissedCompactedEntriesCatchesUpFromASnapshot() async throws {
        let cluster = TestHosts()
        let options = GroupOptions(snapshotEveryEntries: 16)
        let leader = try await cluster.startThreeHostGroup(options: options)
        let lagging: NodeID = leader == 3 ? 2 : 3
        await cluster.stop(lagging)
        let others = [NodeID(1), 2, 3].filter { $0 != lagging }
        for index in 0..<100 {
            try await cluster[others[index % 2]].put(1, "k\(index)", "v\(index)")
        }
        let current = try await cluster.leader(of: 1, among: others)
        let leaderStatus = try await cluster[current].status(group: 1)
        #expect(leaderStatus.snapshotIndex >= 64)
        let restarted = try await cluster.start(lagging)
        try await restarted.startGroup(1, initialMembers: [:], options: options) { TestKeyValueMachine() }
        #expect(await restarted.converges(1, "k99", "v99"))
        for index in 0..<100 {
            #expect(try await restarted.get(1, "k\(index)", .stale) == "v\(index)")
        }
        #expect((restarted.metric("raft_snapshots_received_total") ?? 0) >= 1)
        #expect((cluster[current].metric("raft_snapshots_sent_total") ?? 0) >= 1)
        #expect((cluster[current].metric("raft_snapshots_taken_total") ?? 0) >= 4)
        await cluster.stopAll()
    }

    @Test func aHostJoinsAsLearnerIsPromotedThenRemoved() async throws {
        let cluster = TestHosts()
        for node: NodeID in 1...4 { try await cluster.start(node) }
        try await cluster.startGroup(1, members: [1, 2, 3], options: GroupOptions(snapshotEveryEntries: 8))
        let leader = try await cluster.leader(of: 1, among: [1, 2, 3])
        for index in 0..<20 { try await cluster[leader].put(1, "k\(index)", "v\(index)") }
        // Host 4 waits with no members; a follower asks for the change (forwarded to the leader).
        try await cluster[4].startGroup(1, initialMembers: [:]) { TestKeyValueMachine() }
        let follower: NodeID = leader == 1 ? 2 : 1
        try await cluster[follower].addLearner(group: 1, node: 4, address: cluster.addresses[4]!)
        #expect(await cluster[4].converges(1, "k19", "v19"))
        // The leader had compacted its log: host 4 started from a snapshot.
        #expect((cluster[4].metric("raft_snapshots_received_total") ?? 0) >= 1)
        var status = try await cluster[leader].status(group: 1)
        #expect(status.members.first { $0.node == 4 }?.role == .learner)
        #expect(status.members.first { $0.node == 4 }?.address == cluster.addresses[4])

        try await cluster[leader].promote(group: 1, node: 4)
        status = try await cluster[leader].status(group: 1)
        #expect(status.members.filter { $0.role == .voter }.map(\.node) == [1, 2, 3, 4])
        try await cluster[4].put(1, "from-4", "yes")
        #expect(try await cluster[leader].get(1, "from-4", .readIndex) == "yes")

        // Leadership moves to 4, then 4 is removed by another member.
        try await cluster[leader].transferLeadership(group: 1, to: 4)
        let transferred = await eventually {
            let seenByOldLeader = try? await cluster[leader].status(group: 1)
            let seenBy4 = try? await cluster[4].status(group: 1)
            return seenByOldLeader?.leader == 4 && seenBy4?.role == .leader
        }
        #expect(transferred)
        try await cluster[leader].remove(group: 1, node: 4)
        let next = try await cluster.leader(of: 1, among: [1, 2, 3])
        status = try await cluster[next].status(group: 1)
        #expect(status.members.map(\.node) == [1, 2, 3])
        try await cluster[next].put(1, "after", "removal")
        #expect(try await cluster[next].get(1, "after", .readIndex) == "removal")
        await cluster.stopAll()
    }

    @Test func fourGroupsShareThreeHosts() async throws {
        let cluster = TestHosts()
        for node: NodeID in 1...3 { try await cluster.start(node) }
        for group: GroupID in 1...4 { try await cluster.startGroup(group, members: [1, 2, 3]) }
        for group: GroupID in 1...4 {
            for index in 0..<10 {
                try await cluster[NodeID((Int(group) + index) % 3 + 1)].put(group, "k\(index)", "g\(group)-v\(index)")
            }
        }
        for group: GroupID in 1...4 {
            for node: NodeID in 1...3 {
                #expect(try await cluster[node].get(group, "k9", .readIndex) == "g\(group)-v9")
            }
        }
        await cluster.stopAll()
    }

    @Test func aMutualTLSClusterReplicates() async throws {
        let certificates = try TemporaryDirectory()
        let output = try ChildProcess.run(
            repositoryRoot.appendingPathComponent("scripts/gen-certs"), [certificates.path, "n1", "n2", "n3"])
        try #require(output.status == 0, "gen-certs failed: \(output.stderr)")
        let cluster = TestHosts { node in
            RaftTLSConfiguration(
                certificateChainPath: certificates.path + "/n\(node).pem", privateKeyPath: certificates.path + "/n\(node).key",
                trustRootsPath: certificates.path + "/ca.pem")
        }
        try await cluster.startThreeHostGroup()
        for node: NodeID in 1...3 { try await cluster[node].put(1, "k\(node)", "tls-\(node)") }
        for node: NodeID in 1...3 {
            #expect(try await cluster[node].get(1, "k3", .readIndex) == "tls-3")
        }
        await cluster.stopAll()
    }

    @Test func aSingleHostKeepsEveryAcknowledgedWriteAcrossRestarts() async throws {
        let cluster = TestHosts()
        try await cluster.start(1)
        let options = GroupOptions(snapshotEveryEntries: 25)
        try await cluster.startGroup(1, members: [1], options: options)
        for index in 0..<60 { try await cluster[1].put(1, "k\(index)", "v\(index)") }
        await cluster.stop(1)
        for round in 0..<2 {
            let host = try await cluster.start(1)
            #expect(host.recoveredGroups == [1])
            try await host.startGroup(1, initialMembers: [:], options: options) { TestKeyValueMachine() }
            for index in 0..<(60 + 10 * round) {
                #expect(try await host.get(1, "k\(index)", .readIndex) == "v\(index)")
            }
            for index in (60 + 10 * round)..<(70 + 10 * round) { try await host.put(1, "k\(index)", "v\(index)") }
            await cluster.stop(1)
        }
    }

    /// A snapshot is serialized and written off the loop: while its serializer is held
    /// back, writes keep committing; once it runs, the log is compacted to it, and a
    /// restart recovers from it.
    @Test func writesGoOnWhileASnapshotIsSerialized() async throws {
        let gate = DispatchSemaphore(value: 0)
        let cluster = TestHosts()
        try await cluster.start(1)
        let options = GroupOptions(snapshotEveryEntries: 8)
        try await cluster[1].startGroup(1, initialMembers: [1: cluster.addresses[1]!], options: options) {
            GatedSnapshotMachine(gate: gate)
        }
        for index in 0..<40 { try await cluster[1].put(1, "k\(index)", "v\(index)") }
        #expect(cluster[1].metric("raft_snapshots_taken_total") == 0, "the first snapshot is still being serialized")
        #expect(try await cluster[1].status(group: 1).snapshotIndex == 0)
        gate.signal()
        #expect(await eventually { (try? await cluster[1].status(group: 1).snapshotIndex) ?? 0 >= 8 })
        #expect(cluster[1].metric("raft_snapshots_taken_total") == 1)
        for _ in 0..<8 { gate.signal() }  // the ones after it go through
        await cluster.stop(1)
        let host = try await cluster.start(1)
        try await host.startGroup(1, initialMembers: [:], options: options) { TestKeyValueMachine() }
        for index in 0..<40 { #expect(try await host.get(1, "k\(index)", .readIndex) == "v\(index)") }
        await cluster.stopAll()
    }

    /// With parallel leader writes a single-node group commits a Ready after its write is
    /// reported durable; the loop must take that Ready at once, not at the next tick. With
    /// half-second ticks, ten writes one after another took at least five seconds before.
    @Test func aSingleNodeGroupDoesNotWaitForATickToCommit() async throws {
        let directory = try TemporaryDirectory()
        let host = try await NodeHost.start(NodeHostConfiguration(
            dataDirectory: directory.path + "/host", nodeID: 1, tickIntervalMilliseconds: 500, logger: TestHosts.logger))
        try await host.startGroup(1, initialMembers: [1: host.listenAddress], options: GroupOptions(electionTicks: 2)) {
            TestKeyValueMachine()
        }
        try await host.put(1, "first", "elects")  // waits out the election
        let started = ContinuousClock.now
        for index in 0..<10 { try await host.put(1, "k\(index)", "v\(index)") }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .milliseconds(2_500), "10 writes took \(elapsed): each waited for a tick")
        await host.shutdown()
    }

    @Test func callsAfterShutdownFailWithShuttingDown() async throws {
        let cluster = TestHosts()
        let host = try await cluster.start(1)
        try await cluster.startGroup(1, members: [1])
        await cluster.stop(1)
        await #expect(throws: NodeHostError.shuttingDown) { try await host.propose(group: 1, command: [1]) }
        await #expect(throws: NodeHostError.shuttingDown) { try await host.status(group: 1) }
    }
}

/// An on-disk state machine is opened, not rebuilt: after a restart only the entries
/// after the applied index its own file holds are replayed into it.
@Suite(.serialized) struct NodeHostOnDiskTests {
    @Test func onlyEntriesAfterTheMachinesDurableIndexAreReplayed() async throws {
        let directory = try TemporaryDirectory()
        let record = OnDiskTestRecord(path: directory.path + "/machine")
        let cluster = TestHosts()
        try await cluster.start(1)
        // Snapshots (and so machine syncs) every 10 entries.
        let options = GroupOptions(snapshotEveryEntries: 10)
        try await cluster[1].startGroup(1, initialMembers: [1: cluster.addresses[1]!], options: options) {
            OnDiskTestMachine(record: record)
        }
        for index in 0..<25 { try await cluster[1].put(1, "k\(index)", "v\(index)") }
        let last = try await cluster[1].status(group: 1).appliedIndex
        // The process "dies" after the machine's last sync: nothing later reaches its file.
        record.syncsAllowed = false
        await cluster.stop(1)
        let text = try String(contentsOfFile: record.path, encoding: .utf8)
        let durable = try #require(Index(text.prefix { $0 != "\n" }))
        #expect(durable >= 10 && durable < last)

        record.resetUpdates()
        record.syncsAllowed = true
        let host = try await cluster.start(1)
        try await host.startGroup(1, initialMembers: [:], options: options) { OnDiskTestMachine(record: record) }
        for index in 0..<25 {
            #expect(try await host.get(1, "k\(index)", .readIndex) == "v\(index)")
        }
        // Replay covered exactly the proposals after `durable` (the rest are host entries).
        let replayed = record.updatedIndexes
        #expect(replayed.first.map { $0 > durable } == true)
        #expect(replayed.last == last)
        let durableKeys = text.split(separator: "\n").count - 1
        #expect(replayed.count == 25 - durableKeys)
        await cluster.stopAll()
    }
}

/// A damaged address book refuses the start with a typed error naming the file, rather
/// than sending a group's messages to wrong hosts.
@Suite struct NodeHostDataDirectoryTests {
    @Test func aFlippedByteInTheAddressBookIsReported() async throws {
        let directory = try TemporaryDirectory()
        let configuration = NodeHostConfiguration(
            dataDirectory: directory.path + "/a/b", nodeID: 1, logger: TestHosts.logger)
        let host = try await NodeHost.start(configuration)
        // Two founding peers that never answer: their addresses go to the book.
        try await host.startGroup(
            1,
            initialMembers: [
                1: host.listenAddress, 2: PeerAddress(host: "127.0.0.1", port: 1), 3: PeerAddress(host: "127.0.0.1", port: 2),
            ]
        ) { TestKeyValueMachine() }
        await host.shutdown()
        let book = directory.path + "/a/b/addresses"
        let size = try Files.size(book)
        try Files.flipByte(at: size - 3, in: book)
        await #expect(throws: NodeHostError.storage("\(book): checksum mismatch")) {
            _ = try await NodeHost.start(configuration)
        }
    }
}

/// A state machine that throws from `update` stops its group with a typed error, and
/// the host's other groups go on.
@Suite struct NodeHostStateMachineFailureTests {
    /// Refuses the command `boom`.
    final class Refusing: StateMachine {
        let inner = TestKeyValueMachine()
        func update(_ entries: [StateMachineEntry]) throws(StateMachineError) -> [StateMachineResult] {
            if entries.contains(where: { $0.command == Array("boom".utf8) }) { throw StateMachineError("refused boom") }
            return try inner.update(entries)
        }
        func lookup(_ query: [UInt8]) throws(StateMachineError) -> [UInt8] { try inner.lookup(query) }
        func saveSnapshot() throws(StateMachineError) -> [UInt8] { try inner.saveSnapshot() }
        func recoverFromSnapshot(_ data: [UInt8]) throws(StateMachineError) { try inner.recoverFromSnapshot(data) }
    }

    @Test func aFailingUpdateStopsOnlyItsGroup() async throws {
        let cluster = TestHosts()
        let host = try await cluster.start(1)
        let members = [NodeID(1): host.listenAddress]
        try await host.startGroup(1, initialMembers: members) { Refusing() }
        try await host.startGroup(2, initialMembers: members) { TestKeyValueMachine() }
        try await host.put(1, "a", "1")
        await #expect(throws: NodeHostError.stateMachine("refused boom")) {
            try await host.retryingWithoutLeader { () async throws(NodeHostError) in
                try await host.propose(group: 1, command: Array("boom".utf8))
            }
        }
        await #expect(throws: NodeHostError.stateMachine("refused boom")) { try await host.status(group: 1) }
        try await host.put(2, "b", "2")
        #expect(try await host.get(2, "b", .readIndex) == "2")
        await cluster.stopAll()
    }
}

/// With entries kept after compaction, a follower a little behind catches up from the
/// log, and the log still gets compacted (with none kept, the same run needs a snapshot).
@Suite(.serialized) struct NodeHostCompactionTests {
    @Test func aFollowerWithinTheKeptEntriesCatchesUpWithoutASnapshot() async throws {
        let cluster = TestHosts()
        let options = GroupOptions(snapshotEveryEntries: 10, entriesKeptAfterCompaction: 60)
        let leader = try await cluster.startThreeHostGroup(options: options)
        for index in 0..<80 { try await cluster[leader].put(1, "k\(index)", "v\(index)") }
        let lagging: NodeID = leader == 3 ? 2 : 3
        await cluster.stop(lagging)
        for index in 80..<120 { try await cluster[leader].put(1, "k\(index)", "v\(index)") }
        let status = try await cluster[leader].status(group: 1)
        // Compacted, but at least 60 applied entries behind.
        #expect(status.snapshotIndex > 0)
        #expect(status.snapshotIndex + 60 <= status.appliedIndex)
        let restarted = try await cluster.start(lagging)
        try await restarted.startGroup(1, initialMembers: [:], options: options) { TestKeyValueMachine() }
        #expect(await restarted.converges(1, "k119", "v119"))
        #expect(restarted.metric("raft_snapshots_received_total") ?? 0 == 0)
        #expect(cluster[leader].metric("raft_snapshots_sent_total") ?? 0 == 0)
        await cluster.stopAll()
    }
}

/// Writers on every host propose concurrently while the leader is shut down: every
/// write that was acknowledged is on the new leader and, after its restart, on the old one.
@Suite(.serialized) struct NodeHostConcurrentFailoverTests {
    @Test func noAcknowledgedWriteIsLostWhenTheLeaderStopsUnderLoad() async throws {
        let cluster = TestHosts()
        let leader = try await cluster.startThreeHostGroup(options: GroupOptions(snapshotEveryEntries: 50))
        let hosts = [NodeID(1), 2, 3].map { cluster[$0] }
        let acknowledged = AcknowledgedWrites()
        await withTaskGroup(of: Void.self) { writers in
            for writer in 0..<6 {
                let host = hosts[writer % 3]
                writers.addTask {
                    for round in 0..<60 {
                        let key = "w\(writer)-\(round)"
                        do throws(NodeHostError) {
                            _ = try await host.propose(group: 1, command: Array("\(key)=\(round)".utf8), timeout: .seconds(3))
                            acknowledged.record(key, "\(round)")
                        } catch .shuttingDown {
                            return
                        } catch {
                            // Not acknowledged (no leader, timeout): it may or may not be applied.
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
            writers.addTask {
                _ = await eventually { acknowledged.all.count >= 60 }
                await cluster.stop(leader)
            }
        }
        let survivors = [NodeID(1), 2, 3].filter { $0 != leader }
        let next = try await cluster.leader(of: 1, among: survivors)
        let written = acknowledged.all
        #expect(written.count > 60)
        for (key, value) in written {
            #expect(try await cluster[next].get(1, key, .readIndex) == value)
        }
        let restarted = try await cluster.start(leader)
        try await restarted.startGroup(1, initialMembers: [:], options: GroupOptions(snapshotEveryEntries: 50)) {
            TestKeyValueMachine()
        }
        for (key, value) in written {
            #expect(try await restarted.get(1, key, .readIndex) == value)
        }
        await cluster.stopAll()
    }
}

/// Writes acknowledged to concurrent writers, by key.
final class AcknowledgedWrites: Sendable {
    private let values = Mutex<[String: String]>([:])

    func record(_ key: String, _ value: String) { values.withLock { $0[key] = value } }

    var all: [String: String] { values.withLock { $0 } }
}
