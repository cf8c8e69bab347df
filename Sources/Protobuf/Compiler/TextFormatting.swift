#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How protoc spells names and default values in descriptors.
enum TextFormatting {
    /// protoc's `ToJsonName`: underscores dropped, the letter after each one upper-cased.
    static func jsonName(_ name: String) -> String {
        var result = ""
        var capitalizeNext = false
        for character in name {
            if character == "_" {
                capitalizeNext = true
            } else if capitalizeNext {
                result += character.isASCII ? character.uppercased() : String(character)
                capitalizeNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// protoc's `EnumValueToPascalCase`: words split at underscores, each capitalized, the rest lower-cased.
    static func pascalCase(_ name: String) -> String {
        name.split(separator: "_").map { word in word.prefix(1).uppercased() + word.dropFirst().lowercased() }.joined()
    }

    /// protoc's `SimpleDtoa`: `%.15g`, or `%.17g` when that does not read back exactly.
    static func double(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let short = printf("%.15g", value)
        return Double(short) == value ? short : printf("%.17g", value)
    }

    /// protoc's `SimpleFtoa`: `%.6g`, or `%.9g` when that does not read back exactly.
    static func float(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let short = printf("%.6g", Double(value))
        return Float(short) == value ? short : printf("%.9g", Double(value))
    }

    private static func printf(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, format, arguments) }
        }
        return String(decoding: buffer.prefix(Int(max(0, min(count, 63)))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// protoc's `CEscape`: `\n \r \t \" \' \\` by name, other bytes outside printable ASCII as three octal digits.
    static func cEscape(_ bytes: [UInt8]) -> String {
        var result = ""
        for byte in bytes {
            switch byte {
            case 0x0a: result += "\\n"
            case 0x0d: result += "\\r"
            case 0x09: result += "\\t"
            case 0x22: result += "\\\""
            case 0x27: result += "\\'"
            case 0x5c: result += "\\\\"
            case 0x20..<0x7f: result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result
    }
}
