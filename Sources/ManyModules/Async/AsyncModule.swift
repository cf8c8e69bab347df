import CBOR
import ManyProtocol

/// The async module (many-rs `many-modules/src/_8_async.rs`, attribute 8): a server that
/// cannot answer a request in time answers with an empty result and the ``AsyncAttribute``
/// carrying a token; the client then polls `async.status` with that token.
public enum AsyncModule {
    /// The module's attribute id, listed in a server's status.
    public static let attributeID: UInt32 = 8
    public static let name = "AsyncModule"

    public enum Method {
        public static let status = "async.status"
    }

    public static let endpoints = [Method.status]
}

/// The response attribute that marks a deferred answer (many-rs `r#async::attributes::ASYNC`):
/// id 1 with one argument, the token as a byte string.
public enum AsyncAttribute {
    /// The attribute id.
    public static let id: UInt32 = 1

    /// The attribute carrying `token`.
    public static func attribute(token: [UInt8]) -> Attribute {
        Attribute(id: id, arguments: [.bytes(token)])
    }

    /// The token in `attributes`, nil when there is no async attribute; an async attribute
    /// without exactly one byte-string argument is -10 invalid attribute arguments.
    public static func token(in attributes: AttributeSet) throws(ManyError) -> [UInt8]? {
        guard let attribute = attributes[id] else { return nil }
        guard attribute.arguments.count == 1, let token = attribute.arguments[0].bytesValue else {
            throw .invalidAttributeArguments()
        }
        return token
    }
}

/// The argument of `async.status`: `{0: token}`.
public struct AsyncStatusArgs: Codable, Sendable, Hashable {
    public var token: [UInt8]

    public init(token: [UInt8]) {
        self.token = token
    }

    enum CodingKeys: Int, CodingKey {
        case token = 0
    }
}

/// The return value of `async.status`: `{0: kind}` with kind 0 unknown, 1 queued,
/// 2 processing, 4 expired; or `{1: response, 0: 3}` when done, where the response is the
/// deferred answer's COSE_Sign1 envelope, untagged (coset `to_vec`), in that key order as
/// many-rs writes it.
public enum AsyncStatusReturn: Sendable, Hashable {
    case unknown
    case queued
    case processing
    /// The deferred response envelope's bytes.
    case done(response: [UInt8])
    case expired

    /// The kind number on the wire.
    public var kind: UInt8 {
        switch self {
        case .unknown: return 0
        case .queued: return 1
        case .processing: return 2
        case .done: return 3
        case .expired: return 4
        }
    }

    /// For ``done(response:)``: the response envelope with the COSE_Sign1 tag (18) in front,
    /// as ``ManyProtocol/Envelope/verifyResponse(_:options:)`` reads it, whether or not the
    /// server sent the tag.
    public var taggedResponse: [UInt8]? {
        guard case let .done(response) = self else { return nil }
        return response.first == 0xd2 ? response : [0xd2] + response
    }
}

extension AsyncStatusReturn: Codable {
    private enum CodingKeys: Int, CodingKey {
        case kind = 0
        case response = 1
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try map.decode(UInt8.self, forKey: .kind)
        let response = try map.decodeIfPresent([UInt8].self, forKey: .response)
        switch (kind, response) {
        case (0, nil): self = .unknown
        case (1, nil): self = .queued
        case (2, nil): self = .processing
        case let (3, response?): self = .done(response: response)
        case (4, nil): self = .expired
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Invalid variant or result."))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var map = encoder.container(keyedBy: CodingKeys.self)
        if case let .done(response) = self {
            try map.encode(response, forKey: .response)
        }
        try map.encode(kind, forKey: .kind)
    }
}
