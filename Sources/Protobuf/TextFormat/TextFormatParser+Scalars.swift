extension TextFormatParser {
    /// What reading a scalar needs of a field or extension: its type, its enum type's name,
    /// and the name errors use.
    struct ScalarField {
        let name: String
        let type: FieldDescriptorProto.FieldType
        let typeName: String?
    }

    /// A scalar or enum value of `field`'s type, as protoc's parser reads it.
    mutating func parseScalar(_ field: MessageType.Field) throws(TextFormatError) -> DynamicMessage.Value {
        try parseScalar(ScalarField(name: field.name, type: field.type, typeName: field.typeName))
    }

    /// A scalar or enum value of `field`'s type, as protoc's parser reads it.
    mutating func parseScalar(_ field: ScalarField) throws(TextFormatError) -> DynamicMessage.Value {
        switch field.type {
        case .int32, .sint32, .sfixed32: return .int32(Int32(try signedInteger(max: UInt64(Int32.max))))
        case .int64, .sint64, .sfixed64: return .int64(try signedInteger(max: UInt64(Int64.max)))
        case .uint32, .fixed32: return .uint32(UInt32(try unsignedInteger(max: UInt64(UInt32.max))))
        case .uint64, .fixed64: return .uint64(try unsignedInteger(max: .max))
        case .double: return .double(try double())
        case .float: return .float(Float(try double()))
        case .bool: return .bool(try bool(field))
        case .string:
            let bytes = try stringBytes()
            return .string(String(decoding: bytes, as: UTF8.self))
        case .bytes: return .bytes(try stringBytes())
        case .enum: return .enum(try enumNumber(field))
        case .message, .group: throw error(.expectedSymbol("{", found: current.text))
        }
    }

    /// An optional `-` and an integer of magnitude at most `max` (one more when negative).
    private mutating func signedInteger(max: UInt64) throws(TextFormatError) -> Int64 {
        let negative = try consumeIf("-")
        let magnitude = try unsignedInteger(max: max + (negative ? 1 : 0))
        return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
    }

    private mutating func unsignedInteger(max: UInt64) throws(TextFormatError) -> UInt64 {
        guard current.kind == .integer else { throw error(.expected("integer", found: current.text)) }
        guard let value = TextFormatLiterals.integer(current.text, max: max) else { throw error(.integerOutOfRange(current.text)) }
        try advance()
        return value
    }

    /// A decimal integer, a float, or `inf`/`infinity`/`nan` in any case, after an optional `-`.
    private mutating func double() throws(TextFormatError) -> Double {
        let negative = try consumeIf("-")
        let value: Double
        switch current.kind {
        case .integer:
            guard !current.text.hasPrefix("0") || current.text == "0" else {
                throw error(.notDecimal(current.text))
            }
            value = Double(current.text) ?? .infinity
        case .float:
            guard let parsed = TextFormatLiterals.floatingPoint(current.text) else { throw error(.expected("double", found: current.text)) }
            value = parsed
        case .identifier where ["inf", "infinity"].contains(current.text.lowercased()): value = .infinity
        case .identifier where current.text.lowercased() == "nan": value = .nan
        default: throw error(.expected("double", found: current.text))
        }
        try advance()
        return negative ? -value : value
    }

    private mutating func bool(_ field: ScalarField) throws(TextFormatError) -> Bool {
        if current.kind == .integer { return try unsignedInteger(max: 1) == 1 }
        guard current.kind == .identifier else { throw error(.expected("identifier", found: current.text)) }
        let text = current.text
        try advance()
        switch text {
        case "true", "True", "t": return true
        case "false", "False", "f": return false
        default: throw error(.invalidBool(field: field.name, value: text))
        }
    }

    /// One or more adjacent string literals, joined.
    private mutating func stringBytes() throws(TextFormatError) -> [UInt8] {
        guard current.kind == .string else { throw error(.expected("string", found: current.text)) }
        var bytes: [UInt8] = []
        while current.kind == .string {
            guard let piece = TextFormatLiterals.unescape(current.text) else { throw error(.invalidString) }
            bytes += piece
            try advance()
        }
        return bytes
    }

    /// A value name, or a number (any int32 for an open enum; a named one for a closed enum).
    private mutating func enumNumber(_ field: ScalarField) throws(TextFormatError) -> Int32 {
        let enumType = field.typeName.flatMap { pool.enumType($0) }
        if current.kind == .identifier {
            let name = current.text
            try advance()
            guard let number = enumType?.number(named: name) else { throw error(.unknownEnumValue(field: field.name, value: name)) }
            return number
        }
        guard current.kind == .integer || (current.kind == .symbol && current.text == "-") else {
            throw error(.expected("integer or identifier", found: current.text))
        }
        let number = Int32(try signedInteger(max: UInt64(Int32.max)))
        if enumType?.isClosed ?? true, enumType?.contains(number) != true {
            throw error(.unknownEnumValue(field: field.name, value: String(number)))
        }
        return number
    }
}
