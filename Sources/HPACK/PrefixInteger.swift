/// The integer representation of RFC 7541 §5.1: a value in the low `prefixBits` of a
/// first byte whose high bits carry flags, continued in 7-bit groups when it does not fit.
enum PrefixInteger {
    /// The largest value a decoder accepts: anything above is an attack, not a header.
    static let maxValue = Int(UInt32.max)
    /// Continuation bytes allowed after the prefix: five carry 35 bits, enough for 2^32 − 1.
    static let maxContinuationBytes = 5

    /// Appends `value` (non-negative) with `flags` in the bits above the prefix.
    @inline(__always)
    static func encode(_ value: Int, prefixBits: Int, flags: UInt8, into output: inout [UInt8]) {
        let prefixMax = (1 << prefixBits) - 1
        if value < prefixMax {
            output.append(flags | UInt8(truncatingIfNeeded: value))
            return
        }
        output.append(flags | UInt8(truncatingIfNeeded: prefixMax))
        var rest = value - prefixMax
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest & 0x7f) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(truncatingIfNeeded: rest))
    }
}
