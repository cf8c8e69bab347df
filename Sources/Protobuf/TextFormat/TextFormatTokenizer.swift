/// Splits protobuf text format into tokens as protoc's `io::Tokenizer` does for it:
/// identifiers, integers (decimal, `0x` hex, `0` octal), floats (with an optional `f`
/// suffix), quoted strings, one-character symbols; `#` comments and whitespace skipped.
struct TextFormatTokenizer {
    enum Kind: Equatable {
        case identifier, integer, float, string, symbol, end
    }

    struct Token {
        var kind: Kind
        /// The token's source text (strings with their quotes).
        var text: String
        /// From 0, as protoc counts: tabs advance to the next multiple of 8.
        var line: Int
        var column: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 0
    private var column = 0
    /// The token not yet consumed.
    private(set) var current: Token

    init(_ text: String) throws(TextFormatError) {
        bytes = Array(text.utf8)
        current = Token(kind: .end, text: "", line: 0, column: 0)
        try advance()
    }

    /// Moves to the next token.
    mutating func advance() throws(TextFormatError) {
        skipBlanks()
        let start = index
        let (startLine, startColumn) = (line, column)
        guard index < bytes.count else {
            current = Token(kind: .end, text: "", line: line, column: column)
            return
        }
        let kind: Kind
        let byte = bytes[index]
        if Self.isLetter(byte) {
            while index < bytes.count && (Self.isLetter(bytes[index]) || Self.isDigit(bytes[index])) { step() }
            kind = .identifier
        } else if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && index + 1 < bytes.count && Self.isDigit(bytes[index + 1])) {
            kind = scanNumber()
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            try scanString(quote: byte)
            kind = .string
        } else {
            step()
            kind = .symbol
        }
        current = Token(kind: kind, text: String(decoding: bytes[start..<index], as: UTF8.self), line: startLine, column: startColumn)
    }

    private mutating func step() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 0
        } else if bytes[index] == UInt8(ascii: "\t") {
            column += 8 - column % 8
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipBlanks() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0b, 0x0c: step()
            case UInt8(ascii: "#"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { step() }
            default: return
            }
        }
    }

    private mutating func scanNumber() -> Kind {
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            step()
            step()
            while index < bytes.count && Self.isHexDigit(bytes[index]) { step() }
            return .integer
        }
        var kind = Kind.integer
        while index < bytes.count && Self.isDigit(bytes[index]) { step() }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            kind = .float
            step()
            while index < bytes.count && Self.isDigit(bytes[index]) { step() }
        }
        if index < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "e") {
            kind = .float
            step()
            if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) { step() }
            while index < bytes.count && Self.isDigit(bytes[index]) { step() }
        }
        if index < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "f") {
            kind = .float
            step()
        }
        return kind
    }

    private mutating func scanString(quote: UInt8) throws(TextFormatError) {
        step()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                step()
                return
            }
            if byte == UInt8(ascii: "\n") { break }
            step()
            if byte == UInt8(ascii: "\\") && index < bytes.count { step() }
        }
        throw TextFormatError(line: line + 1, column: column + 1, reason: .unterminatedString(atLineEnd: index < bytes.count))
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
