/// A message between members of one group. The payload is typed per kind; the
/// envelope (`from`, `to`, `term`) is common to all.
///
/// `term == 0` marks a forwarded request (`propose`, `readIndex`) that is not tied to
/// the sender's term, as in etcd-raft.
public struct Message: Sendable, Equatable, CustomStringConvertible {
    public var from: NodeID
    public var to: NodeID
    public var term: Term
    public var kind: Kind

    public init(from: NodeID, to: NodeID, term: Term, kind: Kind) {
        self.from = from
        self.to = to
        self.term = term
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        /// Leader → follower: entries after (`prevIndex`, `prevTerm`), and the
        /// leader's commit index. Empty `entries` is a probe.
        case appendEntries(AppendEntries)
        /// Follower → leader: accepted up to an index, or rejected with a hint.
        case appendResponse(AppendResponse)
        /// Candidate → voter, in the candidate's new term.
        case requestVote(VoteRequest)
        case voteResponse(granted: Bool)
        /// Pre-candidate → voter, in the term the candidate would use; changes no state.
        case preVote(VoteRequest)
        case preVoteResponse(granted: Bool)
        /// Leader → follower: liveness and the commit index the follower can trust
        /// (never beyond what it is known to hold).
        case heartbeat(commit: Index, context: [UInt8])
        case heartbeatResponse(context: [UInt8])
        /// Leader → follower: the log before the snapshot is no longer available.
        case snapshot(Snapshot)
        /// Leader → transfer target: campaign now, ignoring the election timeout.
        case timeoutNow
        /// Follower → leader: a linearizable read request identified by `context`.
        case readIndex(context: [UInt8])
        /// Leader → follower: reads identified by `context` may proceed once `index`
        /// is applied.
        case readIndexResponse(index: Index, context: [UInt8])
        /// Follower → leader: client proposals forwarded to the leader.
        case propose(entries: [Entry])
    }

    public var description: String {
        "\(from)->\(to) t\(term) \(kind)"
    }
}

public struct AppendEntries: Sendable, Equatable, CustomStringConvertible {
    public var prevIndex: Index
    public var prevTerm: Term
    public var entries: [Entry]
    public var commit: Index
    /// Set by a leader that only announces a new commit index: no entries, to a follower
    /// it replicates to optimistically (the acknowledgements of everything up to
    /// `prevIndex` are in flight or in). A follower that matches takes it without
    /// answering: the answer would tell the leader nothing new, and costs a message and
    /// a wake-up on both ends for every commit. A follower that does not match answers
    /// as usual. (Any answer may be lost anyway, so leaving one out cannot break safety.)
    public var quiet: Bool

    public init(prevIndex: Index, prevTerm: Term, entries: [Entry], commit: Index, quiet: Bool = false) {
        self.prevIndex = prevIndex
        self.prevTerm = prevTerm
        self.entries = entries
        self.commit = commit
        self.quiet = quiet
    }

    public var description: String {
        "app(prev=\(prevTerm)/\(prevIndex) commit=\(commit)\(quiet ? " quiet" : "") \(entries))"
    }
}

public struct AppendResponse: Sendable, Equatable {
    /// Why a follower could not take an append, and where the leader should probe
    /// next: the follower's last index at or below the rejected one whose term is at
    /// most the leader's `prevTerm` (etcd-raft's fast back-off).
    public struct Rejection: Sendable, Equatable {
        public var hintIndex: Index
        public var hintTerm: Term

        public init(hintIndex: Index, hintTerm: Term) {
            self.hintIndex = hintIndex
            self.hintTerm = hintTerm
        }
    }

    /// When accepted: the follower's log matches the leader's up to here.
    /// When rejected: the `prevIndex` that did not match.
    public var index: Index
    public var rejection: Rejection?

    public init(index: Index, rejection: Rejection? = nil) {
        self.index = index
        self.rejection = rejection
    }
}

public struct VoteRequest: Sendable, Equatable {
    public var lastIndex: Index
    public var lastTerm: Term
    /// Set by a leadership transfer: voters grant even inside a leader lease.
    public var isTransfer: Bool

    public init(lastIndex: Index, lastTerm: Term, isTransfer: Bool = false) {
        self.lastIndex = lastIndex
        self.lastTerm = lastTerm
        self.isTransfer = isTransfer
    }
}

extension Message.Kind {
    /// Responses are only meaningful from a member the receiver tracks.
    var isResponse: Bool {
        switch self {
        case .appendResponse, .voteResponse, .preVoteResponse, .heartbeatResponse, .readIndexResponse:
            true
        default:
            false
        }
    }
}
