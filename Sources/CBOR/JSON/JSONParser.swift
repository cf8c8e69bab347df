/// Why JSON text could not be converted to CBOR, with 1-based line and column.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected or found.
    public let message: String
    public let line: Int
    public let column: Int

    public var description: String { "JSON error at line \(line), column \(column): \(message)" }
}

extension CBOR {
    /// Converts JSON text (RFC 8259) to CBOR as RFC 8949 §6.2 suggests: numbers
    /// without fraction or exponent become integers (bignums beyond 64 bits),
    /// other numbers the shortest exact float; objects become maps with text keys.
    public init(json: String, maxNesting: Int = 256) throws(JSONParseError) {
        var parser = JSONParser(Array(json.utf8), maxNesting: maxNesting)
        self = try parser.parseDocument()
    }
}

/// A recursive-descent JSON parser with a nesting bound.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private let maxNesting: Int

    init(_ bytes: [UInt8], maxNesting: Int) {
        self.bytes = bytes
        self.maxNesting = maxNesting
    }

    mutating func parseDocument() throws(JSONParseError) -> CBOR {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error("unexpected text after the value") }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> CBOR {
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a value, found the end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .text(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> CBOR {
        if depth >= maxNesting { throw error("nesting deeper than \(maxNesting)") }
        index += 1
        var entries: [(key: CBOR, value: CBOR)] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .map(entries) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw error("expected ':'") }
            entries.append((.text(key), try parseValue(depth: depth + 1)))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw error("expected ',' or '}'") }
        return .map(entries)
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> CBOR {
        if depth >= maxNesting { throw error("nesting deeper than \(maxNesting)") }
        index += 1
        var elements: [CBOR] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw error("expected ',' or ']'") }
        return .array(elements)
    }

    /// A string's UTF-8 checked once, at the end: runs between escapes are copied as
    /// bytes, escapes appended as UTF-8 (a string without escapes is one slice).
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var unescaped: [UInt8]?
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String?
                if var buffer = unescaped {
                    buffer.append(contentsOf: bytes[runStart..<index])
                    text = String(validating: buffer, as: UTF8.self)
                } else {
                    text = String(validating: bytes[start..<index], as: UTF8.self)
                }
                guard let text else { throw error("invalid UTF-8 in string") }
                index += 1
                return text
            }
            if byte < 0x20 { throw error("control character in string") }
            if byte == UInt8(ascii: "\\") {
                var buffer = unescaped.take() ?? []
                buffer.append(contentsOf: bytes[runStart..<index])
                index += 1
                UTF8.encode(try parseEscape()) { buffer.append($0) }
                unescaped = buffer
                runStart = index
            } else {
                index += 1
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{c}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xd800..<0xdc00).contains(high) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw error("lone surrogate") }
                let low = try parseHex4()
                guard (0xdc00..<0xe000).contains(low) else { throw error("invalid low surrogate") }
                return Unicode.Scalar(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("lone surrogate") }
            return scalar
        default:
            throw error("invalid escape")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexDigit(bytes[index]) else { throw error("invalid hex digit") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? { Hex.value(of: c) }

    private mutating func parseNumber() throws(JSONParseError) -> CBOR {
        let start = index
        var isInteger = true
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if try digits() > 0 { throw error("leading zero in a number") }
        } else if try digits() == 0 {
            throw error("expected digits")
        }
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard try digits() > 0 else { throw error("expected digits after '.'") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            isInteger = false
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard try digits() > 0 else { throw error("expected exponent digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Self.integer(text) { return value }
        guard let double = Double(text), double.isFinite else { throw error("number out of range") }
        return .preferredFloat(double)
    }

    private mutating func digits() throws(JSONParseError) -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    /// An integer literal as a CBOR integer, or a bignum tag when it needs more than 64 bits.
    private static func integer(_ text: String) -> CBOR? {
        let negative = text.hasPrefix("-")
        let magnitudeDigits = negative ? text.dropFirst() : Substring(text)
        if let n = UInt64(magnitudeDigits) {
            if !negative { return .unsigned(n) }
            return n == 0 ? .unsigned(0) : .negative(n - 1)
        }
        // Beyond 64 bits: a bignum; tag 3 holds n for the value −1 − n.
        let digits = magnitudeDigits.utf8.map { $0 - UInt8(ascii: "0") }
        let magnitude = BigMagnitude.magnitude(digits: digits, radix: 10)
        guard negative else { return .tagged(2, .bytes(magnitude)) }
        let n = BigMagnitude.decremented(magnitude)
        return BigMagnitude.uint64(n).map { .negative($0) } ?? .tagged(3, .bytes(n))
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let matches = bytes.count - index >= count && word.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        guard matches else { throw error("expected \(word)") }
        index += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONParseError {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0a { line += 1; column = 1 } else if byte & 0xc0 != 0x80 { column += 1 }
        }
        return JSONParseError(message: message, line: line, column: column)
    }
}
