import ArgumentParser
import Foundation
import LoadGeneration
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// `kv-chaos`: a 3-node `many-kvstore` cluster on loopback under concurrent clients and
/// injected faults (kill -9 and restart, SIGSTOP/SIGCONT, a node cut off by its link
/// proxies), then every fault healed, every key read on every node, and the whole history
/// checked for linearizability. Exit 0: linearizable; 1: a violation (the witness is
/// printed); 2: the harness itself failed; 3: inconclusive (the checker's search budget
/// ran out, e.g. on thousands of operations with unknown outcome).
@main
struct KVChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kv-chaos",
        abstract: "Fault-inject a real many-kvstore cluster and check its history for linearizability.")

    @Option(help: "The many-kvstore binary.")
    var binary: String

    @Option(help: "Seconds of load and faults.")
    var seconds = 20.0

    @Option(help: "Seed for the clients' choices and the fault schedule.")
    var seed: UInt64 = 1

    @Option(help: "Client threads.")
    var clients = 4

    @Option(help: "Keys the clients share.")
    var keys = 3

    @Option(help: "Faults to inject: kill, pause, partition (comma-separated), or none.")
    var faults = "kill,pause,partition"

    @Option(help: "The clients' read level: readIndex (linearizable), lease, or stale (not linearizable: a negative control the check must fail).")
    var readLevel = "readIndex"

    @Option(help: "Snapshot and compact every this many applied entries (small, so that runs take, send and install snapshots).")
    var snapshotEntries = 2_000

    @Option(help: "Where the nodes keep their data and logs (default: a new temporary directory, deleted after a pass).")
    var directory: String?

    func run() throws {
        do {
            try runChaos()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("kv-chaos: harness failure: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    private func runChaos() throws {
        let kinds = faults == "none" ? [] : faults.split(separator: ",").map(String.init)
        guard ["readIndex", "lease", "stale"].contains(readLevel) else { throw ValidationError("--read-level: readIndex, lease or stale") }
        guard kinds.allSatisfy({ ["kill", "pause", "partition"].contains($0) }) else {
            throw ValidationError("--faults: kill, pause, partition or none")
        }
        let directory = self.directory ?? (NSTemporaryDirectory() + "kv-chaos-\(getpid())")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func log(_ text: String) { FileHandle.standardError.write(Data("kv-chaos: \(text)\n".utf8)) }

        let cluster = try ChaosCluster(
            size: 3, binary: binary, directory: directory, nodeFlags: ["--snapshot-entries", String(snapshotEntries)])
        defer { cluster.stopAll() }
        for node in cluster.nodes { try cluster.start(node) }
        let ports = cluster.nodes.map(\.httpPort)
        guard waitForLeader(ports, seconds: 30) else { throw ChaosError("no leader within 30 s; logs in \(directory)") }
        log("cluster up: HTTP ports \(ports.map(String.init).joined(separator: ", ")), data in \(directory)")

        let history = ChaosHistory()
        let started = LoadClock.nanoseconds()
        let deadline = started + UInt64(seconds * 1e9)
        let keyNames = (0..<keys).map { "k\($0)" }
        let done = DispatchSemaphore(value: 0)
        for index in 0..<clients {
            let client = ChaosClient(
                index: index, nodes: ports, keys: keyNames, history: history, timeoutSeconds: 2, started: started, readLevel: readLevel)
            Thread {
                client.run(until: deadline, seed: seed &* 1000 &+ UInt64(index))
                done.signal()
            }.start()
        }
        var random = SplitMix64(seed: seed)
        var injected: [String: Int] = [:]
        while LoadClock.nanoseconds() + 3_000_000_000 < deadline, let kind = kinds.randomElement(using: &random) {
            usleep(UInt32.random(in: 500_000...1_500_000, using: &random))
            let node = cluster.nodes.randomElement(using: &random)!
            let hold = UInt32.random(in: 500_000...2_000_000, using: &random)
            switch kind {
            case "kill":
                log("kill -9 node \(node.id), restart in \(hold / 1000) ms")
                cluster.kill(node)
                usleep(hold)
                try cluster.start(node)
            case "pause":
                log("SIGSTOP node \(node.id) for \(hold / 1000) ms")
                cluster.pause(node)
                usleep(hold)
                cluster.resume(node)
            default:
                log("partition node \(node.id) away for \(hold / 1000) ms")
                cluster.isolate(node)
                usleep(hold)
                cluster.healAll()
            }
            injected[kind, default: 0] += 1
        }
        for _ in 0..<clients { done.wait() }
        try cluster.restoreAll()
        guard waitForLeader(ports, seconds: 30) else { throw ChaosError("no leader after healing; logs in \(directory)") }

        // Every key read on every node after recovery: acknowledged writes must be there.
        let reader = ChaosClient(
            index: -1, nodes: ports, keys: keyNames, history: history, timeoutSeconds: 5, started: started, readLevel: "readIndex")
        for key in keyNames {
            for port in ports {
                var recorded = false
                for _ in 0..<20 where !recorded {
                    let call = Int64(LoadClock.nanoseconds() - started)
                    if case .done(let output) = reader.perform(.get(key), port: port) {
                        history.record(ClientOperation(
                            clientID: history.newClientID(), input: .get(key), output: output, callTick: call,
                            returnTick: Int64(LoadClock.nanoseconds() - started)))
                        recorded = true
                    } else {
                        usleep(250_000)
                    }
                }
                guard recorded else { throw ChaosError("node on port \(port) did not answer a read after recovery") }
            }
        }
        let faultsText = injected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        log("history: \(history.counts); faults: \(faultsText.isEmpty ? "none" : faultsText)")
        let result = LinearizabilityChecker.check(history.all, model: KeyValueModel<String, String>())
        switch result {
        case .linearizable:
            print("linearizable: \(history.counts); faults: \(faultsText.isEmpty ? "none" : faultsText); seed \(seed)")
            if self.directory == nil { try? FileManager.default.removeItem(atPath: directory) }
        case .unknown:
            print("INCONCLUSIVE (seed \(seed)): the checker's budget ran out on \(history.counts)\nlogs and data in \(directory)")
            throw ExitCode(3)
        case .notLinearizable:
            print("NOT LINEARIZABLE (seed \(seed)): \(result)\nlogs and data in \(directory)")
            throw ExitCode(1)
        }
    }

    /// Polls each node's `/v1/status` until one reports a leader for every group.
    private func waitForLeader(_ ports: [UInt16], seconds: Double) -> Bool {
        let stop = LoadClock.nanoseconds() + UInt64(seconds * 1e9)
        while LoadClock.nanoseconds() < stop {
            for port in ports {
                guard let connection = try? BlockingHTTPConnection(port: port, timeoutSeconds: 1),
                    let response = try? connection.exchange(ChaosClient.http("GET", "/v1/status", body: nil)),
                    response.status == 200,
                    let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                    let groups = object["groups"] as? [[String: Any]], !groups.isEmpty
                else { continue }
                if groups.allSatisfy({ ($0["leader_id"] as? Int ?? 0) != 0 }) { return true }
            }
            usleep(200_000)
        }
        return false
    }
}
