extension DiagnosticParser {
    /// `true`, `false`, `null`, `undefined`, `NaN`, `Infinity`, `simple(n)`,
    /// or the prefix of a byte-string literal such as `h'…'`.
    mutating func parseWord() throws(DiagnosticError) -> CBOR {
        let start = scanner.offset
        while let byte = scanner.peek(), Self.isWordByte(byte) { scanner.offset += 1 }
        let word = String(decoding: scanner.bytes[start..<scanner.offset], as: UTF8.self)
        if scanner.peek() == UInt8(ascii: "'") {
            scanner.offset = start
            return try parseStrings()
        }
        switch word {
        case "true": return try withoutIndicator(.bool(true))
        case "false": return try withoutIndicator(.bool(false))
        case "null": return try withoutIndicator(.null)
        case "undefined": return try withoutIndicator(.undefined)
        case "NaN": return try floatItem(.nan, try optionalIndicator())
        case "Infinity": return try floatItem(.infinity, try optionalIndicator())
        case "simple": return try parseSimple()
        default:
            throw .unexpected(found: word, expected: "value", line: scanner.line(at: start), column: scanner.column(at: start))
        }
    }

    private func withoutIndicator(_ value: CBOR) throws(DiagnosticError) -> CBOR {
        if scanner.peek() == UInt8(ascii: "_") {
            throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: scanner.offset)
        }
        return value
    }

    /// The rest of `simple(n)`: 0…19 and 32…255 are simple values, 20…23 the
    /// named ones; 24…31 have no well-formed encoding.
    private mutating func parseSimple() throws(DiagnosticError) -> CBOR {
        try scanner.expect(UInt8(ascii: "("), "'('")
        try scanner.skipSpace()
        let start = scanner.offset
        var value = 0
        while let byte = scanner.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), value <= 255 {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            scanner.offset += 1
        }
        guard scanner.offset > start else { throw scanner.unexpected("simple value number") }
        guard value <= 255, !(24...31).contains(value) else {
            throw scanner.error(DiagnosticError.invalidSimpleValue, at: start)
        }
        try scanner.expect(UInt8(ascii: ")"), "')'")
        switch value {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        default: return .simple(UInt8(value))
        }
    }
}
