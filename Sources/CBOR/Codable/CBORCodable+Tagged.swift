/// A type that is always written with a CBOR tag in front of it.
///
/// Adopt it to give a model type its tag, for example a MANY timestamp (tag 1)
/// or address (tag 10000):
///
/// ```swift
/// struct Timestamp: CBORTaggedCodable {
///     static var cborTag: UInt64 { 1 }
///     var secondsSinceEpoch: UInt64
///     init(from decoder: any Decoder) throws { secondsSinceEpoch = try decoder.singleValueContainer().decode(UInt64.self) }
///     func encode(to encoder: any Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(secondsSinceEpoch) }
/// }
/// ```
///
/// ``CBOREncoder`` writes the tag, then the value as its `encode(to:)` says;
/// ``CBORDecoder`` requires the tag (else ``CBORCodingError/Kind/tagMismatch(expected:found:)``)
/// and then calls `init(from:)` on the content. The tag is added wherever the
/// value goes through a container (`container.encode(value)`), which is what
/// synthesized conformances do. Other encoders ignore the tag.
public protocol CBORTaggedCodable: Codable {
    /// The tag number written before every value of this type.
    static var cborTag: UInt64 { get }
}

/// A value with a tag chosen at run time.
///
/// With ``CBOREncoder`` and ``CBORDecoder`` it is the tag followed by the value;
/// decoding accepts any tag and reports it in ``tag``. Other coders see a keyed
/// container with `tag` and `value`.
public struct CBORTagged<Value> {
    /// The tag number.
    public var tag: UInt64
    /// The tagged content.
    public var value: Value

    public init(tag: UInt64, value: Value) {
        self.tag = tag
        self.value = value
    }
}

extension CBORTagged: Sendable where Value: Sendable {}
extension CBORTagged: Equatable where Value: Equatable {}
extension CBORTagged: Hashable where Value: Hashable {}

extension CBORTagged: Encodable, CBORNativeEncodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? CBOREncoderImpl {
            try encodeCBOR(to: encoder.singleValueSink())
            return
        }
        var container = encoder.container(keyedBy: TaggedCodingKeys.self)
        try container.encode(tag, forKey: .tag)
        try container.encode(value, forKey: .value)
    }

    func encodeCBOR(to sink: CBOREncodingSink) throws {
        sink.node.writer.writeTag(tag)
        try sink.encode(value)
    }
}

extension CBORTagged: Decodable, CBORNativeDecodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? CBORDecoderImpl {
            var source = decoder.source()
            self = try Self.decodeCBOR(from: &source)
            return
        }
        let container = try decoder.container(keyedBy: TaggedCodingKeys.self)
        self.init(tag: try container.decode(UInt64.self, forKey: .tag), value: try container.decode(Value.self, forKey: .value))
    }

    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> CBORTagged<Value> {
        let tag = try source.read(Self.self) { reader throws(CBORError) in try reader.readTag() }
        return CBORTagged(tag: tag, value: try source.decode(Value.self))
    }
}

/// The keys of ``CBORTagged`` for coders other than CBOR's.
private enum TaggedCodingKeys: String, CodingKey {
    case tag, value
}
