import Logging
import Raft

/// How a ``NodeHost`` runs: where it keeps its data, who it is, where it listens, how
/// fast its clock ticks and how often its groups snapshot.
public struct NodeHostConfiguration: Sendable {
    /// The directory holding the WAL (`wal/`), snapshots (`snapshots/`) and the address
    /// book (`addresses`); created when missing.
    public var dataDirectory: String
    /// This host's node ID in every group it runs (Dragonboat's `NodeHostID`); never 0.
    public var nodeID: NodeID
    /// Where the Raft transport listens; port 0 picks one (see ``NodeHost/listenAddress``).
    public var listenAddress: PeerAddress
    /// Milliseconds per Raft tick (the engine's logical clock).
    public var tickIntervalMilliseconds: Int
    /// Mutual TLS between hosts when set.
    public var tls: RaftTLSConfiguration?
    /// Logs carry `node`, and where it applies `group` and `term`, as metadata.
    public var logger: Logger

    public init(
        dataDirectory: String,
        nodeID: NodeID,
        listenAddress: PeerAddress = PeerAddress(host: "127.0.0.1", port: 0),
        tickIntervalMilliseconds: Int = 10,
        tls: RaftTLSConfiguration? = nil,
        logger: Logger = Logger(label: "raft.host")
    ) {
        self.dataDirectory = dataDirectory
        self.nodeID = nodeID
        self.listenAddress = listenAddress
        self.tickIntervalMilliseconds = tickIntervalMilliseconds
        self.tls = tls
        self.logger = logger
    }
}

/// How one group of a ``NodeHost`` runs.
public struct GroupOptions: Sendable {
    /// Ticks without a leader before a follower campaigns (randomized up to twice this).
    public var electionTicks: Int
    /// Ticks between a leader's heartbeats; below `electionTicks`.
    public var heartbeatTicks: Int
    /// A snapshot is taken (and the WAL compacted) after this many applied entries;
    /// 0 never snapshots.
    public var snapshotEveryEntries: UInt64
    /// Applied entries kept in the log behind a snapshot before the log is compacted to
    /// it (Dragonboat's compaction overhead), so that a follower a little behind catches
    /// up from entries instead of a whole snapshot. The snapshot is held in memory until
    /// then. 0 compacts at once.
    public var entriesKeptAfterCompaction: UInt64
    /// Whether the leader answers `.lease` and `.readIndex` reads from its lease
    /// (the engine's `ReadOnlyOption.leaseBased`, which turns check-quorum on) instead of a
    /// heartbeat round per batch of reads.
    public var leaseReads: Bool
    /// Candidates ask first whether they could win (pre-vote).
    public var preVote: Bool
    /// A leader sends its appends before its own fsync when the engine allows it
    /// (`RaftConfig.parallelLeaderWrites`: a stable configuration without witnesses),
    /// overlapping its fsync with its followers'.
    public var parallelLeaderWrites: Bool
    /// Followers learn a new commit index with the next append or heartbeat unless they
    /// wait for it (`RaftConfig.lazyCommitAnnouncements`): fewer messages per write.
    public var lazyCommitAnnouncements: Bool

    public init(
        electionTicks: Int = 10,
        heartbeatTicks: Int = 1,
        snapshotEveryEntries: UInt64 = 10_000,
        entriesKeptAfterCompaction: UInt64 = 0,
        leaseReads: Bool = false,
        preVote: Bool = true,
        parallelLeaderWrites: Bool = true,
        lazyCommitAnnouncements: Bool = true
    ) {
        self.electionTicks = electionTicks
        self.heartbeatTicks = heartbeatTicks
        self.snapshotEveryEntries = snapshotEveryEntries
        self.entriesKeptAfterCompaction = entriesKeptAfterCompaction
        self.leaseReads = leaseReads
        self.preVote = preVote
        self.parallelLeaderWrites = parallelLeaderWrites
        self.lazyCommitAnnouncements = lazyCommitAnnouncements
    }

    func raftConfig(node: NodeID, group: GroupID, applied: Index) -> RaftConfig {
        var config = RaftConfig(id: node, randomSeed: node &* 0x9E37_79B9 &+ group)
        config.electionTicks = electionTicks
        config.heartbeatTicks = heartbeatTicks
        config.applied = applied
        config.preVote = preVote
        config.parallelLeaderWrites = parallelLeaderWrites
        config.lazyCommitAnnouncements = lazyCommitAnnouncements
        if leaseReads {
            config.checkQuorum = true
            config.readOnlyOption = .leaseBased
        }
        return config
    }
}

/// How fresh a ``NodeHost/read(group:query:level:timeout:)`` must be.
public enum ReadLevel: Sendable, Equatable {
    /// This replica's state as applied so far; may be behind the group.
    case stale
    /// Linearizable through the leader's lease when the group runs with
    /// ``GroupOptions/leaseReads``, else the same as `.readIndex`.
    case lease
    /// Linearizable: the leader confirms its leadership with a quorum (ReadIndex), then
    /// this replica answers once it has applied the leader's commit index.
    case readIndex
}
