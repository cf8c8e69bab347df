import CBOR
import Transport

/// Our JSON API, for what the seed APIs lack. Keys and values are UTF-8 text.
///
/// | request | answer |
/// |---|---|
/// | `GET /v1/kv/<key>?level=stale\|lease\|readIndex` | `{"key", "value"}`, 404 when missing |
/// | `PUT /v1/kv/<key>` (raw body) | `{}` |
/// | `DELETE /v1/kv/<key>` | `{"deleted": bool}` |
/// | `POST /v1/cas` `{"key", "expected"?, "value"?}` (null or absent: none) | `{"succeeded": bool}` |
/// | `GET /v1/list?prefix=&limit=&level=` | `{"items": [{"key", "value"}], "truncated": bool}` |
/// | `POST /v1/members/add` `{"id", "address"}`, `/promote` `{"id"}`, `/remove` `{"id"}`, `/transfer-leader` `{"id", "group"?}` | `{}` |
/// | `GET /v1/status` | `{"groups": [{…}]}` |
extension KVHTTPService {
    func jsonAPI(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path.hasPrefix("/v1/kv/") { return await jsonKey(request) }
        if path.hasPrefix("/v1/members/") { return await jsonMembers(request) }
        switch path {
        case "/v1/cas":
            guard request.method == "POST" else { return HTTPReplies.methodNotAllowed("POST") }
            return await jsonCompareAndSet(request)
        case "/v1/list":
            guard request.method == "GET" else { return HTTPReplies.methodNotAllowed("GET") }
            return await jsonList(request)
        case "/v1/status":
            guard request.method == "GET" else { return HTTPReplies.methodNotAllowed("GET") }
            return await jsonStatus(request)
        default:
            return HTTPReplies.text(404, "not found\n")
        }
    }

    private func jsonKey(_ request: HTTPRequest) async -> HTTPResponse {
        guard let key = Self.keySegment(request.path, prefix: "/v1/kv/") else { return HTTPReplies.text(400, "expected /v1/kv/<key>\n") }
        let keyBytes = Array(key.utf8)
        switch request.method {
        case "GET":
            guard let form = HTTPForm(query: request.target), let level = Self.jsonLevel(form["level"]) else {
                return HTTPReplies.text(400, "level is stale, lease or readIndex\n")
            }
            switch await run(request.target, { () async throws(KVStoreError) in try await store.get(keyBytes, level: level) }) {
            case let .failure(failure): return failure.response
            case let .success(value?):
                return HTTPReplies.json(200, HTTPReplies.object([("key", .text(key)), ("value", .text(String(decoding: value, as: UTF8.self)))]))
            case .success(nil): return HTTPReplies.json(404, HTTPReplies.object([("error", .text("key not found"))]))
            }
        case "PUT", "POST":
            if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in try await store.put(keyBytes, request.body) }) {
                return failure.response
            }
            return HTTPReplies.json(200, .map([]))
        case "DELETE":
            switch await run(request.target, { () async throws(KVStoreError) in try await store.delete(keyBytes) }) {
            case let .failure(failure): return failure.response
            case let .success(existed): return HTTPReplies.json(200, HTTPReplies.object([("deleted", .bool(existed))]))
            }
        default:
            return HTTPReplies.methodNotAllowed("GET, PUT, POST, DELETE")
        }
    }

    private func jsonCompareAndSet(_ request: HTTPRequest) async -> HTTPResponse {
        guard let object = Self.jsonObject(request.body), case let .text(key)? = object["key"],
            let expected = Self.optionalText(object["expected"]), let value = Self.optionalText(object["value"])
        else { return HTTPReplies.text(400, "expected {\"key\": text, \"expected\": text or null, \"value\": text or null}\n") }
        switch await run(request.target, { () async throws(KVStoreError) in
            try await store.compareAndSet(Array(key.utf8), expected: expected.map { Array($0.utf8) }, new: value.map { Array($0.utf8) })
        }) {
        case let .failure(failure): return failure.response
        case let .success(succeeded): return HTTPReplies.json(200, HTTPReplies.object([("succeeded", .bool(succeeded))]))
        }
    }

    private func jsonList(_ request: HTTPRequest) async -> HTTPResponse {
        guard let form = HTTPForm(query: request.target), let level = Self.jsonLevel(form["level"]) else {
            return HTTPReplies.text(400, "malformed query\n")
        }
        let limit = form["limit"].map { Int($0) } ?? store.limits.listCountMax
        guard let limit, limit >= 0 else { return HTTPReplies.text(400, "limit is a non-negative number\n") }
        let prefix = Array((form["prefix"] ?? "").utf8)
        switch await run(request.target, { () async throws(KVStoreError) in try await store.list(prefix: prefix, limit: limit, level: level) }) {
        case let .failure(failure): return failure.response
        case let .success(answer):
            let items = zip(answer.keys, answer.values).map { key, value in
                HTTPReplies.object([("key", .text(String(decoding: key, as: UTF8.self))), ("value", .text(String(decoding: value, as: UTF8.self)))])
            }
            return HTTPReplies.json(200, HTTPReplies.object([("items", .array(items)), ("truncated", .bool(answer.truncated))]))
        }
    }

    private func jsonMembers(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "POST" else { return HTTPReplies.methodNotAllowed("POST") }
        guard let object = Self.jsonObject(request.body), case let .unsigned(id)? = object["id"] else {
            return HTTPReplies.text(400, "expected a JSON object with a numeric \"id\"\n")
        }
        let backend = store.backend
        let action: (() async throws(KVBackendError) -> Void)
        switch request.path {
        case "/v1/members/add":
            guard case let .text(address)? = object["address"] else { return HTTPReplies.text(400, "expected \"address\"\n") }
            action = { () async throws(KVBackendError) in try await backend.addLearner(id: id, address: address) }
        case "/v1/members/promote": action = { () async throws(KVBackendError) in try await backend.promote(id: id) }
        case "/v1/members/remove": action = { () async throws(KVBackendError) in try await backend.remove(id: id) }
        case "/v1/members/transfer-leader":
            let group: Int
            switch object["group"] {
            case nil: group = 0
            case let .unsigned(number)? where number < UInt64(store.sharding.groupCount): group = Int(number)
            default: return HTTPReplies.text(400, "\"group\" is a group number\n")
            }
            action = { () async throws(KVBackendError) in try await backend.transferLeader(group: group, to: id) }
        default: return HTTPReplies.text(404, "not found\n")
        }
        if case let .failure(failure) = await runBackend(request.target, action) { return failure.response }
        return HTTPReplies.json(200, .map([]))
    }

    private func jsonStatus(_ request: HTTPRequest) async -> HTTPResponse {
        var groups: [CBOR] = []
        for group in 0..<store.sharding.groupCount {
            switch await runBackend(request.target, { () async throws(KVBackendError) in try await store.backend.status(group: group) }) {
            case let .failure(failure): return failure.response
            case let .success(status):
                groups.append(HTTPReplies.object([
                    ("group", .unsigned(UInt64(group))), ("node_id", .unsigned(status.nodeID)), ("state", .text(status.role.rawValue)),
                    ("term", .unsigned(status.term)), ("leader_id", status.leaderID.map(CBOR.unsigned) ?? .null),
                    ("leader_address", status.leaderAddress.map(CBOR.text) ?? .null), ("commit_index", .unsigned(status.commitIndex)),
                    ("applied_index", .unsigned(status.appliedIndex)), ("last_log_index", .unsigned(status.lastLogIndex)),
                    ("last_log_term", .unsigned(status.lastLogTerm)), ("num_peers", .unsigned(UInt64(status.peerCount))),
                ]))
            }
        }
        return HTTPReplies.json(200, HTTPReplies.object([("groups", .array(groups))]))
    }

    /// `stale`, `lease` (the default) or `readIndex`; nil for anything else.
    static func jsonLevel(_ text: String?) -> KVReadLevel? {
        guard let text else { return .lease }
        return KVReadLevel(rawValue: text)
    }

    /// A JSON object's fields by name; nil when the body is not one.
    static func jsonObject(_ body: [UInt8]) -> [String: CBOR]? {
        guard let text = String(validating: body, as: UTF8.self), let value = try? CBOR(json: text, maxNesting: 8),
            case let .map(entries) = value
        else { return nil }
        var fields: [String: CBOR] = [:]
        for entry in entries {
            guard case let .text(name) = entry.key else { return nil }
            fields[name] = entry.value
        }
        return fields
    }

    /// Text, or none for null or absent; nil (malformed) for anything else.
    static func optionalText(_ value: CBOR?) -> String?? {
        switch value {
        case nil, .null?: return .some(nil)
        case let .text(text)?: return .some(text)
        default: return nil
        }
    }
}
