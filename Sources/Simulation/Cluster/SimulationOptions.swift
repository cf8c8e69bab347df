import Raft

/// Everything that shapes one simulated run. The same options and seed always
/// produce the same run, event for event.
public struct SimulationOptions: Sendable {
    public var seed: UInt64
    /// Voters at the start.
    public var nodeCount: Int = 3
    /// Running nodes outside the group at the start, for membership changes to add.
    public var spareCount: Int = 1
    /// Virtual time during which clients run and faults are injected.
    public var faultyMillis: Int64 = 3_000
    /// Virtual time after the faulty phase: network healed, nodes restarted, clients
    /// stopped; the group must converge within it.
    public var settleMillis: Int64 = 3_000
    public var clientCount: Int = 4
    public var keyCount: Int = 3
    public var faults: FaultSet = .all
    public var tickMillis: Int64 = 10
    public var electionTicks: Int = 10
    public var clientTimeoutMillis: Int64 = 250
    /// Copies of one proposal a client sends (same session series) before giving up.
    public var attemptsMax: Int = 3
    /// A node snapshots its state machine every this many applied entries.
    public var snapshotIntervalEntries: UInt64 = 32
    /// Entries kept behind a snapshot for slow followers.
    public var snapshotTrailingEntries: UInt64 = 8
    /// How long a sync takes, as `RaftHost`'s loop sees it: a Ready that must sync is
    /// persisted, then the node is busy this long (messages and ticks wait) before it
    /// sends, applies and advances; a crash meanwhile loses the writes. 0: instant.
    public var syncMillis: Int64 = 2
    /// Pre-vote and check-quorum; `nil` picks each from the seed.
    public var preVote: Bool?
    public var checkQuorum: Bool?
    /// Lease-based ReadIndex (only with check-quorum); `nil` picks it from the seed.
    public var leaseReads: Bool?
    /// ``RaftConfig/parallelLeaderWrites``: a leader sends its appends before its own
    /// sync; `nil` picks it from the seed (apart from the run's other draws, so a seed
    /// replays the same faults either way).
    public var parallelLeaderWrites: Bool?
    /// ``RaftConfig/lazyCommitAnnouncements``; `nil` picks it from the seed (like
    /// parallel leader writes).
    public var lazyCommitAnnouncements: Bool?
    /// Record a line per event (`raft-sim --trace`).
    public var recordsTrace = false
    /// A deliberate engine bug, to prove the checks catch it.
    package var flaw: EngineFlaw?

    public init(seed: UInt64) {
        self.seed = seed
    }
}

/// The faults a run may inject.
public struct FaultSet: OptionSet, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Messages (between nodes, and between clients and nodes) are lost.
    public static let drop = FaultSet(rawValue: 1 << 0)
    /// Messages arrive twice.
    public static let duplicate = FaultSet(rawValue: 1 << 1)
    /// Messages take 1–5 ms, one in ten up to 40 ms, instead of 1 ms, so they
    /// overtake each other.
    public static let delay = FaultSet(rawValue: 1 << 2)
    /// The nodes split into two sides that cannot talk.
    public static let partition = FaultSet(rawValue: 1 << 3)
    /// One node stops hearing from another while the other still hears it.
    public static let oneWayPartition = FaultSet(rawValue: 1 << 4)
    /// A node crashes, loses everything it had not synced, and restarts later.
    public static let crash = FaultSet(rawValue: 1 << 5)
    /// The leader is asked to hand leadership to another node.
    public static let leaderTransfer = FaultSet(rawValue: 1 << 6)
    /// The leader is asked to add, promote, demote, remove or replace members.
    public static let membership = FaultSet(rawValue: 1 << 7)

    public static let none: FaultSet = []
    public static let all: FaultSet = [
        .drop, .duplicate, .delay, .partition, .oneWayPartition, .crash, .leaderTransfer, .membership,
    ]

    public static let names: [(String, FaultSet)] = [
        ("drop", .drop), ("duplicate", .duplicate), ("delay", .delay), ("partition", .partition),
        ("one-way", .oneWayPartition), ("crash", .crash), ("transfer", .leaderTransfer), ("membership", .membership),
    ]

    /// Parses `all`, `none`, or a comma-separated list of ``names``.
    public init?(parsing text: String) {
        if text == "all" { self = .all; return }
        if text == "none" { self = .none; return }
        var set: FaultSet = []
        for part in text.split(separator: ",") {
            guard let fault = Self.names.first(where: { $0.0 == part })?.1 else { return nil }
            set.insert(fault)
        }
        self = set
    }

    public var description: String {
        let parts = Self.names.filter { contains($0.1) }.map(\.0)
        return parts.isEmpty ? "none" : parts.joined(separator: ",")
    }
}
