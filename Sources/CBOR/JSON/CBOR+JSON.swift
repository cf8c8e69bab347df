extension CBOR {
    /// The item converted to JSON text following RFC 8949 §6.1: byte strings
    /// become base64url strings without padding, bignums become numbers,
    /// non-finite floats and simple values other than booleans become `null`,
    /// other tags are dropped in favour of their content, and map keys that are
    /// not text are written as their diagnostic notation.
    public func json() -> String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    private func writeJSON(to out: inout String) {
        switch self {
        case let .unsigned(n): out += String(n)
        case let .negative(n): out += n == .max ? "-18446744073709551616" : "-" + String(n + 1)
        case .bytes, .indefiniteBytes: JSONText.writeString(Base64URL.encode(bytesValue ?? []), to: &out)
        case .text, .indefiniteText: JSONText.writeString(textValue ?? "", to: &out)
        case let .array(elements), let .indefiniteArray(elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.writeJSON(to: &out)
            }
            out += "]"
        case let .map(entries), let .indefiniteMap(entries):
            out += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { out += "," }
                JSONText.writeString(entry.key.textValue ?? entry.key.diagnostic(), to: &out)
                out += ":"
                entry.value.writeJSON(to: &out)
            }
            out += "}"
        case let .tagged(tag, content):
            if (tag == 2 || tag == 3), let magnitude = content.bytesValue {
                out += BigDecimal.string(magnitude: magnitude, negative: tag == 3)
            } else {
                content.writeJSON(to: &out)
            }
        case let .bool(b): out += b ? "true" : "false"
        case .null, .undefined, .simple: out += "null"
        case .half, .float, .double:
            let value = doubleValue ?? .nan
            out += value.isFinite ? JSONText.number(value) : "null"
        }
    }
}

/// JSON text helpers shared by the printer and the parser.
enum JSONText {
    static func writeString(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A finite double as a JSON number: shortest round-trip digits, and a
    /// `.0` on integral values so they read back as floats.
    static func number(_ value: Double) -> String { "\(value)" }
}

/// Base64url without padding (RFC 4648 §5), as RFC 8949 §6.1 asks for byte strings.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var group: UInt32 = 0
            for (shift, byte) in zip([16, 8, 0], chunk) { group |= UInt32(byte) << shift }
            for position in 0...chunk.count {
                out.append(alphabet[Int(group >> (18 - 6 * position) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Decimal text of a bignum magnitude, by repeated division.
enum BigDecimal {
    static func string(magnitude: [UInt8], negative: Bool) -> String {
        // Tag 3 holds n for the value −1 − n: add one to the magnitude first.
        var digits = magnitude.drop { $0 == 0 }.map { $0 }
        if negative { increment(&digits) }
        var decimal: [UInt8] = []
        while !digits.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            for byte in digits {
                let current = remainder * 256 + Int(byte)
                let q = current / 10
                remainder = current % 10
                if !quotient.isEmpty || q > 0 { quotient.append(UInt8(q)) }
            }
            decimal.append(UInt8(remainder) + 0x30)
            digits = quotient
        }
        if decimal.isEmpty { decimal = [0x30] }
        return (negative ? "-" : "") + String(decoding: decimal.reversed(), as: UTF8.self)
    }

    private static func increment(_ digits: inout [UInt8]) {
        for index in digits.indices.reversed() {
            if digits[index] < 0xff { digits[index] += 1; return }
            digits[index] = 0
        }
        digits.insert(1, at: 0)
    }
}
