import HPACK

/// Serves handlers written for ``HTTPServer`` (HTTP/1.1 messages) over HTTP/2 as well, so
/// one set of routes answers on both: `:authority` becomes `Host`, header names travel
/// in lowercase, and the HTTP/1.1 connection headers HTTP/2 forbids (RFC 9113 §8.2.2)
/// are left out of responses.
public enum HTTP1Bridge {
    /// An ``HTTP2Server/Handler`` that answers each request with `handler`.
    public static func handler(_ handler: @escaping HTTPServer.Handler) -> HTTP2Server.Handler {
        { request in HTTP2Response(bridging: await handler(HTTPRequest(bridging: request))) }
    }
}

extension HTTPRequest {
    /// The HTTP/1.1 form of an HTTP/2 request.
    public init(bridging request: HTTP2Request) {
        var headers = request.authority.map { [HTTPHeader(name: "Host", value: $0)] } ?? []
        for field in request.headers {
            headers.append(HTTPHeader(name: String(decoding: field.name, as: UTF8.self), value: String(decoding: field.value, as: UTF8.self)))
        }
        self.init(method: request.method, target: request.path, headers: headers, body: request.body)
    }
}

extension HTTP2Response {
    private static let connectionHeaders: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]

    /// The HTTP/2 form of an HTTP/1.1 response.
    public init(bridging response: HTTPResponse) {
        let headers = response.headers.compactMap { header -> HeaderField? in
            let name = header.name.lowercased()
            return Self.connectionHeaders.contains(name) ? nil : HeaderField(name: name, value: header.value)
        }
        self.init(status: response.status, headers: headers, body: response.body)
    }
}
