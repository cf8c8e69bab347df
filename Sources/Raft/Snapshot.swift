/// The membership of a group: who votes and who only receives the log.
///
/// `votersOutgoing` is non-empty only during a joint-consensus transition;
/// `learnersNext` holds voters being demoted until it ends. `witnesses` are voters too.
public struct ConfState: Sendable, Equatable {
    public var voters: Set<NodeID>
    public var learners: Set<NodeID>
    public var votersOutgoing: Set<NodeID>
    public var learnersNext: Set<NodeID>
    public var autoLeave: Bool
    /// Voters that vote and keep log metadata but no payloads, never lead and never
    /// apply (Dragonboat's witnesses): a third vote without a third copy of the data.
    public var witnesses: Set<NodeID>

    public init(
        voters: Set<NodeID> = [],
        learners: Set<NodeID> = [],
        votersOutgoing: Set<NodeID> = [],
        learnersNext: Set<NodeID> = [],
        autoLeave: Bool = false,
        witnesses: Set<NodeID> = []
    ) {
        self.voters = voters
        self.learners = learners
        self.votersOutgoing = votersOutgoing
        self.learnersNext = learnersNext
        self.autoLeave = autoLeave
        self.witnesses = witnesses
    }
}

/// Where a snapshot sits in the log and which membership it holds.
public struct SnapshotMetadata: Sendable, Equatable {
    public var index: Index
    public var term: Term
    public var confState: ConfState

    public init(index: Index = 0, term: Term = 0, confState: ConfState = ConfState()) {
        self.index = index
        self.term = term
        self.confState = confState
    }
}

/// A state-machine image up to `metadata.index`; the engine treats `data` as opaque.
public struct Snapshot: Sendable, Equatable {
    public var metadata: SnapshotMetadata
    public var data: [UInt8]

    public init(metadata: SnapshotMetadata = SnapshotMetadata(), data: [UInt8] = []) {
        self.metadata = metadata
        self.data = data
    }

    public var isEmpty: Bool { metadata.index == 0 }
}
