/// The sequential specification a history is checked against.
///
/// A model is a deterministic state machine: `step` says whether an operation, applied to a
/// state, may produce the recorded output, and if so which state follows. The checker
/// memoizes on (set of operations linearized, state), so `State` must be `Hashable` and
/// should be small: a model that partitions its history (per key, say) only needs the state
/// of one partition.
public protocol LinearizabilityModel {
    associatedtype Input
    associatedtype Output
    associatedtype State: Hashable

    /// The state before any operation.
    var initialState: State { get }

    /// The state after applying `input` to `state` if that may yield `output`, or `nil` if
    /// the sequential specification forbids it. A `nil` output means the operation is
    /// pending: any output is allowed, and the step says what applying it would do.
    func step(_ state: State, _ input: Input, _ output: Output?) -> State?

    /// True if the operation never changes the state (a read). A pending read-only
    /// operation constrains nothing (it can always take effect last), so the checker drops
    /// it before searching: every pending operation kept doubles the states to explore.
    /// The default, `false`, is always safe.
    func isReadOnly(_ input: Input) -> Bool

    /// Groups of indices into `history` that can be checked independently (linearizability
    /// is compositional: a history is linearizable iff each partition is). Every index must
    /// appear in exactly one group. The default is one group holding the whole history.
    func partition(_ history: [ClientOperation<Input, Output>]) -> [[Int]]

    /// One line describing an operation, for witnesses.
    func describe(_ operation: ClientOperation<Input, Output>) -> String

    /// One line describing a state, for witnesses.
    func describe(state: State) -> String
}

extension LinearizabilityModel {
    public func isReadOnly(_ input: Input) -> Bool { false }

    public func partition(_ history: [ClientOperation<Input, Output>]) -> [[Int]] {
        [Array(history.indices)]
    }

    public func describe(_ operation: ClientOperation<Input, Output>) -> String {
        let output = operation.output.map { String(describing: $0) } ?? "?"
        return "client \(operation.clientID) \(operation.intervalDescription) \(operation.input) -> \(output)"
    }

    public func describe(state: State) -> String {
        String(describing: state)
    }
}

extension ClientOperation {
    /// `[call, return]`, or `[call, ∞)` for a pending operation.
    public var intervalDescription: String {
        if let returnTick { "[\(callTick), \(returnTick)]" } else { "[\(callTick), ∞)" }
    }
}
