/// A message type written by `swift-many-protoc --swift_out`: a value type with binary
/// encoding and decoding (``WireMessage``), equality and hashing, named by its proto type.
public protocol GeneratedMessage: WireMessage, Hashable {
    /// The proto full name, e.g. `corpus.p3.v1.Everything`.
    static var protoMessageName: String { get }
    /// The `.proto` file that declares the type: its descriptors, through which JSON and
    /// text format go.
    static var protoFile: GeneratedProtoFile { get }
    /// The first unset proto2 `required` field, here or in a set sub-message, named as
    /// Python's `FindInitializationErrors` names it (`children[0].scalars.id`); nil when none.
    func missingRequiredFieldPath() -> String?
}

extension WireMessage {
    /// Reads fields into this message until the reader's end, or until the end tag of group
    /// `endGroup`: later singular values replace earlier ones, sub-messages merge.
    @inlinable
    public mutating func merge(reading reader: inout WireReader, endGroup: Int? = nil) throws(WireError) {
        let start = reader.offset
        while !reader.isAtEnd {
            let (number, type) = try reader.readTag()
            if type == .endGroup {
                guard number == endGroup else { throw .unexpectedEndGroup(offset: reader.offset, field: number) }
                return
            }
            if try !decodeField(number, type, from: &reader) {
                unknownFields.append(try reader.readField(number: number, type: type))
            }
        }
        if let endGroup { throw .unterminatedGroup(offset: start, field: endGroup) }
    }
}

extension WireReader {
    /// A length-delimited message merged into `existing` (a fresh message when nil).
    @inlinable
    public mutating func readMessage<T: WireMessage>(merging existing: T?) throws(WireError) -> T {
        try readMessage { (inner: inout WireReader) throws(WireError) -> T in
            var message = existing ?? T()
            try message.merge(reading: &inner)
            return message
        }
    }

    /// The fields of group `number` up to its end tag, merged into `existing`, one nesting level deeper.
    @inlinable
    public mutating func readGroup<T: WireMessage>(number: Int, merging existing: T?) throws(WireError) -> T {
        try enterNesting()
        defer { depth -= 1 }
        var message = existing ?? T()
        try message.merge(reading: &self, endGroup: number)
        return message
    }
}

extension WireWriter {
    /// Writes `message` between the start and end tags of group `number`.
    @inlinable
    public mutating func writeGroupField(_ number: Int, _ message: some WireMessage) {
        writeTag(number, .startGroup)
        message.encode(to: &self)
        writeTag(number, .endGroup)
    }

    /// Writes fields kept as unknown, after the known ones.
    public mutating func writeUnknownFields(_ fields: [WireField]) {
        writeUnknown(fields)
    }
}

/// Holds a singular message field's value behind a reference, so that a message type may
/// contain itself. Immutable: setting the field stores a new box.
public final class ProtoBox<Value: Hashable & Sendable>: Hashable, Sendable {
    public let value: Value

    @inlinable
    public init(_ value: Value) {
        self.value = value
    }

    @inlinable
    public static func == (lhs: ProtoBox, rhs: ProtoBox) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
