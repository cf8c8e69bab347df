/// A strict reader for the part of TOML 1.0 that mock files use: `key = "string"` pairs
/// at the top level, keys bare or quoted, values as any of the four string forms
/// (basic, literal, multi-line basic, multi-line literal), `#` comments and blank lines.
/// Anything else (tables, arrays, numbers, dotted keys, duplicate keys) is an error with
/// its line and column.
struct TOMLStrings {
    /// Pairs in file order.
    private(set) var pairs: [(key: String, value: String, line: Int)] = []

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(parsing text: String) throws(MockFileError) {
        scalars = Array(text.unicodeScalars)
        var seen = Set<String>()
        while true {
            skipBlankAndComments()
            guard index < scalars.count else { break }
            let keyLine = line
            let keyColumn = column
            let key = try readKey()
            skipSpaces()
            if peek == "." { throw error("dotted keys are not supported in mock files") }
            guard peek == "=" else { throw error("expected '=' after the key") }
            index += 1
            skipSpaces()
            let value = try readString()
            try endOfLine()
            guard seen.insert(key).inserted else {
                throw MockFileError("duplicate key \"\(key)\"", line: keyLine, column: keyColumn)
            }
            pairs.append((key, value, keyLine))
        }
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private var column: Int { index - lineStart + 1 }

    private func error(_ message: String) -> MockFileError {
        MockFileError(message, line: line, column: column)
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    private mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { index += 1 }
    }

    private mutating func skipBlankAndComments() {
        while let c = peek {
            if c == " " || c == "\t" || c == "\r" {
                index += 1
            } else if c == "\n" {
                index += 1
                newLine()
            } else if c == "#" {
                while let d = peek, d != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    /// After a value: spaces, an optional comment, then a line end or the end of the file.
    private mutating func endOfLine() throws(MockFileError) {
        skipSpaces()
        if peek == "#" { while let c = peek, c != "\n" { index += 1 } }
        if peek == "\r" { index += 1 }
        guard let c = peek else { return }
        guard c == "\n" else { throw error("expected the end of the line after the value") }
        index += 1
        newLine()
    }

    private mutating func readKey() throws(MockFileError) -> String {
        switch peek {
        case "\"": return try readBasic()
        case "'": return try readLiteral()
        case "[": throw error("tables are not supported in mock files: write `method = \"…\"` pairs")
        default:
            var key = ""
            while let c = peek, Self.isBareKeyScalar(c) {
                key.unicodeScalars.append(c)
                index += 1
            }
            guard !key.isEmpty else { throw error("expected a key") }
            return key
        }
    }

    private static func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private mutating func readString() throws(MockFileError) -> String {
        if startsWith("\"\"\"") { return try readMultiLine("\"\"\"", escapes: true) }
        if startsWith("'''") { return try readMultiLine("'''", escapes: false) }
        switch peek {
        case "\"": return try readBasic()
        case "'": return try readLiteral()
        case nil: throw error("expected a string value")
        default: throw error("mock values are strings (CBOR diagnostic notation), e.g. '\"hello\"' or '{1: 2}'")
        }
    }

    private func startsWith(_ prefix: String) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard index + wanted.count <= scalars.count else { return false }
        return Array(scalars[index..<(index + wanted.count)]) == wanted
    }

    private mutating func readLiteral() throws(MockFileError) -> String {
        index += 1
        var out = ""
        while let c = peek {
            if c == "'" { index += 1; return out }
            if c == "\n" { break }
            try checkControl(c)
            out.unicodeScalars.append(c)
            index += 1
        }
        throw error("unterminated literal string")
    }

    private mutating func readBasic() throws(MockFileError) -> String {
        index += 1
        var out = ""
        while let c = peek {
            if c == "\"" { index += 1; return out }
            if c == "\n" { break }
            if c == "\\" {
                try readEscape(into: &out)
                continue
            }
            try checkControl(c)
            out.unicodeScalars.append(c)
            index += 1
        }
        throw error("unterminated string")
    }

    /// A multi-line string closed by `delimiter` (`"""` basic, with escapes, or `'''`
    /// literal, without).
    private mutating func readMultiLine(_ delimiter: String, escapes: Bool) throws(MockFileError) -> String {
        index += 3
        skipFirstNewline()
        let quote = delimiter.unicodeScalars.first!
        var out = ""
        while index < scalars.count {
            if startsWith(delimiter) {
                index += 3
                // Up to two quotes right before the closing delimiter belong to the string.
                var extra = 0
                while peek == quote, extra < 2 { out.unicodeScalars.append(quote); index += 1; extra += 1 }
                return out
            }
            let c = scalars[index]
            if escapes, c == "\\" {
                if lineEndingBackslash() { continue }
                try readEscape(into: &out)
                continue
            }
            if c == "\n" {
                out += "\n"
                index += 1
                newLine()
                continue
            }
            if c != "\r" { try checkControl(c) }
            out.unicodeScalars.append(c)
            index += 1
        }
        throw error(escapes ? "unterminated multi-line string" : "unterminated multi-line literal string")
    }

    /// A newline right after the opening delimiter is not part of the string.
    private mutating func skipFirstNewline() {
        if startsWith("\r\n") { index += 2; newLine() } else if peek == "\n" { index += 1; newLine() }
    }

    /// `\` followed by blanks up to the end of the line trims all whitespace after it.
    private mutating func lineEndingBackslash() -> Bool {
        var probe = index + 1
        while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" || scalars[probe] == "\r" { probe += 1 }
        guard probe < scalars.count, scalars[probe] == "\n" else { return false }
        index = probe
        while let c = peek, c == " " || c == "\t" || c == "\r" || c == "\n" {
            index += 1
            if c == "\n" { newLine() }
        }
        return true
    }

    private mutating func readEscape(into out: inout String) throws(MockFileError) {
        index += 1
        guard let c = peek else { throw error("unterminated escape") }
        index += 1
        switch c {
        case "b": out += "\u{08}"
        case "t": out += "\t"
        case "n": out += "\n"
        case "f": out += "\u{0C}"
        case "r": out += "\r"
        case "e": out += "\u{1B}"
        case "\"": out += "\""
        case "\\": out += "\\"
        case "u": out.unicodeScalars.append(try readHexScalar(digits: 4))
        case "U": out.unicodeScalars.append(try readHexScalar(digits: 8))
        default:
            index -= 2
            throw error("unknown escape \\\(c)")
        }
    }

    private mutating func readHexScalar(digits: Int) throws(MockFileError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let c = peek, let digit = UInt32(String(c), radix: 16) else { throw error("expected \(digits) hexadecimal digits") }
            value = value << 4 | digit
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("not a Unicode scalar value: \(value)") }
        return scalar
    }

    /// TOML strings may not hold control characters other than tab.
    private func checkControl(_ c: Unicode.Scalar) throws(MockFileError) {
        if (c.value < 0x20 && c != "\t") || c.value == 0x7F {
            throw error("control character U+\(String(c.value, radix: 16, uppercase: true)) in a string")
        }
    }
}
