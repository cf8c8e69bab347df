import CBOR

/// Turns the tool's input bytes into a CBOR value, naming where bad input is wrong.
struct InputDecoder {
    let options: CBORDecodingOptions

    func decode(_ input: [UInt8], as format: InputFormat) throws -> CBOR {
        switch format {
        case .bytes:
            return try decodeBinary(input, what: "CBOR")
        case .hex:
            return try decodeBinary(try Hex.decode(input), what: "CBOR (from hex)")
        case .diag:
            do { return try CBOR(diagnostic: try text(input)) } catch { throw ToolError("diagnostic notation: \(error)") }
        case .json:
            do { return try CBOR(json: try text(input)) } catch { throw ToolError("\(error)") }
        case .auto:
            // Hex first, then diagnostic notation, then binary: text that is both
            // diagnostic notation and binary CBOR (say "1") is far more often meant as text.
            if let bytes = try? Hex.decode(input), !bytes.isEmpty { return try decodeBinary(bytes, what: "CBOR (from hex)") }
            if let text = String(validating: input, as: UTF8.self), let value = try? CBOR(diagnostic: text) { return value }
            if let value = try? CBOR(decoding: input, options: options) { return value }
            throw ToolError("input is neither hex, CBOR nor diagnostic notation; name the format with --from")
        }
    }

    private func decodeBinary(_ bytes: [UInt8], what: String) throws -> CBOR {
        do {
            return try CBOR(decoding: bytes, options: options)
        } catch {
            throw ToolError("\(what): \(error)")
        }
    }

    private func text(_ input: [UInt8]) throws -> String {
        guard let text = String(validating: input, as: UTF8.self) else { throw ToolError("input is not UTF-8 text") }
        return text
    }
}

/// Hex text to bytes and back; whitespace, an optional `0x` and `#` comments are ignored.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] }, as: UTF8.self)
    }

    static func decode(_ input: [UInt8]) throws -> [UInt8] {
        var nibbles: [UInt8] = []
        var index = 0
        while index < input.count {
            let c = input[index]
            switch c {
            case UInt8(ascii: "0") where index + 1 < input.count && (input[index + 1] | 0x20) == UInt8(ascii: "x"):
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibbles.append(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibbles.append(c - UInt8(ascii: "A") + 10)
            case 0x20, 0x09, 0x0a, 0x0d: break
            case UInt8(ascii: "#"): while index < input.count && input[index] != 0x0a { index += 1 }
            default: throw ToolError("hex: unexpected character at byte \(index)")
            }
            index += 1
        }
        guard nibbles.count % 2 == 0 else { throw ToolError("hex: odd number of digits") }
        return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }
}
