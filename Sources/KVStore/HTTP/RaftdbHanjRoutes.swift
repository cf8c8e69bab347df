import CBOR
import Transport

/// raftdb (hanj4096, `pkg/httpd/service.go`): `POST /key` with a JSON object of string
/// keys and values, `GET /key/<k>?level=stale|default|consistent` answering `{"k": "v"}`
/// (`""` for a missing key, as raftdb does), `DELETE /key/<k>`, `POST /join` with
/// `{"id", "httpAddr", "raftAddr"}`.
extension KVHTTPService {
    func raftdbKey(_ request: HTTPRequest) async -> HTTPResponse {
        switch request.method {
        case "POST":
            guard request.path == "/key" else { return HTTPReplies.text(400, "POST goes to /key\n") }
            guard let pairs = Self.stringObject(request.body) else { return HTTPReplies.text(400, "expected a JSON object of string values\n") }
            for (key, value) in pairs {
                if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in
                    try await store.put(Array(key.utf8), Array(value.utf8))
                }) { return failure.response }
            }
            return HTTPResponse(status: 200)
        case "GET", "DELETE":
            guard let key = Self.keySegment(request.path, prefix: "/key/") else { return HTTPReplies.text(400, "expected /key/<key>\n") }
            if request.method == "DELETE" {
                let outcome = await run(request.target) { () async throws(KVStoreError) in try await store.delete(Array(key.utf8)) }
                if case let .failure(failure) = outcome { return failure.response }
                return HTTPResponse(status: 200)
            }
            let level = Self.raftdbLevel(HTTPForm(query: request.target)?["level"])
            switch await run(request.target, { () async throws(KVStoreError) in try await store.get(Array(key.utf8), level: level) }) {
            case let .failure(failure): return failure.response
            case let .success(value):
                return HTTPReplies.json(200, HTTPReplies.object([(key, .text(String(decoding: value ?? [], as: UTF8.self)))]))
            }
        default:
            return HTTPReplies.methodNotAllowed("GET, POST, DELETE")
        }
    }

    func raftdbJoin(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "POST" else { return HTTPReplies.methodNotAllowed("POST") }
        guard let fields = Self.stringObject(request.body), fields.count == 3,
            let id = fields.first(where: { $0.0 == "id" }).flatMap({ Self.nodeID($0.1) }),
            fields.contains(where: { $0.0 == "httpAddr" }), let raftAddress = fields.first(where: { $0.0 == "raftAddr" })?.1
        else { return HTTPReplies.text(400, "expected {\"id\": \"<node number>\", \"httpAddr\": …, \"raftAddr\": …}\n") }
        // raftdb adds a voter; we add a learner and promote it once it is in.
        let outcome = await runBackend(request.target) { () async throws(KVBackendError) in
            try await store.backend.addLearner(id: id, address: raftAddress)
            try await store.backend.promote(id: id)
        }
        if case let .failure(failure) = outcome { return failure.response }
        return HTTPResponse(status: 200)
    }

    /// raftdb's levels: `stale`, `consistent`, anything else `default` (a lease read).
    static func raftdbLevel(_ text: String?) -> KVReadLevel {
        switch text.map({ String($0.filter { !$0.isWhitespace }).lowercased() }) {
        case "stale": return .stale
        case "consistent": return .readIndex
        default: return .lease
        }
    }

    /// The one path segment after `prefix`, percent-decoded; nil when there are more or none.
    static func keySegment(_ path: String, prefix: String) -> String? {
        let rest = path.dropFirst(prefix.count)
        guard !rest.isEmpty, !rest.contains("/") else { return nil }
        return HTTPForm.decode(rest, plusIsSpace: false)
    }

    /// A JSON object whose values are all strings, in document order; nil otherwise.
    static func stringObject(_ body: [UInt8]) -> [(String, String)]? {
        guard let text = String(validating: body, as: UTF8.self), let value = try? CBOR(json: text, maxNesting: 4),
            case let .map(entries) = value
        else { return nil }
        var pairs: [(String, String)] = []
        for entry in entries {
            guard case let .text(key) = entry.key, case let .text(value) = entry.value else { return nil }
            pairs.append((key, value))
        }
        return pairs
    }

    /// A node id: a number, or a name ending in one (`node02` → 2).
    static func nodeID(_ text: String) -> UInt64? {
        let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
        return UInt64(String(digits.reversed()))
    }
}
