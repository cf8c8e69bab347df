/// Splits `.proto` source into tokens the way protoc's tokenizer does: C++-style
/// comments, identifiers, decimal/octal/hex integers, floats, quoted strings with C
/// escapes, and single-character symbols. Columns advance to the next multiple of 8 on a tab.
struct Tokenizer {
    /// Source files larger than this are refused before tokenizing.
    static let sourceBytesMax = 64 << 20

    private let source: [UInt8]
    private let file: String
    private var index = 0
    private var line = 0
    private var column = 0

    init(source: [UInt8], file: String) {
        self.source = source
        self.file = file
    }

    /// All tokens, ending with one of kind `.end`.
    static func tokenize(_ source: [UInt8], file: String) throws(ProtoError) -> [Token] {
        guard source.count <= sourceBytesMax else {
            throw ProtoError(file, SourcePosition(line: 0, column: 0), .invalidToken("file is larger than \(sourceBytesMax) bytes"))
        }
        var tokenizer = Tokenizer(source: source, file: file)
        var tokens: [Token] = []
        while true {
            let token = try tokenizer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var current: UInt8? { index < source.count ? source[index] : nil }

    private func peek(_ ahead: Int) -> UInt8? {
        index + ahead < source.count ? source[index + ahead] : nil
    }

    private mutating func advance() {
        guard let byte = current else { return }
        index += 1
        switch byte {
        case UInt8(ascii: "\n"):
            line += 1
            column = 0
        case UInt8(ascii: "\t"):
            column += 8 - column % 8
        default:
            column += 1
        }
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private func error(_ why: String, at position: SourcePosition? = nil) -> ProtoError {
        ProtoError(file, position ?? self.position, .invalidToken(why))
    }

    private mutating func skipWhitespaceAndComments() throws(ProtoError) {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x0b || byte == 0x0c {
                advance()
            } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                while let next = current, next != 0x0a { advance() }
            } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = position
                advance()
                advance()
                while true {
                    guard let next = current else { throw error("end of file inside a block comment", at: start) }
                    if next == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        advance()
                        advance()
                        break
                    }
                    advance()
                    if next == UInt8(ascii: "/") && current == UInt8(ascii: "*") {
                        throw error("\"/*\" inside block comment; block comments cannot be nested")
                    }
                }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(ProtoError) -> Token {
        try skipWhitespaceAndComments()
        let start = position
        let startIndex = index
        guard let byte = current else {
            return Token(kind: .end, text: "", position: start, endColumn: start.column, startOffset: index, endOffset: index)
        }
        var kind: Token.Kind
        var bytes: [UInt8] = []
        if byte.isLetter || byte == UInt8(ascii: "_") {
            while let next = current, next.isLetter || next.isDigit || next == UInt8(ascii: "_") { advance() }
            kind = .identifier
        } else if byte.isDigit || (byte == UInt8(ascii: ".") && (peek(1)?.isDigit ?? false)) {
            kind = try readNumber(start: start)
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            bytes = try readString(quote: byte, start: start)
            kind = .string
        } else if byte >= 0x21 && byte < 0x7f {
            advance()
            kind = .symbol
        } else {
            throw error("invalid character \(byte) in source")
        }
        let text = String(decoding: source[startIndex..<index], as: UTF8.self)
        return Token(
            kind: kind, text: text, position: start, endColumn: column, startOffset: startIndex, endOffset: index, bytes: bytes)
    }

    private mutating func readNumber(start: SourcePosition) throws(ProtoError) -> Token.Kind {
        var kind = Token.Kind.integer
        if current == UInt8(ascii: "0") && (peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X")) {
            advance()
            advance()
            guard current?.isHexDigit ?? false else { throw error("\"0x\" must be followed by hex digits") }
            while let next = current, next.isHexDigit { advance() }
        } else if current == UInt8(ascii: "0") && (peek(1)?.isDigit ?? false) {
            advance()
            while let next = current, next.isDigit {
                guard next < UInt8(ascii: "8") else { throw error("numbers starting with leading zero must be in octal") }
                advance()
            }
        } else {
            while let next = current, next.isDigit { advance() }
            if current == UInt8(ascii: ".") {
                kind = .float
                advance()
                while let next = current, next.isDigit { advance() }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                kind = .float
                advance()
                if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") { advance() }
                guard current?.isDigit ?? false else { throw error("\"e\" must be followed by exponent") }
                while let next = current, next.isDigit { advance() }
            }
        }
        if let next = current, next.isLetter || next == UInt8(ascii: "_") || next == UInt8(ascii: ".") {
            throw error("need space between number and identifier")
        }
        return kind
    }

    private mutating func readString(quote: UInt8, start: SourcePosition) throws(ProtoError) -> [UInt8] {
        advance()
        var bytes: [UInt8] = []
        while true {
            guard let byte = current, byte != 0x0a else { throw error("string literals cannot cross line boundaries") }
            advance()
            if byte == quote { return bytes }
            if byte != UInt8(ascii: "\\") {
                bytes.append(byte)
                continue
            }
            try readEscape(into: &bytes)
        }
    }

    private mutating func readEscape(into bytes: inout [UInt8]) throws(ProtoError) {
        let escapeStart = position
        guard let letter = current else { throw error("string literal is not terminated") }
        advance()
        switch letter {
        case UInt8(ascii: "a"): bytes.append(0x07)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0c)
        case UInt8(ascii: "n"): bytes.append(0x0a)
        case UInt8(ascii: "r"): bytes.append(0x0d)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "v"): bytes.append(0x0b)
        case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "\""): bytes.append(letter)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(letter - UInt8(ascii: "0"))
            for _ in 0..<2 {
                guard let digit = current, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { break }
                value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
                advance()
            }
            bytes.append(UInt8(truncatingIfNeeded: value))
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            guard current?.isHexDigit ?? false else { throw error("\"\\x\" must be followed by hex digits", at: escapeStart) }
            var value: UInt8 = 0
            for _ in 0..<2 {
                guard let digit = current, let nibble = digit.hexValue else { break }
                value = value << 4 | nibble
                advance()
            }
            bytes.append(value)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = current, let nibble = digit.hexValue else {
                    throw error("expected \(count) hex digits for a unicode escape", at: escapeStart)
                }
                value = value << 4 | UInt32(nibble)
                advance()
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("invalid unicode escape", at: escapeStart) }
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape sequence in string literal", at: escapeStart)
        }
    }
}

extension UInt8 {
    var isLetter: Bool { (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a) }
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { hexValue != nil }
    var hexValue: UInt8? {
        switch self {
        case 0x30...0x39: return self - 0x30
        case 0x61...0x66: return self - 0x61 + 10
        case 0x41...0x46: return self - 0x41 + 10
        default: return nil
        }
    }
}
