/// The argument of an endpoint that takes none (many-rs `EmptyArg`): written as CBOR
/// `null`; any value, or no data at all, is accepted.
public struct EmptyArgument: Codable, Sendable, Hashable {
    public init() {}

    public init(from decoder: any Decoder) throws {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// The return value of an endpoint that returns nothing (many-rs `EmptyReturn`): written
/// as CBOR `null`; decoding accepts any value.
public struct EmptyReturn: Codable, Sendable, Hashable {
    public init() {}

    public init(from decoder: any Decoder) throws {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
