import CBOR
import ManyIdentity

/// A MANY response (many-rs `many-protocol/src/response.rs`): tag 10002 around a map with
/// keys 0 version, 1 from, 2 to, 4 result (a byte string holding the return value's CBOR,
/// or a ``ManyError`` map), 5 timestamp, 6 id, 8 attributes.
public struct ResponseMessage: Sendable, Hashable {
    /// The CBOR tag of a response.
    public static let tag: UInt64 = 10002

    /// Protocol version; written only when set.
    public var version: UInt8?
    /// The responder; anonymous is not written.
    public var from: Address
    /// The requester; nil or anonymous are not written.
    public var to: Address?
    /// The return value's CBOR bytes, or the error.
    public var data: Result<[UInt8], ManyError>
    /// When the response was made; nil is not written.
    public var timestamp: Timestamp?
    /// The request's id, echoed.
    public var id: UInt64?
    /// Response attributes.
    public var attributes: AttributeSet
    /// Map entries with keys this version does not know, written back after the others.
    public var unknownFields: [UnknownField]

    public init(
        version: UInt8? = nil, from: Address = .anonymous, to: Address? = nil, data: Result<[UInt8], ManyError>,
        timestamp: Timestamp? = .now(), id: UInt64? = nil, attributes: AttributeSet = [],
        unknownFields: [UnknownField] = []
    ) {
        self.version = version
        self.from = from
        self.to = to
        self.data = data
        self.timestamp = timestamp
        self.id = id
        self.attributes = attributes
        self.unknownFields = unknownFields
    }

    /// The response to `request` from `from` (many-rs `ResponseMessage::from_request`):
    /// version 1, addressed to the request's sender, with its id.
    public init(answering request: RequestMessage, from: Address, data: Result<[UInt8], ManyError>, timestamp: Timestamp? = .now()) {
        self.init(version: 1, from: from, to: request.from, data: data, timestamp: timestamp, id: request.id)
    }
}

extension ResponseMessage {
    /// The encoded response: tag 10002, the fields in key order, absent ones left out.
    public func encoded() -> [UInt8] {
        let sendsTo = to.map { !$0.isAnonymous } ?? false
        var fieldCount = 1 + (version == nil ? 0 : 1) + (from.isAnonymous ? 0 : 1) + (sendsTo ? 1 : 0)
        fieldCount += (timestamp == nil ? 0 : 1) + (id == nil ? 0 : 1) + (attributes.isEmpty ? 0 : 1) + unknownFields.count
        var writer = CBORWriter(reservingCapacity: 96)
        writer.writeTag(Self.tag)
        writer.writeMapHeader(count: fieldCount)
        if let version { writer.writeUnsigned(0); writer.writeUnsigned(UInt64(version)) }
        if !from.isAnonymous { writer.writeUnsigned(1); from.write(to: &writer) }
        if let to, sendsTo { writer.writeUnsigned(2); to.write(to: &writer) }
        writer.writeUnsigned(4)
        switch data {
        case let .success(bytes): writer.writeBytes(bytes)
        case let .failure(error): error.write(to: &writer)
        }
        if let timestamp { writer.writeUnsigned(5); timestamp.write(to: &writer) }
        if let id { writer.writeUnsigned(6); writer.writeUnsigned(id) }
        if !attributes.isEmpty { writer.writeUnsigned(8); attributes.write(to: &writer) }
        for field in unknownFields { writer.writeInt(field.key); writer.write(field.value) }
        return writer.bytes
    }

    /// Decodes a response; the result must be a byte string or an error map.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(ManyError) {
        var reader = CBORReader(bytes, options: options)
        try FieldReading.expectTag(&reader, Self.tag, "response")
        self.init(data: .success([]), timestamp: nil)
        try FieldReading.readIntegerKeyedMap(&reader, "response") { key, reader throws(ManyError) in
            try readField(key, &reader)
        }
        try FieldReading.read("response") { () throws(CBORError) in try reader.finish() }
    }

    private mutating func readField(_ key: Int64, _ reader: inout CBORReader) throws(ManyError) {
        switch key {
        case 0: version = try FieldReading.read("version") { () throws(CBORError) in try reader.readInteger(UInt8.self) }
        case 1: from = try MessageAddress.read(&reader, "from")
        case 2: to = try MessageAddress.read(&reader, "to")
        case 4: data = try Self.readResult(&reader)
        case 5: timestamp = try Timestamp(reading: &reader)
        case 6: id = try FieldReading.read("id") { () throws(CBORError) in try reader.readUnsigned() }
        case 8: attributes = try AttributeSet(reading: &reader)
        default:
            let value = try FieldReading.read("field \(key)") { () throws(CBORError) in try reader.readValue() }
            unknownFields.append(UnknownField(key: key, value: value))
        }
    }

    private static func readResult(_ reader: inout CBORReader) throws(ManyError) -> Result<[UInt8], ManyError> {
        let header = try FieldReading.read("result") { () throws(CBORError) in try reader.peekHeader() }
        switch header.majorType {
        case .bytes: return .success(try FieldReading.read("result") { () throws(CBORError) in try reader.readBytes() })
        case .map: return .failure(try ManyError(reading: &reader))
        default:
            throw .deserializationError("result: expected a byte string or an error map at byte \(header.offset), found major type \(header.majorType)")
        }
    }
}
