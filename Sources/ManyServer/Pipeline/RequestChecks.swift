import CBOR
import ManyIdentity
import ManyProtocol

/// A refused request: the error to answer with and the request's id when it was read.
public struct RequestRejection: Error, Sendable, Hashable {
    public let error: ManyError
    public let id: UInt64?
}

/// The checks every request passes before dispatch, as a pure function of the bytes and
/// the time (many-rs `LowLevelManyRequestHandler for ManyServer`, in its order):
///
/// 1. the envelope decodes, its signature verifies and the key matches `from`
///    (``ManyProtocol/Envelope/verify(_:options:)``);
/// 2. the timestamp is present (-1006) and less than the window away from `now` (-1005);
/// 3. `to` is anonymous or this server's address (-1003).
public struct RequestChecks: Sendable {
    public let serverAddress: Address
    public let timestampWindowSeconds: UInt64
    public let decodingOptions: CBORDecodingOptions

    public init(serverAddress: Address, timestampWindowSeconds: UInt64, decodingOptions: CBORDecodingOptions = .default) {
        self.serverAddress = serverAddress
        self.timestampWindowSeconds = timestampWindowSeconds
        self.decodingOptions = decodingOptions
    }

    /// The checked request and its sender.
    public func check(_ bytes: [UInt8], now: Timestamp) throws(RequestRejection) -> (request: RequestMessage, sender: Address) {
        let request: RequestMessage
        let sender: Address
        do {
            (request, sender) = try Envelope.verify(bytes, options: decodingOptions)
        } catch {
            throw RequestRejection(error: error, id: nil)
        }
        do {
            try checkTime(request.timestamp, now: now)
            try checkDestination(request.to)
        } catch {
            throw RequestRejection(error: error, id: request.id)
        }
        return (request, sender)
    }

    /// many-rs `_validate_time`: refused when |now − timestamp| in whole seconds ≥ the window.
    func checkTime(_ timestamp: Timestamp?, now: Timestamp) throws(ManyError) {
        guard timestampWindowSeconds > 0 else { throw .timestampOutOfRange() }
        guard let timestamp else { throw .requiredFieldMissing("timestamp") }
        let (early, late) = timestamp < now ? (timestamp, now) : (now, timestamp)
        var seconds = late.seconds - early.seconds
        if late.nanoseconds < early.nanoseconds { seconds -= 1 }
        guard seconds < timestampWindowSeconds else { throw .timestampOutOfRange() }
    }

    /// many-rs `validate_id`: anonymous, or exactly this server's address.
    func checkDestination(_ to: Address) throws(ManyError) {
        guard to.isAnonymous || to == serverAddress else {
            throw .unknownDestination(to: to.description, this: serverAddress.description)
        }
    }
}
