import ManyIdentity
import ManyProtocol

/// A MANY module: a named group of endpoints, optionally identified by an attribute that
/// the server lists in its status (many-rs `ManyModule` / `ManyModuleInfo`).
///
/// ```swift
/// struct EchoModule: ManyModule {
///     let name = "EchoModule"
///     let attribute: Attribute? = Attribute(id: 1000)
///     var endpoints: [String: Endpoint] {
///         ["echo.say": .typed { (args: SayArgs) async throws(ManyError) -> SayReturn in SayReturn(args.text) }]
///     }
/// }
/// try server.register(EchoModule())
/// ```
public protocol ManyModule: Sendable {
    /// The module's name, for logs.
    var name: String { get }
    /// The module's attribute (id and arguments), listed in `status`; nil for none.
    var attribute: Attribute? { get }
    /// The endpoints by method name.
    var endpoints: [String: Endpoint] { get }
}

/// A module made of a name, an attribute id and endpoints given at run time.
public struct SimpleModule: ManyModule {
    public let name: String
    public let attribute: Attribute?
    public let endpoints: [String: Endpoint]

    public init(name: String, attributeID: UInt32? = nil, endpoints: [String: Endpoint]) {
        self.name = name
        attribute = attributeID.map { Attribute(id: $0) }
        self.endpoints = endpoints
    }
}

/// What an endpoint is called with: the checked request and who sent it.
public struct EndpointCall: Sendable {
    /// The request, its signature, `to` and timestamp already checked.
    public let request: RequestMessage
    /// The sender: the request's `from`, which the envelope's key matches (anonymous for
    /// unsigned envelopes).
    public let sender: Address

    public init(request: RequestMessage, sender: Address) {
        self.request = request
        self.sender = sender
    }

    /// The argument's CBOR bytes.
    public var data: [UInt8] { request.data }
}
