/// The spelling of single literals (numbers, strings, floats) shared by both
/// diagnostic styles.
enum DiagnosticFormatting {
    /// Lowercase hex, two digits a byte.
    static func hex(_ bytes: some Collection<UInt8>) -> String { Hex.encode(bytes) }

    /// The integer −1 − `n` in decimal; works for `n` = 2⁶⁴ − 1.
    static func negative(_ n: UInt64) -> String {
        n == .max ? "-18446744073709551616" : "-\(n + 1)"
    }

    // MARK: Text

    /// A JSON-style double-quoted string (RFC 8949 §8): `"` and `\` escaped,
    /// control characters as `\n`, `\t`…, or `\u00XX`; everything else as is.
    static func standardText(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\u{0}"..."\u{1f}":
                out += "\\u00" + hex([UInt8(scalar.value)])
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A text string as cbor-edn writes it: C0 controls escaped except the
    /// newline (kept raw), `'` as `\u{27}`.
    static func cborDiagText(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "'": out += "\\u{27}"
            case "\n": out += "\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\u{0}"..."\u{1f}": out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A byte string as cbor-edn writes it: `'…'` when the bytes are UTF-8
    /// without control characters (C0, DEL, C1), else `h'…'`.
    static func cborDiagBytes(_ bytes: [UInt8]) -> String {
        guard let text = String(validating: bytes, as: UTF8.self),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
        else { return "h'" + hex(bytes) + "'" }
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\"": out += "\\u{22}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    // MARK: Floats

    /// RFC 8949 §8 style: shortest round-trip digits, always with a decimal
    /// point or an exponent (`1.5`, `100000.0`, `1.0e+300`), or `Infinity`,
    /// `-Infinity`, `NaN`.
    static func standardFloat(_ value: Double) -> String {
        if let special = specialFloat(value) { return special }
        let decimal = ShortestDecimal(value)
        // Swift's `description` decides between positional and exponent notation.
        guard value.description.contains("e"), !decimal.digits.isEmpty else { return positionalFloat(value) }
        let digits = decimal.digits
        let exponent = decimal.pointPosition - 1
        let exponentDigits = String(exponent.magnitude)
        var out = value.sign == .minus ? "-" : ""
        out += String(digits.prefix(1)) + "." + (digits.count > 1 ? String(digits.dropFirst()) : "0")
        out += "e" + (exponent < 0 ? "-" : "+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        return out
    }

    /// Positional notation with the shortest round-trip digits of the double,
    /// as Rust's `{}` prints an `f64`, with `.0` added when there is no point:
    /// `0.00000005960464477539063`, `340282346638528860000000000000000000000.0`.
    static func positionalFloat(_ value: Double) -> String {
        if let special = specialFloat(value) { return special }
        let decimal = ShortestDecimal(value)
        let digits = decimal.digits
        let point = decimal.pointPosition
        var out = value.sign == .minus ? "-" : ""
        if digits.isEmpty {
            out += "0.0"
        } else if point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            out += digits + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            let split = digits.index(digits.startIndex, offsetBy: point)
            out += digits[..<split] + "." + digits[split...]
        }
        return out
    }

    private static func specialFloat(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return nil
    }
}
