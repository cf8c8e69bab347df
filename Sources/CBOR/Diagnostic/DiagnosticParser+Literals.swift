extension DiagnosticParser {
    /// A `"…"` or `'…'` literal at the cursor, as UTF-8 bytes with escapes resolved.
    mutating func parseQuoted() throws(DiagnosticError) -> [UInt8] {
        let start = scanner.offset
        let quote = scanner.bytes[start]
        scanner.offset += 1
        var out: [UInt8] = []
        while true {
            guard let byte = scanner.peek() else { throw scanner.error(DiagnosticError.unterminatedString, at: start) }
            scanner.offset += 1
            if byte == quote { return out }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &out, backslash: scanner.offset - 1)
            } else {
                out.append(byte)
            }
        }
    }

    /// JSON escapes plus `\'` and `\u{…}` (draft-ietf-cbor-edn-literals).
    private mutating func parseEscape(into out: inout [UInt8], backslash: Int) throws(DiagnosticError) {
        guard let escape = scanner.peek() else { throw scanner.error(DiagnosticError.invalidEscape, at: backslash) }
        scanner.offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard let scalar = parseUnicodeEscape() else { throw scanner.error(DiagnosticError.invalidEscape, at: backslash) }
            UTF8.encode(scalar) { out.append($0) }
        default:
            throw scanner.error(DiagnosticError.invalidEscape, at: backslash)
        }
    }

    /// After `\u`: `{h…}` with 1–6 hex digits, or four hex digits (a surrogate pair as two escapes).
    private mutating func parseUnicodeEscape() -> Unicode.Scalar? {
        if scanner.consume(UInt8(ascii: "{")) {
            let start = scanner.offset
            guard let value = hexNumber(maxDigits: 6), scanner.offset > start,
                  scanner.consume(UInt8(ascii: "}")) else { return nil }
            return Unicode.Scalar(value)
        }
        guard let high = fourHexDigits() else { return nil }
        guard (0xd800...0xdbff).contains(high) else { return Unicode.Scalar(high) }
        guard scanner.consume("\\u"), let low = fourHexDigits(), (0xdc00...0xdfff).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + (high - 0xd800) << 10 + (low - 0xdc00))
    }

    private mutating func fourHexDigits() -> UInt32? {
        let start = scanner.offset
        guard let value = hexNumber(maxDigits: 4), scanner.offset - start == 4 else { return nil }
        return value
    }

    private mutating func hexNumber(maxDigits: Int) -> UInt32? {
        var value: UInt32 = 0
        var count = 0
        while count < maxDigits, let byte = scanner.peek(), let digit = Self.hexValue(byte) {
            value = value << 4 | UInt32(digit)
            scanner.offset += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    static func hexValue(_ byte: UInt8) -> UInt8? { Hex.value(of: byte) }

    /// The body of `h'…'` (cursor on the quote): hex digits with blanks and comments between.
    mutating func parseHex(literalStart: Int) throws(DiagnosticError) -> [UInt8] {
        scanner.offset += 1
        var out: [UInt8] = []
        var high: UInt8?
        while true {
            try scanner.skipSpace()
            guard let byte = scanner.peek() else { throw scanner.error(DiagnosticError.unterminatedString, at: literalStart) }
            if byte == UInt8(ascii: "'") {
                guard high == nil else { throw scanner.error(DiagnosticError.invalidHex, at: scanner.offset) }
                scanner.offset += 1
                return out
            }
            guard let nibble = Self.hexValue(byte) else { throw scanner.error(DiagnosticError.invalidHex, at: scanner.offset) }
            scanner.offset += 1
            if let first = high {
                out.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
    }

    /// The body of `b64'…'` (cursor on the quote): base64 or base64url, padding optional, blanks allowed.
    mutating func parseBase64(literalStart: Int) throws(DiagnosticError) -> [UInt8] {
        scanner.offset += 1
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var sextets = 0
        var padded = false
        while true {
            guard let byte = scanner.peek() else { throw scanner.error(DiagnosticError.unterminatedString, at: literalStart) }
            if byte == UInt8(ascii: "'") {
                guard sextets % 4 != 1 else { throw scanner.error(DiagnosticError.invalidBase64, at: scanner.offset) }
                scanner.offset += 1
                return out
            }
            defer { scanner.offset += 1 }
            if [0x20, 0x09, 0x0a, 0x0d].contains(byte) { continue }
            if byte == UInt8(ascii: "=") { padded = true; continue }
            guard !padded, let value = Self.base64Value(byte) else {
                throw scanner.error(DiagnosticError.invalidBase64, at: scanner.offset)
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            sextets += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
