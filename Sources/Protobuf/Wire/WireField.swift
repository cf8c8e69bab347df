/// One field as it appears on the wire, kept without a schema: unknown fields and
/// option values are carried this way so they re-encode to the same bytes.
public struct WireField: Hashable, Sendable {
    /// The field number from the tag.
    public var number: Int
    /// The payload, by wire type.
    public var value: WireValue

    public init(number: Int, value: WireValue) {
        self.number = number
        self.value = value
    }
}

/// A field's payload by wire type.
public enum WireValue: Hashable, Sendable {
    case varint(UInt64)
    case fixed64(UInt64)
    case lengthDelimited([UInt8])
    /// A proto2 group: the fields between its start and end tags.
    case group([WireField])
    case fixed32(UInt32)

    /// The wire type this payload is written with.
    public var wireType: WireType {
        switch self {
        case .varint: return .varint
        case .fixed64: return .fixed64
        case .lengthDelimited: return .lengthDelimited
        case .group: return .startGroup
        case .fixed32: return .fixed32
        }
    }
}

extension WireWriter {
    /// Writes `field` with its tag, exactly as it was read.
    public mutating func write(_ field: WireField) {
        switch field.value {
        case let .varint(value):
            writeTag(field.number, .varint)
            writeVarint(value)
        case let .fixed64(value):
            writeTag(field.number, .fixed64)
            writeFixed64(value)
        case let .lengthDelimited(bytes):
            writeTag(field.number, .lengthDelimited)
            writeVarint(UInt64(bytes.count))
            writeRaw(bytes)
        case let .group(fields):
            writeTag(field.number, .startGroup)
            for inner in fields { write(inner) }
            writeTag(field.number, .endGroup)
        case let .fixed32(value):
            writeTag(field.number, .fixed32)
            writeFixed32(value)
        }
    }
}

extension WireReader {
    /// Reads the payload of a field whose tag was just read, keeping it as a ``WireField``.
    public mutating func readField(number: Int, type: WireType) throws(WireError) -> WireField {
        switch type {
        case .varint: return WireField(number: number, value: .varint(try readVarint()))
        case .fixed64: return WireField(number: number, value: .fixed64(try readFixed64()))
        case .fixed32: return WireField(number: number, value: .fixed32(try readFixed32()))
        case .lengthDelimited: return WireField(number: number, value: .lengthDelimited(try readBytes()))
        case .startGroup: return WireField(number: number, value: .group(try readGroup(number: number)))
        case .endGroup: throw .unexpectedEndGroup(offset: offset, field: number)
        }
    }

    /// Reads the fields of a group up to its end tag, one nesting level deeper.
    mutating func readGroup(number: Int) throws(WireError) -> [WireField] {
        let start = offset
        try enterNesting()
        defer { depth -= 1 }
        var fields: [WireField] = []
        while !isAtEnd {
            let (inner, type) = try readTag()
            if type == .endGroup {
                guard inner == number else { throw .unexpectedEndGroup(offset: offset, field: inner) }
                return fields
            }
            fields.append(try readField(number: inner, type: type))
        }
        throw .unterminatedGroup(offset: start, field: number)
    }
}
