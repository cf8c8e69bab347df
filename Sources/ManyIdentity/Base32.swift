/// RFC 4648 base32 without padding, lowercase, as MANY writes addresses.
enum Base32 {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Encodes `bytes`: ⌈8n/5⌉ characters.
    static func encode(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int(buffer >> UInt32(bitCount) & 0x1f)])
            }
            buffer &= (1 << UInt32(bitCount)) - 1
        }
        if bitCount > 0 {
            output.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 0x1f)])
        }
        return output
    }

    /// Decodes lowercase base32: ⌊5n/8⌋ bytes, leftover bits dropped (the caller checks
    /// that the text is canonical). Returns the offset of the first bad character on failure.
    static func decode(_ characters: some Sequence<UInt8>) -> Result<[UInt8], BadCharacter> {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bitCount = 0
        for (offset, character) in characters.enumerated() {
            let value: UInt8
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default: return .failure(BadCharacter(offset: offset))
            }
            buffer = buffer << 5 | UInt32(value)
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
            }
            buffer &= (1 << UInt32(bitCount)) - 1
        }
        return .success(output)
    }

    struct BadCharacter: Error {
        let offset: Int
    }
}
