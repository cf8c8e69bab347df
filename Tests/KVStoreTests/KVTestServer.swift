import KVStore
import ManyServer
import Transport

/// A store served over HTTP on a loopback port, the MANY API on `POST /` and the KV HTTP
/// APIs elsewhere (as `many-kvstore` wires them), with a client for it.
struct KVTestServer {
    let store: KVStore
    let base: String
    let client: HTTPClient

    /// Runs `body` against a fresh server, then shuts everything down.
    static func with<T>(
        backend: any KVBackend = LocalKVBackend(), limits: KVLimits = KVLimits(), many: ManyServer? = nil,
        _ body: (KVTestServer) async throws -> T
    ) async throws -> T {
        let store = KVStore(backend: backend, limits: limits)
        if let many { for module in KVStoreManyModules.modules(store: store) { try many.register(module) } }
        let service = KVHTTPService(store: store)
        let manyHandler = many?.httpHandler
        let server = try await HTTPServer.start(configuration: HTTPServerConfiguration(port: 0, eventLoops: .own(threads: 1))) { request in
            if request.path == "/", let manyHandler { return await manyHandler(request) }
            return await service.handle(request)
        }
        let client = HTTPClient()
        let running = KVTestServer(store: store, base: "http://127.0.0.1:\(server.port)", client: client)
        do {
            let result = try await body(running)
            await client.shutdown()
            await server.shutdown()
            return result
        } catch {
            await client.shutdown()
            await server.shutdown()
            throw error
        }
    }

    func get(_ target: String) async throws -> HTTPResponse {
        try await client.execute(method: "GET", url: base + target)
    }

    func send(_ method: String, _ target: String, _ body: String = "", contentType: String? = nil) async throws -> HTTPResponse {
        let headers = contentType.map { [HTTPHeader(name: "Content-Type", value: $0)] } ?? []
        return try await client.execute(method: method, url: base + target, headers: headers, body: Array(body.utf8))
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
