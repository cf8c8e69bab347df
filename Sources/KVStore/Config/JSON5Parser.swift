import CBOR

/// Why JSON5 text could not be read, with the byte offset.
public struct JSON5Error: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let message: String
    public var description: String { "JSON5 error at byte \(offset): \(message)" }
}

/// A JSON5 reader (https://spec.json5.org) for configuration files, producing the CBOR
/// value model: comments, unquoted keys, single-quoted strings, trailing commas, hex and
/// signed numbers. Numbers with a fraction or exponent become doubles. Nesting is bounded.
struct JSON5Parser {
    private let bytes: [UInt8]
    private var position = 0
    private let nestingMax: Int

    static func parse(_ text: String, nestingMax: Int = 64) throws(JSON5Error) -> CBOR {
        var parser = JSON5Parser(bytes: Array(text.utf8), nestingMax: nestingMax)
        let value = try parser.value(depth: 0)
        try parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw parser.fail("trailing characters") }
        return value
    }

    private init(bytes: [UInt8], nestingMax: Int) {
        self.bytes = bytes
        self.nestingMax = nestingMax
    }

    private mutating func value(depth: Int) throws(JSON5Error) -> CBOR {
        guard depth <= nestingMax else { throw fail("nested too deeply") }
        try skipSpace()
        guard let byte = peek() else { throw fail("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .text(try string())
        default:
            let word = identifier()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "": return try number()
            default:
                position -= word.utf8.count
                return try number()
            }
        }
    }

    private mutating func object(depth: Int) throws(JSON5Error) -> CBOR {
        position += 1
        var entries: [(key: CBOR, value: CBOR)] = []
        while true {
            try skipSpace()
            if peek() == UInt8(ascii: "}") { position += 1; return .map(entries) }
            let key: String
            if let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                key = try string()
            } else {
                key = identifier()
                guard !key.isEmpty else { throw fail("expected a key") }
            }
            try skipSpace()
            guard peek() == UInt8(ascii: ":") else { throw fail("expected ':'") }
            position += 1
            entries.append((.text(key), try value(depth: depth + 1)))
            try skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            guard peek() == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
        }
    }

    private mutating func array(depth: Int) throws(JSON5Error) -> CBOR {
        position += 1
        var items: [CBOR] = []
        while true {
            try skipSpace()
            if peek() == UInt8(ascii: "]") { position += 1; return .array(items) }
            items.append(try value(depth: depth + 1))
            try skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            guard peek() == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
        }
    }

    private mutating func string() throws(JSON5Error) -> String {
        let quote = bytes[position]
        position += 1
        var out: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == quote { return String(decoding: out, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard let escaped = peek() else { break }
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "0"): out.append(0)
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw fail("bad \\u escape") }
                position += 4
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            case 0x0A: break  // line continuation
            default: out.append(escaped)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func number() throws(JSON5Error) -> CBOR {
        let start = position
        while let byte = peek(), byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        {
            position += 1
        }
        var text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !text.isEmpty else { throw fail("unexpected character") }
        var negative = false
        if text.hasPrefix("+") || text.hasPrefix("-") {
            negative = text.hasPrefix("-")
            text.removeFirst()
        }
        if text.lowercased().hasPrefix("0x"), let magnitude = UInt64(text.dropFirst(2), radix: 16) {
            return negative ? .negative(magnitude &- 1) : .unsigned(magnitude)
        }
        if let magnitude = UInt64(text) {
            guard negative else { return .unsigned(magnitude) }
            guard magnitude > 0 else { return .unsigned(0) }
            return .negative(magnitude - 1)
        }
        if let double = Double(text) { return .double(negative ? -double : double) }
        position = start
        throw fail("not a number: \(text)")
    }

    private mutating func identifier() -> String {
        let start = position
        while let byte = peek(), byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        {
            if position == start, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpace() throws(JSON5Error) {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while let next = peek(), next != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) { position += 1 }
                guard position + 1 < bytes.count else { throw fail("unterminated comment") }
                position += 2
            } else {
                return
            }
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func fail(_ message: String) -> JSON5Error { JSON5Error(offset: position, message: message) }
}
