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
        case .bytes, .indefiniteBytes: out += DiagnosticFormatting.standardText(Base64URL.encode(bytesValue ?? []))
        case .text, .indefiniteText: out += DiagnosticFormatting.standardText(textValue ?? "")
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
                out += DiagnosticFormatting.standardText(entry.key.textValue ?? entry.key.diagnostic())
                out += ":"
                entry.value.writeJSON(to: &out)
            }
            out += "}"
        case let .tagged(tag, content):
            if (tag == 2 || tag == 3), let magnitude = content.bytesValue {
                // Tag 3 holds n for the value −1 − n.
                out += tag == 3 ? "-" + BigMagnitude.decimal(BigMagnitude.incremented(magnitude)) : BigMagnitude.decimal(magnitude)
            } else {
                content.writeJSON(to: &out)
            }
        case let .bool(b): out += b ? "true" : "false"
        case .null, .undefined, .simple: out += "null"
        case .half, .float, .double:
            let value = doubleValue ?? .nan
            // Shortest round-trip digits; integral values keep ".0" and read back as floats.
            out += value.isFinite ? "\(value)" : "null"
        }
    }
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
