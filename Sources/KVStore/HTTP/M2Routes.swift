import CBOR
import Transport

/// m2 (qichengzx/m2, `server/http.go`, `server/raft.go`): form fields from the query or a
/// form-encoded body. `/set?key=&val=` and `/del?key=` answer `ok`; `/get?key=` the raw
/// value; an empty field is m2's `error key … is empty` (status 200, as m2). `/raft/join?
/// nodeid=&addr=` adds a learner and promotes it (`ok`), `/raft/leave?nodeid=` removes it
/// (`removed successfully`), `/raft/status` is hashicorp/raft's `Stats()` map (all values
/// strings) for group 0, plus `leader`.
extension KVHTTPService {
    func m2KeyValue(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "POST" else { return HTTPReplies.methodNotAllowed("GET, POST") }
        guard let form = Self.m2Form(request) else { return HTTPReplies.text(400, "malformed form encoding\n") }
        let key = Array((form["key"] ?? "").utf8)
        switch request.path {
        case "/set":
            let value = Array((form["val"] ?? "").utf8)
            guard !key.isEmpty, !value.isEmpty else { return HTTPReplies.text(200, "error key or val is empty\n") }
            if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in try await store.put(key, value) }) {
                return failure.response
            }
            return HTTPReplies.text(200, "ok")
        case "/del":
            guard !key.isEmpty else { return HTTPReplies.text(200, "error key is empty\n") }
            if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in try await store.delete(key) }) {
                return failure.response
            }
            return HTTPReplies.text(200, "ok")
        default:
            guard !key.isEmpty else { return HTTPReplies.text(200, "error key is empty\n") }
            switch await run(request.target, { () async throws(KVStoreError) in try await store.get(key, level: .lease) }) {
            case let .failure(failure): return failure.response
            case let .success(value?): return HTTPReplies.raw(200, value)
            case .success(nil): return HTTPReplies.text(404, "Key not found\n")
            }
        }
    }

    func m2Raft(_ request: HTTPRequest) async -> HTTPResponse {
        guard let form = Self.m2Form(request) else { return HTTPReplies.text(400, "malformed form encoding\n") }
        switch request.path {
        case "/raft/status":
            switch await runBackend(request.target, { () async throws(KVBackendError) in try await store.backend.status(group: 0) }) {
            case let .failure(failure): return failure.response
            case let .success(status): return HTTPReplies.json(200, Self.m2Status(status))
            }
        case "/raft/join":
            guard let id = form["nodeid"].flatMap(Self.nodeID), let address = form["addr"], !address.isEmpty else {
                return HTTPReplies.text(400, "error:nodeid and addr are required\n")
            }
            let outcome = await runBackend(request.target) { () async throws(KVBackendError) in
                try await store.backend.addLearner(id: id, address: address)
                try await store.backend.promote(id: id)
            }
            if case let .failure(failure) = outcome { return failure.response }
            return HTTPReplies.text(200, "ok")
        default:
            guard let id = form["nodeid"].flatMap(Self.nodeID) else { return HTTPReplies.text(400, "error:nodeid is required\n") }
            let outcome = await runBackend(request.target) { () async throws(KVBackendError) in try await store.backend.remove(id: id) }
            if case let .failure(failure) = outcome { return failure.response }
            return HTTPReplies.text(200, "removed successfully")
        }
    }

    /// The query's fields, then a form-encoded body's (Go's `r.ParseForm`).
    static func m2Form(_ request: HTTPRequest) -> HTTPForm? {
        guard var form = HTTPForm(query: request.target) else { return nil }
        if request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true {
            guard let text = String(validating: request.body, as: UTF8.self), let body = HTTPForm(text) else { return nil }
            form.append(body)
        }
        return form
    }

    static func m2Status(_ status: KVGroupStatus) -> CBOR {
        HTTPReplies.object([
            ("applied_index", .text(String(status.appliedIndex))),
            ("commit_index", .text(String(status.commitIndex))),
            ("last_log_index", .text(String(status.lastLogIndex))),
            ("last_log_term", .text(String(status.lastLogTerm))),
            ("state", .text(status.role.rawValue)),
            ("term", .text(String(status.term))),
            ("leader", .text(status.leaderAddress ?? status.leaderID.map { String($0) } ?? "")),
            ("num_peers", .text(String(status.peerCount))),
        ])
    }
}

extension HTTPForm {
    mutating func append(_ other: HTTPForm) {
        for field in other.fields where self[field.name] == nil { fields.append(field) }
    }
}
