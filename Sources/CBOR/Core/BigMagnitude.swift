/// Unsigned integers of any size as minimal big-endian bytes (the content of
/// bignum tags 2 and 3), converted to and from digit strings.
enum BigMagnitude {
    /// The decimal digits of a big-endian magnitude (`"0"` for no bytes or zeros).
    static func decimal(_ bytes: [UInt8]) -> String {
        // Little-endian 32-bit limbs, divided by 10⁹ until nothing is left.
        var limbs = limbsFromBytes(bytes)
        var chunks: [UInt32] = []
        while !limbs.isEmpty {
            var remainder: UInt64 = 0
            for index in limbs.indices.reversed() {
                let current = remainder << 32 | UInt64(limbs[index])
                limbs[index] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while limbs.last == 0 { limbs.removeLast() }
        }
        guard let last = chunks.last else { return "0" }
        var out = String(last)
        for chunk in chunks.dropLast().reversed() {
            let text = String(chunk)
            out += String(repeating: "0", count: 9 - text.count) + text
        }
        return out
    }

    /// The minimal big-endian bytes of a number given as digit values
    /// (each below `radix`), most significant first.
    static func magnitude(digits: [UInt8], radix: UInt32) -> [UInt8] {
        var limbs: [UInt32] = []
        for digit in digits {
            var carry = UInt64(digit)
            for index in limbs.indices {
                let current = UInt64(limbs[index]) * UInt64(radix) + carry
                limbs[index] = UInt32(truncatingIfNeeded: current)
                carry = current >> 32
            }
            if carry != 0 { limbs.append(UInt32(carry)) }
        }
        return bytesFromLimbs(limbs)
    }

    /// `bytes` + 1, minimal.
    static func incremented(_ bytes: [UInt8]) -> [UInt8] {
        var result = Array(bytes.drop { $0 == 0 })
        for index in result.indices.reversed() {
            if result[index] < 0xff { result[index] += 1; return result }
            result[index] = 0
        }
        return [1] + result
    }

    /// `bytes` − 1 for a non-zero big-endian magnitude, minimal again.
    static func decremented(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = result.count - 1
        while index >= 0 {
            if result[index] > 0 { result[index] -= 1; break }
            result[index] = 0xff
            index -= 1
        }
        return Array(result.drop { $0 == 0 })
    }

    /// The value as `UInt64` if the magnitude has at most 64 significant bits.
    static func uint64(_ bytes: [UInt8]) -> UInt64? {
        let significant = bytes.drop { $0 == 0 }
        guard significant.count <= 8 else { return nil }
        return significant.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func limbsFromBytes(_ bytes: [UInt8]) -> [UInt32] {
        var limbs: [UInt32] = []
        var shift: UInt32 = 0
        var current: UInt32 = 0
        for byte in bytes.reversed() {
            current |= UInt32(byte) << shift
            shift += 8
            if shift == 32 { limbs.append(current); current = 0; shift = 0 }
        }
        if shift > 0 { limbs.append(current) }
        while limbs.last == 0 { limbs.removeLast() }
        return limbs
    }

    private static func bytesFromLimbs(_ limbs: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        for limb in limbs.reversed() {
            bytes += [UInt8(limb >> 24), UInt8(truncatingIfNeeded: limb >> 16),
                      UInt8(truncatingIfNeeded: limb >> 8), UInt8(truncatingIfNeeded: limb)]
        }
        return Array(bytes.drop { $0 == 0 })
    }
}
