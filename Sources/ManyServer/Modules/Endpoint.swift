import ManyIdentity
import ManyModules
import ManyProtocol

/// One endpoint: a handler from the call to the return value's CBOR bytes.
///
/// Build it typed (the argument is decoded with `CBORDecoder`, a mismatch answered with
/// -3 deserialization error as many-rs does; the result encoded with `CBOREncoder`) or raw.
public struct Endpoint: Sendable {
    /// Turns a call into the return value's CBOR bytes.
    public typealias RawHandler = @Sendable (EndpointCall) async throws(ManyError) -> [UInt8]

    /// Refuse anonymous senders with -104 (many-rs `#[many(deny_anonymous)]`).
    public var deniesAnonymous: Bool
    let handler: RawHandler

    /// An endpoint over raw CBOR bytes.
    public init(deniesAnonymous: Bool = false, raw handler: @escaping RawHandler) {
        self.deniesAnonymous = deniesAnonymous
        self.handler = handler
    }

    /// An endpoint that reads a typed argument and returns a typed value; it also sees the call.
    public static func typed<Argument: Decodable & SendableMetatype, Result: Encodable & SendableMetatype>(
        deniesAnonymous: Bool = false,
        _ handler: @escaping @Sendable (Argument, EndpointCall) async throws(ManyError) -> Result
    ) -> Endpoint {
        Endpoint(deniesAnonymous: deniesAnonymous) { call throws(ManyError) in
            let argument = try ManyCodec.decode(Argument.self, from: call.data)
            return try ManyCodec.encode(try await handler(argument, call))
        }
    }

    /// An endpoint that reads a typed argument and returns a typed value.
    public static func typed<Argument: Decodable & SendableMetatype, Result: Encodable & SendableMetatype>(
        deniesAnonymous: Bool = false,
        _ handler: @escaping @Sendable (Argument) async throws(ManyError) -> Result
    ) -> Endpoint {
        typed(deniesAnonymous: deniesAnonymous) { (argument: Argument, _: EndpointCall) async throws(ManyError) -> Result in
            try await handler(argument)
        }
    }

    /// Runs the endpoint.
    func callAsFunction(_ call: EndpointCall) async throws(ManyError) -> [UInt8] {
        if deniesAnonymous, call.sender.isAnonymous { throw .senderCannotBeAnonymous() }
        return try await handler(call)
    }
}
