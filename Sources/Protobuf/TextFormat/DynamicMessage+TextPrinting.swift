extension DynamicMessage {
    /// The message in protobuf text format exactly as `protoc --decode` prints it (protoc
    /// 3.21's `TextFormat::Print`): set fields in number order, two spaces per level, groups
    /// by their type's name, map entries sorted by key, enums by name (the first declared for
    /// a number; the number when unnamed), strings and bytes `CEscape`d, floats as
    /// `SimpleFtoa`/`SimpleDtoa`, then unknown fields by number (length-delimited ones that
    /// parse as fields printed as a nested block).
    public func textFormat(pool: DescriptorPool) -> String {
        var printer = TextFormatPrinter(pool: pool)
        printer.print(self, indent: "")
        return printer.output
    }
}

/// Writes text format for ``DynamicMessage/textFormat(pool:)``.
struct TextFormatPrinter {
    let pool: DescriptorPool
    var output = ""

    mutating func print(_ message: DynamicMessage, indent: String) {
        for (field, slot) in zip(message.type.fields, message.slots) {
            guard let slot else { continue }
            let name = field.type == .group ? field.typeName.map(TextFormatParser.shortName) ?? field.name : field.name
            switch slot {
            case let .single(value):
                if !field.hasPresence && value.isZero { continue }
                print(name, value, type: field.type, typeName: field.typeName, indent: indent)
            case let .repeated(values):
                for value in values { print(name, value, type: field.type, typeName: field.typeName, indent: indent) }
            case let .map(entries):
                guard let entryType = pool.messageType(of: field), let keyField = entryType.field(number: 1),
                      let valueField = entryType.field(number: 2) else { continue }
                let inner = indent + "  "
                for entry in entries.sorted(by: { Self.keyOrder($0.key, $1.key) }) {
                    output += indent + name + " {\n"
                    print("key", entry.key, type: keyField.type, typeName: nil, indent: inner)
                    print("value", entry.value, type: valueField.type, typeName: valueField.typeName, indent: inner)
                    output += indent + "}\n"
                }
            }
        }
        print(message.unknownFields, indent: indent)
    }

    private mutating func print(
        _ name: String, _ value: DynamicMessage.Value, type: FieldDescriptorProto.FieldType, typeName: String?, indent: String
    ) {
        switch value {
        case let .message(message):
            output += indent + name + " {\n"
            print(message, indent: indent + "  ")
            output += indent + "}\n"
        case let .enum(number):
            let valueName = typeName.flatMap { pool.enumType($0) }?.values.first { $0.number == number }?.name
            output += indent + name + ": " + (valueName ?? String(number)) + "\n"
        default:
            output += indent + name + ": " + Self.scalarText(value) + "\n"
        }
    }

    static func scalarText(_ value: DynamicMessage.Value) -> String {
        switch value {
        case let .int32(number), let .enum(number): return String(number)
        case let .int64(number): return String(number)
        case let .uint32(number): return String(number)
        case let .uint64(number): return String(number)
        case let .float(number): return TextFormatting.float(number)
        case let .double(number): return TextFormatting.double(number)
        case let .bool(flag): return flag ? "true" : "false"
        case let .string(text): return "\"" + TextFormatting.cEscape(Array(text.utf8)) + "\""
        case let .bytes(bytes): return "\"" + TextFormatting.cEscape(bytes) + "\""
        case .message: return ""
        }
    }

    /// protoc's `MapEntryMessageComparator`: integers by signed or unsigned value, `false`
    /// before `true`, strings by bytes.
    static func keyOrder(_ lhs: DynamicMessage.Value, _ rhs: DynamicMessage.Value) -> Bool {
        switch (lhs, rhs) {
        case let (.int32(a), .int32(b)): return a < b
        case let (.int64(a), .int64(b)): return a < b
        case let (.uint32(a), .uint32(b)): return a < b
        case let (.uint64(a), .uint64(b)): return a < b
        case let (.bool(a), .bool(b)): return !a && b
        case let (.string(a), .string(b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return false
        }
    }

    /// Unknown fields as protoc prints them: varints unsigned, fixed values as zero-padded
    /// hex, groups and length-delimited values that parse as fields as nested blocks.
    private mutating func print(_ fields: [WireField], indent: String) {
        for field in fields {
            let number = String(field.number)
            switch field.value {
            case let .varint(value): output += indent + number + ": " + String(value) + "\n"
            case let .fixed32(value): output += indent + number + ": 0x" + Self.hex(UInt64(value), digits: 8) + "\n"
            case let .fixed64(value): output += indent + number + ": 0x" + Self.hex(value, digits: 16) + "\n"
            case let .group(inner):
                output += indent + number + " {\n"
                print(inner, indent: indent + "  ")
                output += indent + "}\n"
            case let .lengthDelimited(bytes):
                if !bytes.isEmpty, let inner = Self.fields(bytes) {
                    output += indent + number + " {\n"
                    print(inner, indent: indent + "  ")
                    output += indent + "}\n"
                } else {
                    output += indent + number + ": \"" + TextFormatting.cEscape(bytes) + "\"\n"
                }
            }
        }
    }

    /// `bytes` as a whole run of well-formed fields, or nil. Tags are read as protoc's
    /// unknown-field parser reads them: a varint of up to ten bytes cut to its low 32 bits.
    private static func fields(_ bytes: [UInt8]) -> [WireField]? {
        var reader = WireReader(bytes)
        return try? fields(&reader, group: nil)
    }

    private static func fields(_ reader: inout WireReader, group: Int?) throws(WireError) -> [WireField] {
        var fields: [WireField] = []
        while !reader.isAtEnd {
            let start = reader.offset
            let key = UInt32(truncatingIfNeeded: try reader.readVarint())
            let number = Int(key >> 3)
            guard number != 0 else { throw .invalidFieldNumber(offset: start, number: 0) }
            guard let type = WireType(rawValue: UInt8(key & 7)) else { throw .invalidWireType(offset: start, value: UInt8(key & 7)) }
            switch type {
            case .endGroup:
                guard number == group else { throw .unexpectedEndGroup(offset: start, field: number) }
                return fields
            case .startGroup:
                try reader.enterNesting()
                fields.append(WireField(number: number, value: .group(try Self.fields(&reader, group: number))))
                reader.depth -= 1
            default:
                fields.append(try reader.readField(number: number, type: type))
            }
        }
        if let group { throw .unterminatedGroup(offset: reader.offset, field: group) }
        return fields
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
