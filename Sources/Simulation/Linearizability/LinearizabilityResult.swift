/// The verdict on a history.
public enum LinearizabilityResult: Sendable, Equatable {
    /// Every partition has a linearization.
    case linearizable
    /// Some partition has none; the witness explains the first such partition found.
    case notLinearizable(witness: LinearizabilityWitness)
    /// The budget ran out before a verdict: the history may be either.
    case unknown
}

/// Why a history is not linearizable, in the terms of one partition.
///
/// The search found no linearization; `longestPrefix` is the longest sequence of operations
/// it could linearize, and `unplaced` are the operations that real-time order allows next
/// after that prefix, every one of which the model rejects in `stateAfterPrefix`. All
/// operations are indices into the checked history.
public struct LinearizabilityWitness: Sendable, Equatable, CustomStringConvertible {
    /// The operations of the failing partition, in history order.
    public let partition: [Int]
    /// The longest linearizable prefix found, in linearization order.
    public let longestPrefix: [Int]
    /// The model's state after the prefix, as the model describes it.
    public let stateAfterPrefix: String
    /// The operations that could come next by real-time order; the model rejects each.
    public let unplaced: [Int]
    /// A readable account of the above, with each operation described by the model.
    public let description: String
}
