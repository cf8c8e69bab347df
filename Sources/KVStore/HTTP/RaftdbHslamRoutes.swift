import Transport

/// raftdb (hslam, `node/node.go`): `/db/<key>` with the raw value as body. `GET` answers
/// the raw value (empty when missing, as hslam does) after a ReadIndex; `?read=lease`
/// reads under the leader lease instead. `POST` sets the body as value, `DELETE` removes it.
extension KVHTTPService {
    func hslamDB(_ request: HTTPRequest) async -> HTTPResponse {
        guard let key = Self.keySegment(request.path, prefix: "/db/") else { return HTTPReplies.text(400, "expected /db/<key>\n") }
        let keyBytes = Array(key.utf8)
        switch request.method {
        case "GET":
            let level: KVReadLevel = HTTPForm(query: request.target)?["read"] == "lease" ? .lease : .readIndex
            switch await run(request.target, { () async throws(KVStoreError) in try await store.get(keyBytes, level: level) }) {
            case let .failure(failure): return failure.response
            case let .success(value): return HTTPReplies.raw(200, value ?? [])
            }
        case "POST", "PUT":
            if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in
                try await store.put(keyBytes, request.body)
            }) { return failure.response }
            return HTTPResponse(status: 200)
        case "DELETE":
            if case let .failure(failure) = await run(request.target, { () async throws(KVStoreError) in
                try await store.delete(keyBytes)
            }) { return failure.response }
            return HTTPResponse(status: 200)
        default:
            return HTTPReplies.methodNotAllowed("GET, POST, PUT, DELETE")
        }
    }
}
