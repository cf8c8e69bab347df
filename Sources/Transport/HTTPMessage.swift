/// One HTTP header field. Names compare case-insensitively through ``HTTPRequest/header(_:)``
/// and ``HTTPResponse/header(_:)``; they are sent as given.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete HTTP/1.1 request as the server hands it to its handler: the body is fully
/// read (and within the server's size limit) before the handler runs.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `"POST"`.
    public var method: String
    /// The request target as sent, e.g. `"/"` or `"/status?x=1"`.
    public var target: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The peer's address (`"127.0.0.1:53122"`), when known.
    public var remoteAddress: String?

    public init(method: String, target: String, headers: [HTTPHeader] = [], body: [UInt8] = [], remoteAddress: String? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The target without its query (`"/status"` for `"/status?x=1"`).
    public var path: String {
        guard let query = target.firstIndex(of: "?") else { return target }
        return String(target[..<query])
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.first(named: name) }
}

/// An HTTP response: a status code, headers and a body. The server adds `Content-Length`
/// and, when it closes the connection afterwards, `Connection: close`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.first(named: name) }

    /// An empty response with `status` (e.g. 404, 405, 413).
    public static func status(_ status: Int) -> HTTPResponse { HTTPResponse(status: status) }
}

extension [HTTPHeader] {
    func first(named name: String) -> String? {
        let lowered = name.lowercased()
        return first { $0.name.lowercased() == lowered }?.value
    }
}
