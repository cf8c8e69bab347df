extension DynamicMessage {
    /// What field `number` reads as: its value if set, else its default: the proto2
    /// `[default = ...]`, or zero, empty, the enum's first value, an empty message, an empty
    /// list or map. Nil when the type has no such field.
    public func value(_ number: Int, pool: DescriptorPool) -> FieldValue? {
        guard let field = type.field(number: number) else { return nil }
        if let value = slots[field.position] { return value }
        if field.isMap { return .map([]) }
        if field.isRepeated { return .repeated([]) }
        if let text = field.defaultValue, let value = Self.parseDefault(text, field: field, pool: pool) { return .single(value) }
        return Self.zeroValue(field, pool: pool).map { .single($0) }
    }

    /// A default as protoc prints it in `FieldDescriptorProto.default_value`.
    static func parseDefault(_ text: String, field: MessageType.Field, pool: DescriptorPool) -> Value? {
        switch field.type {
        case .int32, .sint32, .sfixed32: return Int32(text).map { .int32($0) }
        case .int64, .sint64, .sfixed64: return Int64(text).map { .int64($0) }
        case .uint32, .fixed32: return UInt32(text).map { .uint32($0) }
        case .uint64, .fixed64: return UInt64(text).map { .uint64($0) }
        case .float: return parseFloatingPoint(text).map { .float(Float($0)) }
        case .double: return parseFloatingPoint(text).map { .double($0) }
        case .bool: return .bool(text == "true")
        case .string: return .string(text)
        case .bytes: return .bytes(cUnescape(text))
        case .enum: return field.typeName.flatMap { pool.enumType($0)?.number(named: text) }.map { .enum($0) }
        case .message, .group: return nil
        }
    }

    private static func parseFloatingPoint(_ text: String) -> Double? {
        switch text {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default: return Double(text)
        }
    }

    /// Undoes protoc's `CEscape`: named escapes and three-digit octal.
    static func cUnescape(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < bytes.count else {
                result.append(byte)
                continue
            }
            let letter = bytes[index]
            index += 1
            switch letter {
            case UInt8(ascii: "n"): result.append(0x0a)
            case UInt8(ascii: "r"): result.append(0x0d)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(letter - UInt8(ascii: "0"))
                for _ in 0..<2 where index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                }
                result.append(UInt8(truncatingIfNeeded: value))
            default: result.append(letter)
            }
        }
        return result
    }
}
