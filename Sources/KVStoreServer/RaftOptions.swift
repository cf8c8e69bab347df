import ArgumentParser
import Raft
import RaftHost

/// `many-kvstore`'s replication flags. Without `--peer`, the node is a group of one
/// (still durable: every write goes through its WAL before it is acknowledged).
struct RaftOptions: ParsableArguments {
    @Option(help: "This node's Raft ID (the same in every group; not 0).")
    var id: UInt64 = 1

    @Option(name: .customLong("raft-addr"), help: "Where the Raft transport listens, HOST:PORT (port 0: any).")
    var raftAddress = "127.0.0.1:0"

    @Option(
        name: .customLong("peer"),
        help: "A founding member and its Raft address, ID=HOST:PORT; repeat for each (this node included). Ignored after the first start.")
    var peers: [String] = []

    @Option(name: .customLong("peer-http"), help: "A member's client (HTTP) address, ID=HOST:PORT, for status and redirects; repeatable.")
    var peerHTTP: [String] = []

    @Flag(help: "Start with no members and wait to be added (`kvstore member add ID RAFT_ADDR` on a member).")
    var join = false

    @Option(help: "Milliseconds per Raft tick (a leader sends heartbeats every tick).")
    var tickMs = 50

    @Option(help: "Ticks without a leader before an election (randomized up to twice this); etcd's default timeout is 1 s.")
    var electionTicks = 20

    @Option(help: "Take a snapshot and compact the log every this many applied entries (etcd 3.4: 100,000).")
    var snapshotEntries: UInt64 = 100_000

    @Option(help: "Serve default-level reads from the leader's lease (needs bounded clock drift); else ReadIndex.")
    var leaseReads = true

    @Option(help: "A leader sends its appends before its own fsync when its configuration is stable (Raft thesis 10.2.1).")
    var parallelLeaderWrites = true

    @Option(help: "Followers learn a new commit index with the next append or heartbeat unless they wait for it (forwarded writes, reads).")
    var lazyCommitAnnouncements = true

    @Option(
        name: .customLong("state-machine"),
        help: "Where each group's state lives: memory (snapshots and log replay rebuild it) or sqlite (<persistent>/sm/group-N.sqlite).")
    var stateMachine: StateMachineKind = .memory

    @Option(help: "Mutual TLS between nodes: this node's certificate chain (PEM); needs --tls-key and --tls-ca.")
    var tlsCert: String?

    @Option(help: "Mutual TLS: this node's private key (PEM).")
    var tlsKey: String?

    @Option(help: "Mutual TLS: the CA certificates to trust (PEM).")
    var tlsCa: String?

    func validate() throws {
        guard id != 0 else { throw ValidationError("--id must not be 0") }
        guard PeerAddress(parsing: raftAddress) != nil else { throw ValidationError("--raft-addr: expected HOST:PORT") }
        _ = try founders()
        _ = try clientAddresses()
        guard (1...10_000).contains(tickMs), (2...1_000).contains(electionTicks), snapshotEntries > 0 else {
            throw ValidationError("--tick-ms 1…10000, --election-ticks 2…1000, --snapshot-entries > 0")
        }
        let tls = [tlsCert, tlsKey, tlsCa].compactMap { $0 }
        guard tls.isEmpty || tls.count == 3 else { throw ValidationError("--tls-cert, --tls-key and --tls-ca go together") }
    }

    /// The founding members; this node alone when no `--peer` is given.
    func founders() throws -> [NodeID: PeerAddress] {
        if join { return [:] }
        if peers.isEmpty { return [id: PeerAddress(parsing: raftAddress) ?? PeerAddress(host: "127.0.0.1", port: 0)] }
        let parsed = try Self.pairs(peers, flag: "--peer")
        guard parsed[id] != nil else { throw ValidationError("--peer must list this node (\(id)) too") }
        return parsed.mapValues { PeerAddress(parsing: $0)! }
    }

    func clientAddresses() throws -> [UInt64: String] {
        try Self.pairs(peerHTTP, flag: "--peer-http")
    }

    var tls: RaftTLSConfiguration? {
        guard let tlsCert, let tlsKey, let tlsCa else { return nil }
        return RaftTLSConfiguration(certificateChainPath: tlsCert, privateKeyPath: tlsKey, trustRootsPath: tlsCa)
    }

    private static func pairs(_ values: [String], flag: String) throws -> [UInt64: String] {
        var result: [UInt64: String] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let id = UInt64(parts[0]), id != 0, PeerAddress(parsing: String(parts[1])) != nil else {
                throw ValidationError("\(flag): expected ID=HOST:PORT, not '\(value)'")
            }
            guard result[id] == nil else { throw ValidationError("\(flag): node \(id) given twice") }
            result[id] = String(parts[1])
        }
        return result
    }
}

/// `--state-machine`: ``KVStateMachine`` in memory or ``KVDiskStateMachine`` in SQLite.
enum StateMachineKind: String, ExpressibleByArgument, CaseIterable {
    case memory, sqlite
}
