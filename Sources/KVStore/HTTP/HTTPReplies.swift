import CBOR
import Transport

/// Response builders shared by the HTTP APIs.
enum HTTPReplies {
    static func text(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: "text/plain; charset=utf-8")], body: Array(body.utf8))
    }

    static func raw(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: "application/octet-stream")], body: body)
    }

    /// `value` as JSON (text map keys and values; see `CBOR.json()`).
    static func json(_ status: Int, _ value: CBOR) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: Array(value.json().utf8))
    }

    /// A JSON object of string fields.
    static func object(_ fields: [(String, CBOR)]) -> CBOR { .map(fields.map { (CBOR.text($0.0), $0.1) }) }

    static func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        var response = text(405, "method not allowed\n")
        response.headers.append(HTTPHeader(name: "Allow", value: allowed))
        return response
    }

    /// The HTTP answer to a failed store operation. On a follower: 307 to the leader's
    /// address with the same target (raftdb's redirect), or 503 when no leader is known.
    static func failure(_ error: KVStoreError, target: String) -> HTTPResponse {
        switch error {
        case .tooLarge: return text(413, error.description + "\n")
        case .emptyKey: return text(400, error.description + "\n")
        case let .refused(outcome, _):
            switch outcome {
            case .permissionDenied: return text(403, "the key is owned through the MANY API; write it there\n")
            case .keyDisabled: return text(403, "the key was disabled by its owner\n")
            case .compareFailed: return text(409, "compare failed\n")
            default: return text(400, error.description + "\n")
            }
        case let .backend(backendError): return failure(backendError, target: target)
        case .corruptAnswer: return text(500, error.description + "\n")
        }
    }

    static func failure(_ error: KVBackendError, target: String) -> HTTPResponse {
        switch error {
        case let .notLeader(leader?):
            var response = text(307, "not the leader; redirecting to \(leader)\n")
            response.headers.append(HTTPHeader(name: "Location", value: "http://\(leader)\(target)"))
            return response
        case .notLeader(nil), .unavailable: return text(503, error.description + "\n")
        case .unsupported: return text(501, error.description + "\n")
        case .rejected: return text(409, error.description + "\n")
        case .unknownGroup, .stateMachine: return text(500, error.description + "\n")
        }
    }
}
