/// Writes unknown fields as `protoc --decode` and `--decode_raw` print them.
enum UnknownFieldsPrinter {
    /// Unknown fields as protoc prints them: varints unsigned, fixed values as zero-padded
    /// hex, groups and length-delimited values that parse as fields as nested blocks. Like
    /// protoc, nested blocks spend a budget of ten levels (`kUnknownFieldRecursionLimit`), which
    /// also bounds the groups a length-delimited value may nest to parse as fields.
    static func print(_ fields: [WireField], indent: String, budget: Int = unknownFieldBudget, into output: inout String) {
        for field in fields {
            let number = String(field.number)
            switch field.value {
            case let .varint(value): output += indent + number + ": " + String(value) + "\n"
            case let .fixed32(value): output += indent + number + ": 0x" + hex(UInt64(value), digits: 8) + "\n"
            case let .fixed64(value): output += indent + number + ": 0x" + hex(value, digits: 16) + "\n"
            case let .group(inner):
                output += indent + number + " {\n"
                print(inner, indent: indent + "  ", budget: budget - 1, into: &output)
                output += indent + "}\n"
            case let .lengthDelimited(bytes):
                if !bytes.isEmpty, budget > 0, let inner = Self.fields(bytes, nestingLimit: budget) {
                    output += indent + number + " {\n"
                    print(inner, indent: indent + "  ", budget: budget - 1, into: &output)
                    output += indent + "}\n"
                } else {
                    output += indent + number + ": \"" + TextFormatting.cEscape(bytes) + "\"\n"
                }
            }
        }
    }

    /// protoc's `kUnknownFieldRecursionLimit`.
    static let unknownFieldBudget = 10

    /// `bytes` as a whole run of well-formed fields, or nil. Tags are read as protoc's
    /// unknown-field parser reads them: a varint of up to ten bytes cut to its low 32 bits.
    static func fields(_ bytes: [UInt8], nestingLimit: Int = WireReader.defaultNestingLimit) -> [WireField]? {
        var reader = WireReader(bytes, nestingLimit: nestingLimit)
        return try? fields(&reader, group: nil)
    }

    static func fields(_ reader: inout WireReader, group: Int?) throws(WireError) -> [WireField] {
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
