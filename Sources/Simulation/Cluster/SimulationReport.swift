/// The outcome of one seeded run.
public struct SimulationReport: Sendable {
    /// What went wrong, if anything.
    public enum Failure: Sendable, Equatable, CustomStringConvertible {
        /// A Raft safety property broke (the text names it and the nodes).
        case safety(String)
        /// The client history has no linearization (the witness explains why).
        case notLinearizable(String)
        /// After faults stopped, the group did not converge or lost an acknowledged write.
        case recovery(String)

        public var description: String {
            switch self {
            case .safety(let text): "safety violation: \(text)"
            case .notLinearizable(let text): "history not linearizable:\n\(text)"
            case .recovery(let text): "recovery failed: \(text)"
            }
        }
    }

    /// Counters of what the run did.
    public struct Statistics: Sendable, Equatable {
        public var messagesSent = 0
        public var messagesDropped = 0
        public var messagesDuplicated = 0
        public var crashes = 0
        /// Crashes of a node in the middle of a sync (its leader messages already out).
        public var crashesDuringSync = 0
        public var partitions = 0
        public var leaderTransfers = 0
        public var membershipChanges = 0
        public var membershipChangesApplied = 0
        public var leaderChanges = 0
        public var snapshotsTaken = 0
        public var snapshotsInstalled = 0
        public var entriesApplied: UInt64 = 0
        public var operationsOK = 0
        public var operationsPending = 0
        public var operationsFailed = 0
        public var stepErrors = 0
    }

    public var seed: UInt64
    public var failure: Failure?
    /// The checker ran out of budget: the history was neither proven nor refuted.
    public var linearizabilityUnknown = false
    public var statistics = Statistics()
    /// Virtual time reached (the run stops at the first failure).
    public var endMillis: Int64 = 0
    /// One line per event when ``SimulationOptions/recordsTrace`` is set.
    public var trace: [String] = []

    public var passed: Bool { failure == nil }
}
