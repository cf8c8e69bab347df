import ArgumentParser
import CBOR
import Foundation
import ManyIdentity
import ManyProtocol

/// `many message`, as many-rs: builds a request, then either prints its envelope
/// (`--hex`, `--base64`) or sends it to `--server` and prints the response payload in
/// diagnostic notation (`cbor-diag`'s pretty form).
struct MessageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Creates a message and output it.",
        discussion: """
        Exactly one of --server, --hex and --base64. DATA is CBOR diagnostic notation \
        (RFC 8949 §8), e.g. '{0: "key"}'; without it the request carries no data. Exit \
        status: 0 done, 1 an error (printed on standard error, a server error with its \
        code and rendered message), 2 a bad command line.
        """
    )

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "A PEM file to sign the message. If this is omitted, the message will be anonymous.")
    var pem: String?

    @Option(help: "Timestamp (in seconds since epoch).")
    var timestamp: UInt64?

    @Option(help: "The server to connect to, e.g. http://localhost:8000.")
    var server: String?

    @Flag(help: "Print the hex value of the message bytes.")
    var hex = false

    @Flag(help: "Print the base64 value of the message bytes.")
    var base64 = false

    @Option(name: .customLong("from-hex"), help: "Send this hexadecimal envelope to the server and wait for the response.")
    var fromHex: String?

    @Flag(name: .customLong("async"), help: "Show the async token and exit right away. By default, poll for the result of the async operation.")
    var showAsyncToken = false

    @Option(help: "The identity to send it to (default: anonymous, any server).")
    var to: String?

    @Option(help: "Request a proof of the value (attribute 3): true or false.")
    var proof: Bool?

    @Option(help: "HSM PKCS#11 module path (not supported here).")
    var module: String?

    @Option(help: "HSM PKCS#11 slot ID (not supported here).")
    var slot: UInt64?

    @Option(help: "HSM PKCS#11 key ID (not supported here).")
    var keyid: String?

    @Argument(help: "The method to call.")
    var method: String?

    @Argument(help: "The content of the message itself (its payload), in CBOR diagnostic notation.")
    var data: String?

    func validate() throws {
        let actions = [server != nil, hex, base64].filter { $0 }.count
        guard actions == 1 else {
            throw ValidationError("exactly one of --server, --hex or --base64 is required")
        }
        if fromHex != nil, server == nil { throw ValidationError("--from-hex requires --server") }
        if fromHex == nil, method == nil { throw ValidationError("METHOD is required") }
        if module != nil || slot != nil || keyid != nil {
            if pem != nil { throw ValidationError("--module, --slot and --keyid conflict with --pem") }
        }
    }

    func run() async throws {
        if module != nil || slot != nil || keyid != nil {
            throw ToolFailure("HSM identities (--module, --slot, --keyid) are not supported by this build")
        }
        let identity = try loadIdentity()
        let destination = try parseDestination()
        let logger = verbosity.makeLogger(label: "many")
        guard let server else {
            let envelope = try Envelope.sign(try request(from: identity, to: destination, sending: false), identity: identity)
            let bytes = envelope.encoded(tagged: false)
            print(hex ? Hex.encode(bytes) : Base64.encode(bytes, url: false))
            return
        }
        let session = MessageSession(server: server, identity: identity, destination: destination, logger: logger)
        let response: ResponseMessage
        if let fromHex {
            guard let bytes = Hex.decode(fromHex) else { throw ToolFailure("--from-hex: not hexadecimal") }
            response = try await session.send(envelope: bytes)
        } else {
            let message = try request(from: identity, to: destination, sending: true)
            response = try await session.send(envelope: try Envelope.sign(message, identity: identity).encoded())
        }
        let payload = try await session.finalPayload(of: response, waitForAsync: !showAsyncToken)
        await session.client.shutdown()
        if let payload { print(try MessageSession.render(payload)) }
    }

    private func loadIdentity() throws -> any Identity {
        guard let pem else { return AnonymousIdentity() }
        let text: String
        do {
            text = try String(contentsOfFile: pem, encoding: .utf8)
        } catch {
            throw ToolFailure("Could not read PEM file \(pem): \(error.localizedDescription)")
        }
        do {
            return try PrivateKeyPEM.identity(pem: text)
        } catch {
            throw ToolFailure("Could not read a key from \(pem): \(error)")
        }
    }

    private func parseDestination() throws -> Address {
        guard let to else { return .anonymous }
        do {
            return try Address(string: to)
        } catch {
            throw ToolFailure("--to: not an address: \(error)", exitCode: ToolFailure.usageExitCode)
        }
    }

    /// The request as many-rs builds it: version 1, from, to, method, data; when sending,
    /// a 16-byte random nonce and the `--timestamp` (else now).
    private func request(from identity: any Identity, to destination: Address, sending: Bool) throws -> RequestMessage {
        var bytes = [UInt8]()
        if let data {
            do {
                bytes = try CBOR(diagnostic: data).encoded()
            } catch {
                throw ToolFailure("DATA is not CBOR diagnostic notation: \(error)")
            }
        }
        var attributes = AttributeSet()
        if proof == true { _ = attributes.insert(Attribute(id: 3)) }
        var nonce: [UInt8]?
        if sending {
            var generator = SystemRandomNumberGenerator()
            nonce = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
        return RequestMessage(
            from: identity.address, to: destination, method: method ?? "", data: bytes,
            timestamp: timestamp.map { Timestamp(seconds: $0) } ?? .now(), nonce: nonce, attributes: attributes)
    }
}
