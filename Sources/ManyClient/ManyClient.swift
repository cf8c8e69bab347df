import CBOR
import ManyIdentity
import ManyModules
import ManyProtocol
import Synchronization
import Transport

/// Timeouts and async polling of a ``ManyClient``.
public struct ManyClientConfiguration: Sendable {
    /// HTTP connect and response timeouts, body limit and connection pool.
    public var http: HTTPClientConfiguration
    /// First wait between `async.status` polls; grows by half each time up to the maximum.
    public var asyncPollIntervalMilliseconds: Int64
    public var asyncPollIntervalMillisecondsMax: Int64
    /// Give up on an async call after this long (many's CLI waits about 60 s).
    public var asyncTimeoutSeconds: Int64

    public init(
        http: HTTPClientConfiguration = HTTPClientConfiguration(), asyncPollIntervalMilliseconds: Int64 = 100,
        asyncPollIntervalMillisecondsMax: Int64 = 1000, asyncTimeoutSeconds: Int64 = 60
    ) {
        self.http = http
        self.asyncPollIntervalMilliseconds = asyncPollIntervalMilliseconds
        self.asyncPollIntervalMillisecondsMax = asyncPollIntervalMillisecondsMax
        self.asyncTimeoutSeconds = asyncTimeoutSeconds
    }
}

/// A MANY client over HTTP (many-rs `many-client/src/client.rs`): signs requests with its
/// identity, sends them to the server's URL, verifies the signed responses and follows
/// async tokens.
///
/// ```swift
/// let client = ManyClient(url: "http://127.0.0.1:8000", identity: try Ed25519Identity(pem: pem))
/// let status = try await client.status()
/// let balance: BalanceReturn = try await client.call(method: "ledger.balance", argument: BalanceArgs())
/// ```
///
/// With `serverAddress` set, requests are addressed to it and responses must be signed by
/// it; with the anonymous default, requests go to whichever server answers and any
/// correctly signed response is accepted.
public final class ManyClient: Sendable {
    public let url: String
    public let identity: any Identity
    public let serverAddress: Address
    public let configuration: ManyClientConfiguration
    private let http: HTTPClient
    private let nextID: Atomic<UInt64>

    public init(
        url: String, identity: any Identity = AnonymousIdentity(), serverAddress: Address = .anonymous,
        configuration: ManyClientConfiguration = ManyClientConfiguration()
    ) {
        self.url = url
        self.identity = identity
        self.serverAddress = serverAddress
        self.configuration = configuration
        http = HTTPClient(configuration: configuration.http)
        nextID = Atomic(UInt64.random(in: 1...(UInt64(1) << 32)))
    }

    /// The server's status (base module).
    public func status() async throws(ManyClientError) -> Status {
        try await call(method: BaseModule.Method.status, as: Status.self)
    }

    /// The base module's heartbeat.
    public func heartbeat() async throws(ManyClientError) {
        _ = try await callRaw(method: BaseModule.Method.heartbeat, data: [])
    }

    /// The server's method names (base module).
    public func endpoints() async throws(ManyClientError) -> Endpoints {
        try await call(method: BaseModule.Method.endpoints, as: Endpoints.self)
    }

    /// Calls `method` with `argument` (CBOR-encoded) and decodes the return value.
    public func call<Result: Decodable>(
        method: String, argument: some Encodable, as type: Result.Type = Result.self
    ) async throws(ManyClientError) -> Result {
        let data: [UInt8]
        do { data = try ManyCodec.encode(argument) } catch { throw .encoding(error) }
        return try decode(type, try await callRaw(method: method, data: data))
    }

    /// Calls `method` without an argument and decodes the return value.
    public func call<Result: Decodable>(method: String, as type: Result.Type = Result.self) async throws(ManyClientError) -> Result {
        try decode(type, try await callRaw(method: method, data: []))
    }

    /// Calls `method` with raw CBOR `data`; returns the return value's CBOR bytes, after
    /// following an async token to the final answer.
    public func callRaw(method: String, data: [UInt8]) async throws(ManyClientError) -> [UInt8] {
        let response = try await send(request(method: method, data: data))
        return try await result(of: response)
    }

    /// A request from this client's identity to its server, with a fresh id, nonce and
    /// timestamp (as many-rs's client makes them).
    public func request(method: String, data: [UInt8] = []) -> RequestMessage {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        return RequestMessage(
            from: identity.address, to: serverAddress, method: method, data: data, timestamp: .now(), id: id, nonce: nonce)
    }

    /// Signs and sends `request`; returns the verified response as it came (no async polling).
    public func send(_ request: RequestMessage) async throws(ManyClientError) -> ResponseMessage {
        let envelope: [UInt8]
        do { envelope = try Envelope.sign(request, identity: identity).encoded() } catch { throw .encoding(error) }
        let response = try await send(envelope: envelope).response
        guard response.id == request.id || response.id == nil else {
            throw .mismatchedResponseID(expected: request.id, actual: response.id)
        }
        return response
    }

    /// Sends an already encoded envelope; returns the verified response and its signer.
    public func send(envelope: [UInt8]) async throws(ManyClientError) -> (response: ResponseMessage, sender: Address) {
        let reply: HTTPResponse
        do { reply = try await http.post(url, body: envelope) } catch { throw .transport(error) }
        guard reply.status == 200 else { throw .httpStatus(reply.status) }
        return try verify(reply.body)
    }

    /// Closes idle connections.
    public func shutdown() async {
        await http.shutdown()
    }

    /// Checks a response envelope and, when the server is known, who signed it.
    public func verify(_ envelope: [UInt8]) throws(ManyClientError) -> (response: ResponseMessage, sender: Address) {
        let verified: (response: ResponseMessage, sender: Address)
        do { verified = try Envelope.verifyResponse(envelope) } catch { throw .invalidResponse(error) }
        if !serverAddress.isAnonymous, !(verified.sender.matches(serverAddress) && !verified.sender.isAnonymous) {
            throw .unexpectedResponder(expected: serverAddress, actual: verified.sender)
        }
        return verified
    }

    private func decode<Result: Decodable>(_ type: Result.Type, _ bytes: [UInt8]) throws(ManyClientError) -> Result {
        do { return try ManyCodec.decode(type, from: bytes) } catch { throw .decoding(error) }
    }
}
