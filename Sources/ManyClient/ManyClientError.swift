import ManyIdentity
import ManyProtocol
import Transport

/// Why a ``ManyClient`` call failed: the server's own answer, or something on the way.
public enum ManyClientError: Error, Sendable, CustomStringConvertible {
    /// The server answered with this error (its signed response said so).
    case server(ManyError)
    /// The request did not get through, or no complete HTTP response came back.
    case transport(HTTPClientError)
    /// The server answered with an HTTP status other than 200 (e.g. 413, 404).
    case httpStatus(Int)
    /// The response envelope did not decode or verify.
    case invalidResponse(ManyError)
    /// The response was signed by another identity than the expected server.
    case unexpectedResponder(expected: Address, actual: Address)
    /// The response's id is not the request's.
    case mismatchedResponseID(expected: UInt64?, actual: UInt64?)
    /// The argument could not be encoded (-4 serialization error inside).
    case encoding(ManyError)
    /// The return value could not be decoded as the requested type (-3 inside).
    case decoding(ManyError)
    /// An async call did not finish within the client's async timeout.
    case asyncTimedOut(token: [UInt8])
    /// The server no longer has (or never had) the async call's result.
    case asyncResultUnavailable(token: [UInt8], status: UInt8)
    /// The calling task was cancelled while waiting for an async result.
    case cancelled

    /// The ManyError a MANY tool would print: the server's, or the nearest standard one.
    public var manyError: ManyError {
        switch self {
        case let .server(error), let .invalidResponse(error), let .encoding(error), let .decoding(error): return error
        case let .transport(error): return .unexpectedTransportError(error.description)
        case let .httpStatus(status): return .unexpectedTransportError("HTTP status \(status)")
        case .unexpectedResponder, .mismatchedResponseID: return .couldNotVerifySignature(description)
        case .asyncTimedOut, .asyncResultUnavailable, .cancelled: return .unknown(description)
        }
    }

    public var description: String {
        switch self {
        case let .server(error): return error.description
        case let .transport(error): return "transport error: \(error)"
        case let .httpStatus(status): return "the server answered HTTP \(status)"
        case let .invalidResponse(error): return "invalid response: \(error)"
        case let .unexpectedResponder(expected, actual): return "the response is from \(actual), expected \(expected)"
        case let .mismatchedResponseID(expected, actual):
            return "the response id \(actual.map(String.init) ?? "none") is not the request's \(expected.map(String.init) ?? "none")"
        case let .encoding(error): return "could not encode the argument: \(error)"
        case let .decoding(error): return "could not decode the result: \(error)"
        case .asyncTimedOut: return "the async call did not finish in time"
        case let .asyncResultUnavailable(_, status):
            return status == 4 ? "the async call's result expired" : "the server does not know the async token"
        case .cancelled: return "cancelled while waiting for the async result"
        }
    }
}
