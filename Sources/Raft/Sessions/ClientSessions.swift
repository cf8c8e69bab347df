/// Exactly-once application of client proposals (Raft thesis §6.3, Dragonboat's
/// client sessions).
///
/// A client numbers its proposals with increasing series numbers and retries a
/// proposal with the same number until it hears back. Every replica keeps this
/// table and updates it only while applying committed entries, so the table is part
/// of the replicated state and belongs in snapshots. The first copy of a proposal is
/// applied; later copies are answered with the recorded result.
///
/// A client's first applied proposal opens its session, whatever its series (the
/// client's earlier proposals may all have been lost). The table holds at most
/// `sessionsMax` sessions and evicts the one idle longest (by log index, so every
/// replica evicts the same one). Limit: eviction forgets what the client applied,
/// so a copy of one of its proposals still in flight would apply again; size
/// `sessionsMax` well above the clients active within a retry horizon (Dragonboat
/// makes the same trade).
public struct ClientSessions<Result: Sendable & Equatable>: Sendable, Equatable {
    /// What to do with a proposal.
    public enum Verdict: Sendable, Equatable {
        /// The first copy: apply it, then ``record(client:series:result:at:)``.
        case apply
        /// Already applied: answer with this result, do not apply again.
        case duplicate(Result)
        /// Older than the client's last applied proposal: the client has moved on
        /// and is not waiting for it; do not apply.
        case stale
    }

    /// One client's last applied proposal.
    public struct Session: Sendable, Equatable {
        public var lastSeries: UInt64
        public var lastResult: Result
        /// Log index of the last proposal applied for this client.
        public var lastActiveIndex: UInt64

        public init(lastSeries: UInt64, lastResult: Result, lastActiveIndex: UInt64) {
            self.lastSeries = lastSeries
            self.lastResult = lastResult
            self.lastActiveIndex = lastActiveIndex
        }
    }

    public let sessionsMax: Int
    public private(set) var sessions: [UInt64: Session] = [:]

    public init(sessionsMax: Int = 4_096) {
        self.sessionsMax = max(1, sessionsMax)
    }

    /// Restores a table from a snapshot.
    public init(sessionsMax: Int = 4_096, sessions: [UInt64: Session]) {
        self.sessionsMax = max(1, sessionsMax)
        self.sessions = sessions
    }

    public func verdict(client: UInt64, series: UInt64) -> Verdict {
        guard let session = sessions[client] else { return .apply }
        if series == session.lastSeries { return .duplicate(session.lastResult) }
        if series < session.lastSeries { return .stale }
        return .apply
    }

    /// Records the result of applying `series` for `client` at log `index`.
    public mutating func record(client: UInt64, series: UInt64, result: Result, at index: UInt64) {
        sessions[client] = Session(lastSeries: series, lastResult: result, lastActiveIndex: index)
        if sessions.count > sessionsMax, let idlest = idlestClient() {
            sessions[idlest] = nil
        }
    }

    private func idlestClient() -> UInt64? {
        sessions.min { a, b in
            (a.value.lastActiveIndex, a.key) < (b.value.lastActiveIndex, b.key)
        }?.key
    }
}
