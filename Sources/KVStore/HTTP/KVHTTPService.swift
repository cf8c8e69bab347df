import Transport

/// The store's HTTP APIs on one listener, so users of each seed system find theirs:
///
/// | paths | API |
/// |---|---|
/// | `/key`, `/key/<k>`, `/join` | raftdb (hanj4096) |
/// | `/db/<key>` | raftdb (hslam) |
/// | `/set`, `/get`, `/del`, `/raft/join`, `/raft/leave`, `/raft/status`, `/health`, `/metrics` | m2 |
/// | `/v1/…` | ours: compare-and-set, prefix list, membership, status |
///
/// Unknown paths are 404, wrong methods 405 with `Allow`, oversized keys and values 413,
/// malformed bodies 400. A follower answers writes and leader reads with 307 to the
/// leader (raftdb's behaviour); stale reads are served locally.
public final class KVHTTPService: Sendable {
    public let store: KVStore

    public init(store: KVStore) {
        self.store = store
    }

    /// The handler to give ``Transport/HTTPServer/start(configuration:logger:handler:)``.
    public var handler: HTTPServer.Handler {
        { [self] request in await handle(request) }
    }

    /// Answers one request.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path == "/key" || path.hasPrefix("/key/") { return await raftdbKey(request) }
        if path.hasPrefix("/db/") { return await hslamDB(request) }
        if path.hasPrefix("/v1/") { return await jsonAPI(request) }
        switch path {
        case "/join": return await raftdbJoin(request)
        case "/set", "/get", "/del": return await m2KeyValue(request)
        case "/raft/join", "/raft/leave", "/raft/status": return await m2Raft(request)
        case "/health": return HTTPReplies.text(200, "ok")
        case "/metrics":
            var response = HTTPReplies.text(200, await store.backend.metricsText())
            response.headers = [HTTPHeader(name: "Content-Type", value: "text/plain; version=0.0.4")]
            return response
        default: return HTTPReplies.text(404, "not found\n")
        }
    }

    /// Runs a store operation and turns its failure into an HTTP answer.
    func run<T>(_ target: String, _ body: () async throws(KVStoreError) -> T) async -> Result<T, HTTPFailure> {
        do { return .success(try await body()) } catch { return .failure(HTTPFailure(HTTPReplies.failure(error, target: target))) }
    }

    /// Runs a membership or status call on the backend.
    func runBackend<T>(_ target: String, _ body: () async throws(KVBackendError) -> T) async -> Result<T, HTTPFailure> {
        do { return .success(try await body()) } catch { return .failure(HTTPFailure(HTTPReplies.failure(error, target: target))) }
    }
}

/// A failed operation's HTTP answer.
struct HTTPFailure: Error {
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}
