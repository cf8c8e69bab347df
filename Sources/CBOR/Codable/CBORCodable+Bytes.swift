/// Bytes that encode as a CBOR byte string (major type 2).
///
/// ``CBOREncoder`` already writes a plain `[UInt8]` as a byte string; use this
/// wrapper where the intent should be visible in the type, or where the same
/// model is also encoded by other encoders (there it is an array of integers).
/// Decoding accepts a byte string, definite or chunked, or an array of integers
/// 0...255.
public struct CBORBytes: Hashable, Sendable, Codable {
    /// The bytes.
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    public init(from decoder: any Decoder) throws {
        bytes = try decoder.singleValueContainer().decode([UInt8].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}

extension CBORBytes: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: UInt8...) {
        bytes = elements
    }
}

extension CBORBytes: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.node.writer.writeBytes(bytes) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> CBORBytes { CBORBytes(try source.readByteString()) }
}
