/// Number and string literals of protobuf text format, read as protoc's tokenizer reads them.
enum TextFormatLiterals {
    /// An integer token: `0x` hex, a leading `0` octal, else decimal; nil above `max`.
    static func integer(_ text: String, max: UInt64) -> UInt64? {
        var digits = Substring(text)
        var radix: UInt64 = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count > 1 && digits.hasPrefix("0") {
            radix = 8
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for character in digits {
            guard let digit = character.hexDigitValue.map({ UInt64($0) }), digit < radix else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            guard !overflow, shifted <= max, digit <= max - shifted else { return nil }
            value = shifted + digit
        }
        return value
    }

    /// A float token without its optional `f` suffix, as a double (out of range: infinity).
    static func floatingPoint(_ text: String) -> Double? {
        var text = Substring(text)
        if text.last == "f" || text.last == "F" { text = text.dropLast() }
        return Double(text)
    }

    /// A quoted string token's bytes: C escapes (`\n \t \a \b \f \v \r \\ \? \' \"`), up to
    /// three octal digits, `\x` with up to two hex digits, `\u` and `\U` code points as UTF-8.
    static func unescape(_ token: String) -> [UInt8]? {
        let bytes = Array(token.utf8.dropFirst().dropLast())
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                continue
            }
            guard index < bytes.count else { return nil }
            let letter = bytes[index]
            index += 1
            switch letter {
            case UInt8(ascii: "a"): result.append(0x07)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0c)
            case UInt8(ascii: "n"): result.append(0x0a)
            case UInt8(ascii: "r"): result.append(0x0d)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "v"): result.append(0x0b)
            case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "\""): result.append(letter)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(letter - UInt8(ascii: "0"))
                for _ in 0..<2 where index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                }
                result.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                guard let value = hexDigits(bytes, &index, count: 2, exact: false) else { return nil }
                result.append(UInt8(value))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                guard let value = hexDigits(bytes, &index, count: letter == UInt8(ascii: "u") ? 4 : 8, exact: true),
                      let scalar = Unicode.Scalar(value) else { return nil }
                result.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: return nil
            }
        }
        return result
    }

    /// Up to (or, with `exact`, exactly) `count` hex digits at `index`; nil when there are none.
    private static func hexDigits(_ bytes: [UInt8], _ index: inout Int, count: Int, exact: Bool) -> UInt32? {
        var value: UInt32 = 0
        var read = 0
        while read < count, index < bytes.count, let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue {
            value = value << 4 | UInt32(digit)
            index += 1
            read += 1
        }
        return read == 0 || (exact && read < count) ? nil : value
    }
}
