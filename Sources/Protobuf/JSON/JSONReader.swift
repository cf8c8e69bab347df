/// Reads JSON text (RFC 8259) into a ``JSONValue``: numbers kept as their literal text,
/// duplicate object keys refused, arrays and objects nested at most `nestingLimit` deep.
struct JSONReader {
    private let bytes: [UInt8]
    private var offset = 0
    private let nestingLimit: Int

    static func read(_ text: String, nestingLimit: Int) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8), nestingLimit: nestingLimit)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.offset == reader.bytes.count else { throw reader.syntax("trailing characters after the value") }
        return value
    }

    private init(bytes: [UInt8], nestingLimit: Int) {
        self.bytes = bytes
        self.nestingLimit = nestingLimit
    }

    private func syntax(_ reason: String) -> JSONParseError {
        .syntax(offset: offset, reason: reason)
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let expected = Array(literal.utf8)
        guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else { throw syntax("expected a value") }
        offset += expected.count
        return value
    }

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard offset < bytes.count else { throw syntax("expected a value, found the end") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            guard depth < nestingLimit else { throw .nestingTooDeep(offset: offset, limit: nestingLimit) }
            offset += 1
            var members: [(String, JSONValue)] = []
            var keys: Set<String> = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object([]) }
            while true {
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw syntax("expected a member name") }
                let keyOffset = offset
                let key = try string()
                guard keys.insert(key).inserted else { throw .duplicateKey(offset: keyOffset, key: key) }
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw syntax("expected ':'") }
                offset += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard offset < bytes.count else { throw syntax("expected ',' or '}', found the end") }
                offset += 1
                if bytes[offset - 1] == UInt8(ascii: "}") { return .object(members) }
                guard bytes[offset - 1] == UInt8(ascii: ",") else { offset -= 1; throw syntax("expected ',' or '}'") }
            }
        case UInt8(ascii: "["):
            guard depth < nestingLimit else { throw .nestingTooDeep(offset: offset, limit: nestingLimit) }
            offset += 1
            var items: [JSONValue] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array([]) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard offset < bytes.count else { throw syntax("expected ',' or ']', found the end") }
                offset += 1
                if bytes[offset - 1] == UInt8(ascii: "]") { return .array(items) }
                guard bytes[offset - 1] == UInt8(ascii: ",") else { offset -= 1; throw syntax("expected ',' or ']'") }
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        default: return try number()
        }
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = offset
        func digits() -> Int {
            let first = offset
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
            return offset - first
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let leading = offset
        guard digits() > 0 else { offset = start; throw syntax("expected a value") }
        if bytes[leading] == 0x30 && offset - leading > 1 { offset = leading; throw syntax("leading zero in a number") }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw syntax("expected digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw syntax("expected exponent digits") }
        }
        return .number(String(decoding: bytes[start..<offset], as: UTF8.self))
    }

    private mutating func string() throws(JSONParseError) -> String {
        offset += 1
        var out: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw syntax("unterminated string") }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw .invalidUTF8(offset: offset) }
                return text
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw syntax("unterminated string") }
                let letter = bytes[offset]
                offset += 1
                switch letter {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(letter)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = UInt32(try hex4())
                    if scalar >= 0xd800 && scalar < 0xdc00 {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else { throw syntax("unpaired surrogate") }
                        offset += 2
                        let low = UInt32(try hex4())
                        guard low >= 0xdc00 && low < 0xe000 else { throw syntax("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                    }
                    guard let character = Unicode.Scalar(scalar) else { throw syntax("unpaired surrogate") }
                    out += Array(String(character).utf8)
                default: offset -= 1; throw syntax("unknown escape")
                }
            case 0..<0x20: offset -= 1; throw syntax("control character in a string")
            default: out.append(byte)
            }
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt16 {
        guard offset + 4 <= bytes.count else { throw syntax("expected four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[offset] | 0x20
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw syntax("expected four hex digits")
            }
            value = value << 4 | UInt16(digit)
            offset += 1
        }
        return value
    }
}
