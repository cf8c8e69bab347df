import CBOR
import Foundation
import Logging
import ManyClient
import ManyIdentity
import ManyProtocol

/// One conversation with a server for `many message`: send an envelope, check the signed
/// response, follow an async token, render the payload.
struct MessageSession {
    let client: ManyClient
    let logger: Logger

    /// `--server` with `--to` as the expected server (anonymous: any server).
    init(server: String, identity: any Identity, destination: Address, logger: Logger) {
        // many-rs waits about 60 s for an async result.
        client = ManyClient(
            url: server, identity: identity, serverAddress: destination,
            configuration: ManyClientConfiguration(asyncTimeoutSeconds: 60))
        self.logger = logger
    }

    /// Sends envelope bytes (tagged or not, as `--hex` prints them untagged) and returns
    /// the verified response.
    func send(envelope: [UInt8]) async throws -> ResponseMessage {
        let tagged = envelope.first == 0xd2 ? envelope : [0xd2] + envelope
        do {
            return try await client.send(envelope: tagged).response
        } catch {
            throw Self.clientFailure(error)
        }
    }

    /// many-rs's `ClientServerError::Client` wording.
    static func clientFailure(_ error: ManyClientError) -> ToolFailure {
        ToolFailure("An error happened on the client:\n\(error)")
    }

    /// The payload to print, or nil when there is nothing to print (an async token shown
    /// with `--async`, or one that expired). Server errors are thrown as ``ServerFailure``.
    func finalPayload(of response: ResponseMessage, waitForAsync: Bool) async throws -> [UInt8]? {
        let payload: [UInt8]
        switch response.data {
        case let .failure(error): throw ServerFailure(error: error)
        case let .success(bytes): payload = bytes
        }
        guard payload.isEmpty else { return payload }
        guard let token = Self.asyncToken(in: response) else {
            throw ToolFailure("An error happened on the client:\nthe response is empty and carries no async token")
        }
        logger.info("Async token: \(Hex.encode(token))")
        guard waitForAsync else { return nil }
        return try await poll(token: token)
    }

    /// The token of the async attribute (id 1, one byte-string argument), if any.
    static func asyncToken(in response: ResponseMessage) -> [UInt8]? {
        guard let attribute = response.attributes[1], attribute.arguments.count == 1,
              case let .bytes(token) = attribute.arguments[0] else { return nil }
        return token
    }

    /// Polls `async.status` until the result is there (many-rs `show_response`); an
    /// expired token is reported and nothing printed, as many-rs does.
    private func poll(token: [UInt8]) async throws -> [UInt8]? {
        let response: ResponseMessage
        do {
            response = try await client.poll(token: token)
        } catch let error {
            if case .server(let manyError) = error { throw ServerFailure(error: manyError) }
            if case .asyncResultUnavailable(_, 4) = error {
                logger.info("Async token expired before we could check it.")
                return nil
            }
            throw Self.clientFailure(error)
        }
        return try await finalPayload(of: response, waitForAsync: true)
    }

    /// The payload in `cbor-diag`'s pretty diagnostic notation, as many-rs prints it.
    static func render(_ payload: [UInt8]) throws -> String {
        do {
            return try RustDiagnostic.pretty(payload)
        } catch {
            throw ToolFailure("An error happened on the client:\nthe response payload is not CBOR: \(error)")
        }
    }
}

/// An error the server answered with, printed as many-rs's `ClientServerError::Server`.
struct ServerFailure: Error, CustomStringConvertible {
    let error: ManyError

    var description: String {
        let code = ManyError.standardTemplate(for: error.code) ?? String(error.code)
        let message = error.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n|  ")
        return "Error returned by server:\nCode: \(error.code) (\(RustDebug.string(code)))\nMessage:\n|  \(message)\n"
    }
}

/// Rust's `{:?}` of a string: quoted, with `\"`, `\\`, `\n`, `\r`, `\t`, `\0` and
/// `\u{…}` for other control characters.
enum RustDebug {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
