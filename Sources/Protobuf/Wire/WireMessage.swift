/// A message type with hand-written binary encoding (the descriptor types).
///
/// Fields are written in field-number order; fields a decoder does not know are kept in
/// ``unknownFields`` and written back after the known ones, as protoc does.
public protocol WireMessage: Equatable, Sendable {
    init()
    /// Fields read but not known to this type, in the order they came.
    var unknownFields: [WireField] { get set }
    /// Writes the known fields, then the unknown ones.
    func encode(to writer: inout WireWriter)
    /// Reads one known field's payload; returns false to keep the field as unknown.
    mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool
}

extension WireMessage {
    /// Decodes a whole buffer as this message.
    @inlinable
    public init(serializedBytes bytes: [UInt8], nestingLimit: Int = WireReader.defaultNestingLimit) throws(WireError) {
        var reader = WireReader(bytes, nestingLimit: nestingLimit)
        self = try Self(reading: &reader)
    }

    /// The message's binary encoding.
    @inlinable
    public func serializedBytes() -> [UInt8] {
        var writer = WireWriter(reservingCapacity: WireWriter.initialCapacity)
        encode(to: &writer)
        return writer.bytes
    }

    /// Reads fields until the reader's end.
    @usableFromInline
    init(reading reader: inout WireReader) throws(WireError) {
        self.init()
        while !reader.isAtEnd {
            let (number, type) = try reader.readTag()
            if try !decodeField(number, type, from: &reader) {
                unknownFields.append(try reader.readField(number: number, type: type))
            }
        }
    }
}

extension WireWriter {
    /// Writes `message` as a length-delimited field.
    public mutating func writeMessageField(_ number: Int, _ message: some WireMessage) {
        writeMessageField(number) { message.encode(to: &$0) }
    }

    mutating func writeUnknown(_ fields: [WireField]) {
        for field in fields { write(field) }
    }
}

extension WireReader {
    /// Reads an embedded message of type `T`.
    public mutating func readMessage<T: WireMessage>(_: T.Type) throws(WireError) -> T {
        try readMessage { (inner: inout WireReader) throws(WireError) -> T in try T(reading: &inner) }
    }
}
