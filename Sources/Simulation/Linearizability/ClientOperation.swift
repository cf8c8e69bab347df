/// One client operation in a recorded history: what the client asked, what it was told,
/// and the virtual-time interval in which it was outstanding.
///
/// An operation is linearizable if it can be given a single instant, inside its interval,
/// at which it took effect. A *pending* operation (the client timed out, crashed or never
/// heard back) has no output and no return time: it may have taken effect at any instant
/// after its call, or never. The checker treats its return time as +infinity, as Porcupine
/// does for Jepsen's "info" operations.
///
/// An operation known to have failed without effect (a definite error reply) should be left
/// out of the history altogether: it constrains nothing.
public struct ClientOperation<Input, Output> {
    /// The client that issued the operation; a client issues one operation at a time.
    public var clientID: Int
    public var input: Input
    /// The reply, or `nil` while the operation is pending.
    public var output: Output?
    /// Virtual time at which the client sent the request.
    public var callTick: Int64
    /// Virtual time at which the client received the reply, or `nil` while pending.
    public var returnTick: Int64?

    /// A completed operation. Intervals are closed: an operation returning at tick `t`
    /// is concurrent with one called at tick `t`.
    public init(clientID: Int, input: Input, output: Output, callTick: Int64, returnTick: Int64) {
        precondition(returnTick >= callTick, "an operation cannot return before it is called")
        self.clientID = clientID
        self.input = input
        self.output = output
        self.callTick = callTick
        self.returnTick = returnTick
    }

    /// An operation whose reply never came: it may or may not have taken effect.
    public static func pending(clientID: Int, input: Input, callTick: Int64) -> Self {
        Self(clientID: clientID, input: input, callTick: callTick)
    }

    private init(clientID: Int, input: Input, callTick: Int64) {
        self.clientID = clientID
        self.input = input
        self.output = nil
        self.callTick = callTick
        self.returnTick = nil
    }

    /// True if the client never learned the outcome.
    public var isPending: Bool { returnTick == nil }
}

extension ClientOperation: Sendable where Input: Sendable, Output: Sendable {}
extension ClientOperation: Equatable where Input: Equatable, Output: Equatable {}
extension ClientOperation: Hashable where Input: Hashable, Output: Hashable {}
