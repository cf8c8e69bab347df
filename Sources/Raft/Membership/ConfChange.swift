/// A membership change, proposed as a log entry and put in force when applied
/// (etcd-raft's `ConfChangeV2`).
///
/// One voter added or removed at a time changes the membership directly: any two
/// majorities of configurations differing by one voter intersect. Anything larger
/// goes through joint consensus (Raft thesis §4.3): first a joint configuration in
/// which decisions need majorities of both the old and the new voters, then, once
/// that is committed, the new configuration alone. An empty change leaves a joint
/// configuration.
public struct ConfChange: Sendable, Equatable {
    /// One member's change.
    public struct Single: Sendable, Equatable {
        public enum Kind: UInt8, Sendable, Equatable {
            /// Adds a voter, or promotes a learner.
            case addVoter = 0
            /// Adds a learner, or demotes a voter (it stays a voter of the outgoing
            /// half until the joint configuration is left).
            case addLearner = 1
            case removeNode = 2
            /// Adds a witness: a voter without payloads that never leads. A witness
            /// stays one until removed (its log has no data to lead with).
            case addWitness = 3
        }

        public var kind: Kind
        public var node: NodeID

        public init(_ kind: Kind, _ node: NodeID) {
            self.kind = kind
            self.node = node
        }
    }

    /// How a change reaches its final configuration.
    public enum Transition: UInt8, Sendable, Equatable {
        /// Directly when it may (one voter changes), else joint with automatic leave.
        case auto = 0
        /// Always joint; the leader leaves it automatically once it is applied.
        case jointImplicit = 1
        /// Always joint; the application proposes the empty change that leaves it.
        case jointExplicit = 2
    }

    public var changes: [Single]
    public var transition: Transition

    public init(_ changes: [Single] = [], transition: Transition = .auto) {
        self.changes = changes
        self.transition = transition
    }

    /// The change that leaves a joint configuration.
    public static let leaveJoint = ConfChange()

    public var leavesJoint: Bool { changes.isEmpty }

    /// Most single changes one entry may carry.
    public static let changesMax = 64

    // MARK: Encoding (entry payload)

    static let formatVersion: UInt8 = 1

    /// `version, transition, count, (kind, node as 8 bytes little-endian) * count`.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [Self.formatVersion, transition.rawValue, UInt8(changes.count)]
        bytes.reserveCapacity(3 + 9 * changes.count)
        for change in changes {
            bytes.append(change.kind.rawValue)
            withUnsafeBytes(of: change.node.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    public init(decoding bytes: [UInt8]) throws(ConfChangeError) {
        guard bytes.count >= 3, bytes[0] == Self.formatVersion else { throw .malformed("unknown version or too short") }
        guard let transition = Transition(rawValue: bytes[1]) else { throw .malformed("unknown transition \(bytes[1])") }
        let count = Int(bytes[2])
        guard count <= Self.changesMax else { throw .malformed("\(count) changes, at most \(Self.changesMax)") }
        guard bytes.count == 3 + 9 * count else { throw .malformed("length \(bytes.count) for \(count) changes") }
        var changes: [Single] = []
        changes.reserveCapacity(count)
        for position in 0..<count {
            let start = 3 + 9 * position
            guard let kind = Single.Kind(rawValue: bytes[start]) else { throw .malformed("unknown change kind \(bytes[start])") }
            var node: UInt64 = 0
            for shift in 0..<8 { node |= UInt64(bytes[start + 1 + shift]) << (8 * shift) }
            changes.append(Single(kind, node))
        }
        self.init(changes, transition: transition)
    }
}

/// Why a membership change was refused.
public enum ConfChangeError: Error, Sendable, Equatable {
    /// The entry payload is not a ``ConfChange``.
    case malformed(String)
    /// A change other than leaving was proposed while joint, or leaving while not.
    case jointState(String)
    /// A direct change would alter more than one voter.
    case moreThanOneVoter
    /// The change would leave no voters.
    case noVoters
    /// Node 0 is reserved.
    case invalidNode
    /// A witness cannot become a full voter or a learner (it holds no payloads),
    /// nor a member become a witness; remove and re-add instead.
    case witnessConversion(NodeID)
}

extension ConfState {
    /// A joint configuration is in force.
    public var isJoint: Bool { !votersOutgoing.isEmpty }
}
