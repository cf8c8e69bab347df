/// One PEM block (RFC 7468): its label and the DER bytes of its base64 body.
struct PEMBlock {
    let label: String
    let der: [UInt8]

    /// The first block in `text`. Header lines (`Proc-Type: …`) mark legacy encryption.
    init(parsing text: String) throws(PEMError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
        guard let beginIndex = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            throw .noPEMBlock
        }
        let label = String(lines[beginIndex].dropFirst(11).dropLast(5))
        guard let endIndex = lines[(beginIndex + 1)...].firstIndex(of: "-----END \(label)-----") else {
            throw .noPEMBlock
        }
        let body = lines[(beginIndex + 1)..<endIndex]
        if body.contains(where: { $0.contains(":") }) { throw .encrypted }
        guard let der = Base64.decode(body.joined().utf8) else { throw .invalidBase64 }
        self.label = label
        self.der = der
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// Standard base64 (RFC 4648 §4) with optional `=` padding.
enum Base64 {
    static func decode(_ characters: some Sequence<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bitCount = 0
        var padding = 0
        var dataCount = 0
        for character in characters {
            if character == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = sextet(character) else { return nil }
            dataCount += 1
            buffer = buffer << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
            }
            buffer &= (1 << UInt32(bitCount)) - 1
        }
        // Padding, when present, completes the last quantum exactly; one lone character is never valid.
        guard dataCount % 4 != 1 else { return nil }
        guard padding == 0 || (padding <= 2 && (dataCount + padding) % 4 == 0) else { return nil }
        return output
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
