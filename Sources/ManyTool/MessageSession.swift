import CBOR
import Foundation
import Logging
import ManyIdentity
import ManyProtocol

/// One conversation with a server for `many message`: send an envelope, check the signed
/// response, follow an async token, render the payload.
struct MessageSession {
    let server: String
    let identity: any Identity
    let destination: Address
    let logger: Logger

    /// How long `many message` waits for an async result: many-rs polls `async.status`
    /// once a second, 60 times.
    static let asyncPollCountMax = 60
    static let asyncPollIntervalSeconds: UInt64 = 1

    init(server: String, identity: any Identity, destination: Address, logger: Logger) throws {
        self.server = server
        self.identity = identity
        self.destination = destination
        self.logger = logger
    }

    /// Sends envelope bytes (tagged or not) and returns the verified response.
    func send(envelope: [UInt8]) async throws -> ResponseMessage {
        throw ToolFailure("sending is not available yet")
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

    /// Calls `async.status` until the result is done or expired (many-rs `show_response`).
    private func poll(token: [UInt8]) async throws -> [UInt8]? {
        let argument = CBOR.map([(key: .unsigned(0), value: .bytes(token))]).encoded()
        for _ in 0..<Self.asyncPollCountMax {
            let request = RequestMessage(
                from: identity.address, to: destination, method: "async.status", data: argument)
            let response = try await send(envelope: try Envelope.sign(request, identity: identity).encoded())
            guard case let .success(bytes) = response.data else {
                if case let .failure(error) = response.data { throw ServerFailure(error: error) }
                return nil
            }
            switch try AsyncStatus(decoding: bytes) {
            case let .done(envelope):
                let inner = try COSEPayload.response(envelope)
                return try await finalPayload(of: inner, waitForAsync: true)
            case .expired:
                logger.info("Async token expired before we could check it.")
                return nil
            case .unknown, .queued, .processing:
                try await Task.sleep(nanoseconds: Self.asyncPollIntervalSeconds * 1_000_000_000)
            }
        }
        return nil
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

/// The result of `async.status` (many-rs `many-modules` `r#async::StatusReturn`):
/// `{0: kind}` with kind 0 unknown, 1 queued, 2 processing, 4 expired, or
/// `{0: 3, 1: bstr(COSE_Sign1 of the response)}`.
enum AsyncStatus {
    case unknown, queued, processing, expired
    case done([UInt8])

    init(decoding bytes: [UInt8]) throws {
        guard case let .map(entries) = try CBOR(decoding: bytes) else {
            throw ToolFailure("An error happened on the client:\nasync.status did not return a map")
        }
        var kind: UInt64?
        var envelope: [UInt8]?
        for (key, value) in entries {
            if case .unsigned(0) = key, case let .unsigned(k) = value { kind = k }
            if case .unsigned(1) = key, case let .bytes(b) = value { envelope = b }
        }
        switch (kind, envelope) {
        case (0, _): self = .unknown
        case (1, _): self = .queued
        case (2, _): self = .processing
        case let (3, envelope?): self = .done(envelope)
        case (4, _): self = .expired
        default: throw ToolFailure("An error happened on the client:\nInvalid variant or result.")
        }
    }
}

/// Opens the envelope inside a finished async result.
enum COSEPayload {
    static func response(_ envelope: [UInt8]) throws -> ResponseMessage {
        var bytes = envelope
        if bytes.first != 0xd2 { bytes = [0xd2] + bytes }
        return try Envelope.verifyResponse(bytes).response
    }
}
