import COSE
import Logging
import ManyIdentity
import ManyModules
import ManyProtocol

/// A MANY server: checks request envelopes, dispatches them to its modules' endpoints and
/// signs the responses with its identity (many-rs `many-server/src/server.rs`).
///
/// ```swift
/// let server = ManyServer(identity: try Ed25519Identity(pem: pem), name: "my-server")
/// try server.register(MyModule())
/// let http = try await server.listen(port: 8000)      // POST / with an envelope
/// ```
///
/// ``handle(_:)`` is the whole request pipeline without I/O: envelope bytes in, signed
/// response envelope bytes out. Every failure, malformed input included, is answered with
/// a signed error response; it never traps.
public final class ManyServer: Sendable {
    /// The identity that signs the responses.
    public let identity: any Identity
    public let name: String
    public let configuration: ManyServerConfiguration
    /// The checks run on each request (a pure function of the bytes and the time).
    public let checks: RequestChecks

    private let registry = RegistryBox()
    private let description: ServerDescription
    private let replayCache: ReplayCache?
    private let asyncCalls: AsyncCalls?
    let logger: Logger

    /// A server with the base module (and the async module when
    /// ``ManyServerConfiguration/asyncThresholdMilliseconds`` is set).
    public init(
        identity: any Identity, name: String, configuration: ManyServerConfiguration = ManyServerConfiguration(),
        logger: Logger = Logger(label: "swift-many.server")
    ) {
        self.identity = identity
        self.name = name
        self.configuration = configuration
        self.logger = logger
        checks = RequestChecks(
            serverAddress: identity.address, timestampWindowSeconds: configuration.timestampWindowSeconds,
            decodingOptions: configuration.decodingOptions)
        description = ServerDescription(
            name: name, address: identity.address, publicKey: identity.publicKey, serverVersion: configuration.serverVersion,
            timestampWindowSeconds: configuration.timestampWindowSeconds)
        replayCache = configuration.replayCacheEntriesMax.map { ReplayCache(entriesMax: $0) }
        asyncCalls = configuration.asyncThresholdMilliseconds.map {
            AsyncCalls(
                thresholdMilliseconds: $0, lifetimeSeconds: configuration.asyncResultLifetimeSeconds,
                entriesMax: configuration.asyncResultsMax)
        }
        registry.registry.withLock { registry in
            try? registry.register(BuiltinModules.base(description, registry: self.registry))
            if let asyncCalls { try? registry.register(BuiltinModules.async(asyncCalls)) }
        }
    }

    /// The server's address.
    public var address: Address { identity.address }

    /// Adds a module; its attribute id and method names must be new.
    public func register(_ module: some ManyModule) throws(ManyServerError) {
        try registry.registry.withLock { registry throws(ManyServerError) in try registry.register(module) }
    }

    /// What `status` answers.
    public var status: Status { BuiltinModules.status(description, registry: registry) }

    /// What `endpoints` answers.
    public var endpoints: Endpoints { registry.registry.withLock { $0.methods } }

    /// Answers one request envelope with a signed response envelope (both tagged COSE_Sign1).
    public func handle(_ bytes: [UInt8]) async -> [UInt8] {
        let now = configuration.clock()
        let request: RequestMessage
        let sender: Address
        do {
            (request, sender) = try checks.check(bytes, now: now)
        } catch {
            logger.debug("request refused", metadata: ["code": "\(error.error.code)", "error": "\(error.error)"])
            return seal(errorResponse(error.error, id: error.id))
        }
        if let replayCache {
            let expiry = (request.timestamp?.seconds ?? now.seconds) &+ configuration.timestampWindowSeconds &+ 1
            let key = ReplayCache.key(request: request, sender: sender)
            guard replayCache.admit(key, nowSeconds: now.seconds, expirySeconds: expiry) else {
                logger.debug("replayed request refused", metadata: ["from": "\(sender)", "method": "\(request.method)"])
                return seal(errorResponse(Self.replayed, id: request.id))
            }
        }
        guard let endpoint = registry.endpoint(for: request.method) else {
            return seal(errorResponse(.couldNotRouteMessage(), id: request.id))
        }
        let call = EndpointCall(request: request, sender: sender)
        let work: @Sendable () async -> Result<[UInt8], ManyError> = {
            do throws(ManyError) { return .success(try await endpoint(call)) } catch { return .failure(error) }
        }
        guard let asyncCalls, request.method != AsyncModule.Method.status else {
            return seal(response(to: request, await work()))
        }
        let outcome = await asyncCalls.run(sender: sender, work: work) { [self] result in
            sign(response(to: request, result)).encoded(tagged: false)  // many-rs keeps it untagged (coset to_vec)
        }
        switch outcome {
        case let .finished(result):
            return seal(response(to: request, result))
        case let .deferred(token):
            var deferred = response(to: request, .success([]))
            deferred.attributes.insert(AsyncAttribute.attribute(token: token))
            return seal(deferred)
        }
    }

    /// The error for a request seen before (many-rs has no replay check and no code for it).
    static let replayed = ManyError.unknown("This request was already received (replay).")

    /// many-rs `ResponseMessage::from_request` (version 1 is not written, as many-rs does not).
    private func response(to request: RequestMessage, _ data: Result<[UInt8], ManyError>) -> ResponseMessage {
        if case let .failure(error) = data {
            logger.debug("endpoint failed", metadata: ["method": "\(request.method)", "error": "\(error)"])
        }
        return ResponseMessage(from: address, to: request.from, data: data, timestamp: configuration.clock(), id: request.id)
    }

    /// many-rs `ResponseMessage::error`: no `to`.
    private func errorResponse(_ error: ManyError, id: UInt64?) -> ResponseMessage {
        ResponseMessage(from: address, data: .failure(error), timestamp: configuration.clock(), id: id)
    }

    private func seal(_ response: ResponseMessage) -> [UInt8] {
        sign(response).encoded()
    }

    /// The response signed by the server; if signing fails, an unsigned internal error.
    private func sign(_ response: ResponseMessage) -> COSESign1 {
        do {
            return try Envelope.sign(response, identity: identity)
        } catch {
            logger.error("could not sign a response", metadata: ["error": "\(error)"])
            let fallback = ResponseMessage(from: address, data: .failure(.internalServerError()), id: response.id)
            return COSESign1(protected: [:], unprotected: [:], payload: fallback.encoded(), signature: [])
        }
    }
}
