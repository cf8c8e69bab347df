/// How one engine instance behaves. Ticks are the caller's clock: the engine never
/// reads time.
public struct RaftConfig: Sendable {
    /// This node; must not be ``NodeID/none``.
    public var id: NodeID
    /// A follower that hears nothing from a leader for a random number of ticks in
    /// `electionTicks ..< 2 * electionTicks` starts an election.
    public var electionTicks: Int = 10
    /// A leader sends heartbeats every `heartbeatTicks`; must be below `electionTicks`.
    public var heartbeatTicks: Int = 1
    /// The last index the caller's state machine has applied (on restart).
    public var applied: Index = 0
    /// Bytes of entries per append message (the first entry always goes).
    public var maxSizePerMessageBytes: UInt64 = 1 << 20
    /// Bytes of committed entries handed out in one ``Ready``.
    public var maxCommittedSizePerReadyBytes: UInt64 = .max
    /// Append messages in flight per follower in replicate state (pipelining window).
    public var maxInflightMessages: Int = 256
    /// Payload bytes in flight per follower; 0 means no byte limit.
    public var maxInflightBytes: UInt64 = 0
    /// A leader steps down when it has not heard from a quorum for an election
    /// timeout; followers then also ignore votes while they hear from a leader.
    public var checkQuorum = false
    /// Candidates first ask whether they could win (Raft thesis §9.6), so that a
    /// partitioned node does not disrupt the group by raising its term.
    public var preVote = false
    /// Followers drop proposals instead of forwarding them to the leader.
    public var disableProposalForwarding = false
    /// Seed of the generator that randomizes election timeouts. The caller chooses
    /// it (a simulator derives it from its run seed), so that runs are repeatable.
    public var randomSeed: UInt64
    /// How a leader confirms it still leads before answering a ReadIndex request.
    public var readOnlyOption: ReadOnlyOption = .safe
    /// Ticks a lease ends before the earliest time another leader could be elected,
    /// to absorb clock drift and tick phase (see `RaftCore+Lease.swift`).
    public var leaseSafetyMarginTicks: Int = 2
    /// The leader counts its own copy of new entries only once the caller reports them
    /// durable (``RawNode/advance(_:)``), instead of when it appends them. Its Readys
    /// then say ``Ready/messagesPrecedePersist``: the caller may send its appends while
    /// its own write is in flight, overlapping the leader's sync with the followers'
    /// (Raft thesis §10.2.1). A single-node group commits one Ready later.
    public var parallelLeaderWrites = false
    /// A leader tells its followers that the commit index moved with its next append or
    /// heartbeat, not with an empty append of its own at once, except a follower that
    /// waits for it: one that forwarded a proposal the commit covers, or asked for a read
    /// index. At one client that is two messages and two follower wake-ups fewer per
    /// write; an idle group's followers apply up to one heartbeat later.
    public var lazyCommitAnnouncements = false
    /// A deliberate bug, for proving the simulator's checks; `nil` everywhere else.
    package var flaw: EngineFlaw?

    public init(id: NodeID, randomSeed: UInt64? = nil) {
        self.id = id
        self.randomSeed = randomSeed ?? id
    }

    func validate() throws(RaftError) {
        if id == .none { throw .invalidConfig("id must not be 0") }
        if heartbeatTicks <= 0 { throw .invalidConfig("heartbeatTicks must be positive") }
        if electionTicks <= heartbeatTicks { throw .invalidConfig("electionTicks must exceed heartbeatTicks") }
        if maxInflightMessages <= 0 { throw .invalidConfig("maxInflightMessages must be positive") }
        if readOnlyOption == .leaseBased {
            if !checkQuorum { throw .invalidConfig("lease-based reads need checkQuorum") }
            if leaseSafetyMarginTicks < 1 || leaseSafetyMarginTicks >= electionTicks {
                throw .invalidConfig("leaseSafetyMarginTicks must be in 1..<electionTicks")
            }
        }
    }
}

/// How a leader answers ReadIndex requests.
public enum ReadOnlyOption: Sendable, Equatable {
    /// Confirm leadership with a heartbeat round to a quorum for each batch of reads.
    case safe
    /// Answer at once while the leader holds a lease from its last acknowledged
    /// heartbeats; needs check-quorum and rests on bounded clock drift.
    case leaseBased
}

/// A small, fast, seedable generator (SplitMix64) for election timeouts.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
