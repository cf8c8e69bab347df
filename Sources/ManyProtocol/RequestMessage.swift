import CBOR
import ManyIdentity

/// A MANY request (many-rs `many-protocol/src/request.rs`): tag 10001 around a map with
/// integer keys 0 version, 1 from, 2 to, 3 method, 4 data (a byte string holding the
/// argument's CBOR), 5 timestamp, 6 id, 7 nonce, 8 attributes.
public struct RequestMessage: Sendable, Hashable {
    /// The CBOR tag of a request.
    public static let tag: UInt64 = 10001

    /// Protocol version; only 1 exists. Written only when set (many-rs never writes it).
    public var version: UInt8?
    /// The sender; nil or anonymous are not written.
    public var from: Address?
    /// The destination; anonymous (the default) means whichever server receives it.
    public var to: Address
    /// The endpoint, e.g. `"status"` or `"ledger.balance"`.
    public var method: String
    /// The argument: CBOR bytes, empty for none (then not written).
    public var data: [UInt8]
    /// When the request was made. The specification requires it; nil is not written.
    public var timestamp: Timestamp?
    /// An id the response echoes.
    public var id: UInt64?
    /// Bytes that make otherwise equal requests differ.
    public var nonce: [UInt8]?
    /// Request attributes.
    public var attributes: AttributeSet
    /// Map entries with keys this version does not know, written back after the others.
    public var unknownFields: [UnknownField]

    public init(
        version: UInt8? = nil, from: Address? = nil, to: Address = .anonymous, method: String, data: [UInt8] = [],
        timestamp: Timestamp? = .now(), id: UInt64? = nil, nonce: [UInt8]? = nil, attributes: AttributeSet = [],
        unknownFields: [UnknownField] = []
    ) {
        self.version = version
        self.from = from
        self.to = to
        self.method = method
        self.data = data
        self.timestamp = timestamp
        self.id = id
        self.nonce = nonce
        self.attributes = attributes
        self.unknownFields = unknownFields
    }

    /// The sender, anonymous when absent.
    public var sender: Address { from ?? .anonymous }
}

extension RequestMessage {
    /// The encoded request: tag 10001, then the fields in key order; anonymous addresses,
    /// empty data and absent optionals are left out, as many-rs does.
    public func encoded() -> [UInt8] {
        let sendsFrom = from.map { !$0.isAnonymous } ?? false
        var fieldCount = 1 + (version == nil ? 0 : 1) + (sendsFrom ? 1 : 0) + (to.isAnonymous ? 0 : 1)
        fieldCount += (data.isEmpty ? 0 : 1) + (timestamp == nil ? 0 : 1) + (id == nil ? 0 : 1)
        fieldCount += (nonce == nil ? 0 : 1) + (attributes.isEmpty ? 0 : 1) + unknownFields.count
        var writer = CBORWriter(reservingCapacity: 96 + data.count + method.utf8.count)
        writer.writeTag(Self.tag)
        writer.writeMapHeader(count: fieldCount)
        if let version { writer.writeUnsigned(0); writer.writeUnsigned(UInt64(version)) }
        if let from, sendsFrom { writer.writeUnsigned(1); from.write(to: &writer) }
        if !to.isAnonymous { writer.writeUnsigned(2); to.write(to: &writer) }
        writer.writeUnsigned(3); writer.writeText(method)
        if !data.isEmpty { writer.writeUnsigned(4); writer.writeBytes(data) }
        if let timestamp { writer.writeUnsigned(5); timestamp.write(to: &writer) }
        if let id { writer.writeUnsigned(6); writer.writeUnsigned(id) }
        if let nonce { writer.writeUnsigned(7); writer.writeBytes(nonce) }
        if !attributes.isEmpty { writer.writeUnsigned(8); attributes.write(to: &writer) }
        for field in unknownFields { writer.writeInt(field.key); writer.write(field.value) }
        return writer.bytes
    }

    /// Decodes a request. Bad input is ``ManyError/deserializationError(_:)``; a version
    /// other than 1 and a missing method are errors; unknown keys are kept.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(ManyError) {
        var reader = CBORReader(bytes, options: options)
        try FieldReading.expectTag(&reader, Self.tag, "request")
        self.init(method: "", timestamp: nil)
        var hasMethod = false
        try FieldReading.readIntegerKeyedMap(&reader, "request") { key, reader throws(ManyError) in
            if key == 3 { hasMethod = true }
            try readField(key, &reader)
        }
        try FieldReading.read("request") { () throws(CBORError) in try reader.finish() }
        guard hasMethod else { throw .deserializationError("request: the method (3) is missing") }
    }

    private mutating func readField(_ key: Int64, _ reader: inout CBORReader) throws(ManyError) {
        switch key {
        case 0:
            let value = try FieldReading.read("version") { () throws(CBORError) in try reader.readInteger(UInt8.self) }
            guard value == 1 else { throw .deserializationError("request: Invalid version.") }
            version = value
        case 1: from = try MessageAddress.read(&reader, "from")
        case 2: to = try MessageAddress.read(&reader, "to")
        case 3: method = try FieldReading.read("method") { () throws(CBORError) in try reader.readText() }
        case 4: data = try FieldReading.read("data") { () throws(CBORError) in try reader.readBytes() }
        case 5: timestamp = try Timestamp(reading: &reader)
        case 6: id = try FieldReading.read("id") { () throws(CBORError) in try reader.readUnsigned() }
        case 7: nonce = try FieldReading.read("nonce") { () throws(CBORError) in try reader.readBytes() }
        case 8: attributes = try AttributeSet(reading: &reader)
        default:
            let value = try FieldReading.read("field \(key)") { () throws(CBORError) in try reader.readValue() }
            unknownFields.append(UnknownField(key: key, value: value))
        }
    }
}

/// Addresses inside messages, with their errors as ManyErrors.
enum MessageAddress {
    static func read(_ reader: inout CBORReader, _ what: String) throws(ManyError) -> Address {
        do {
            return try Address(reading: &reader)
        } catch {
            if case let .invalid(addressError, _) = error { throw ManyError(addressError) }
            throw .deserializationError("\(what): \(error)")
        }
    }
}
