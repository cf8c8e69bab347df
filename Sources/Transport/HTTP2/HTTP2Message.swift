import HPACK

/// A complete HTTP/2 request as ``HTTP2Server`` hands it to its handler: the pseudo-header
/// fields pulled out, the other fields in order, the whole body.
public struct HTTP2Request: Sendable {
    public var method: String
    public var path: String
    public var authority: String?
    /// Regular (non-pseudo) header fields, in the order they arrived.
    public var headers: [HeaderField]
    public var body: [UInt8]

    public init(method: String, path: String, authority: String? = nil, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.authority = authority
        self.headers = headers
        self.body = body
    }
}

/// What an ``HTTP2Server`` handler answers: a status, regular header fields (lowercase
/// names, no connection-specific ones), a body, and responses to push with it.
public struct HTTP2Response: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// Responses the client will want, promised (PUSH_PROMISE) before this one's fields
    /// and sent after it; dropped when the client disabled push.
    public var pushes: [HTTP2Push]

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = [], pushes: [HTTP2Push] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.pushes = pushes
    }
}

/// A pushed response: the GET request it answers (by path, on the same authority and
/// scheme as the request that caused it) and the response itself.
public struct HTTP2Push: Sendable {
    public var path: String
    public var response: HTTP2Response

    public init(path: String, response: HTTP2Response) {
        self.path = path
        self.response = response
    }
}
