import Transport

/// The HTTP binding (many-rs `many-server/src/transport/http.rs`): `POST /` with a CBOR
/// envelope body, answered 200 with the response envelope.
///
/// Other paths are 404, other methods 405, bodies over the limit (2 MiB by default, as
/// many-rs's `READ_BUFFER_LEN`) 413, malformed HTTP 400. A body that is not an envelope
/// gets a signed -3 deserialization error (many-rs answers an empty 500 there).
extension ManyServer {
    /// The HTTP handler that feeds requests to ``handle(_:)``.
    public var httpHandler: HTTPServer.Handler {
        { [self] request in
            guard request.path == "/" else { return .status(404) }
            guard request.method == "POST" else {
                return HTTPResponse(status: 405, headers: [HTTPHeader(name: "Allow", value: "POST")])
            }
            let body = await handle(request.body)
            return HTTPResponse(status: 200, headers: [HTTPHeader(name: "Content-Type", value: "application/cbor")], body: body)
        }
    }

    /// Serves this server over HTTP; stop it with ``Transport/HTTPServer/shutdown()``.
    public func listen(configuration: HTTPServerConfiguration) async throws(HTTPServerError) -> HTTPServer {
        let server = try await HTTPServer.start(configuration: configuration, logger: logger, handler: httpHandler)
        logger.info("MANY server listening", metadata: [
            "name": "\(name)", "address": "\(address)", "host": "\(server.host)", "port": "\(server.port)",
        ])
        return server
    }

    /// Serves this server over HTTP on `host`:`port` (0 picks a free port).
    public func listen(host: String = "127.0.0.1", port: Int) async throws(HTTPServerError) -> HTTPServer {
        try await listen(configuration: HTTPServerConfiguration(host: host, port: port))
    }

    /// Serves the same binding over HTTP/2 (h2c with prior knowledge or `Upgrade: h2c`; TLS
    /// with ALPN `h2` when the configuration has it), where one connection carries many
    /// requests at once.
    public func listenHTTP2(configuration: HTTP2ServerConfiguration) async throws(HTTPServerError) -> HTTP2Server {
        let server = try await HTTP2Server.start(configuration: configuration, logger: logger, handler: HTTP1Bridge.handler(httpHandler))
        logger.info("MANY server listening over HTTP/2", metadata: [
            "name": "\(name)", "address": "\(address)", "host": "\(server.host)", "port": "\(server.port)",
        ])
        return server
    }
}
