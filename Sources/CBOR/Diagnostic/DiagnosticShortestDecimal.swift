/// The shortest round-trip decimal digits of a finite double as significant
/// digits and the position of the decimal point: the value is
/// `0.digits × 10^pointPosition`.
///
/// The digits come from Swift's `description`. When the exact binary value
/// lies exactly halfway between two shortest candidates, Rust (whose output
/// cbor-diag prints) takes the upper one; Swift may take the lower, so that
/// case is moved up here.
struct ShortestDecimal {
    /// Significant digits, no leading or trailing zeros; empty for zero.
    private(set) var digits: String
    /// Digits before the decimal point (negative: zeros after the point).
    private(set) var pointPosition: Int

    init(_ value: Double) {
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first ?? ""
        let fraction = parts.count > 1 ? parts[1] : ""
        var all = Array(integerPart + fraction)
        var point = integerPart.count + exponent
        while all.first == "0" { all.removeFirst(); point -= 1 }
        while all.last == "0" { all.removeLast() }
        digits = String(all)
        pointPosition = all.isEmpty ? 0 : point
        if Self.isLowerOfTie(value.magnitude, digits: digits, pointPosition: pointPosition) { roundLastDigitUp() }
    }

    /// Whether `value` is exactly `0.<digits>5 × 10^pointPosition`. Both sides
    /// are written as 2^x · 5^y · r with r coprime to 10 and compared.
    private static func isLowerOfTie(_ value: Double, digits: String, pointPosition: Int) -> Bool {
        guard value.isFinite, value > 0, digits.count <= 17, let prefix = UInt64(digits) else { return false }
        let candidate = Factored(prefix * 10 + 5)
        let binary = Factored(UInt64(value.significand * 0x1p52))
        let decimalExponent = pointPosition - digits.count - 1
        let binaryExponent = Int(value.exponent) - 52
        return binary.rest == candidate.rest
            && binary.twos + binaryExponent == candidate.twos + decimalExponent
            && binary.fives == candidate.fives + decimalExponent
    }

    private mutating func roundLastDigitUp() {
        var all = Array(digits)
        var index = all.count - 1
        while index >= 0, all[index] == "9" {
            all[index] = "0"
            index -= 1
        }
        if index >= 0 {
            all[index] = Character(Unicode.Scalar((all[index].asciiValue ?? 0x30) + 1))
        } else {
            all.insert("1", at: 0)
            pointPosition += 1
        }
        while all.last == "0" { all.removeLast() }
        digits = String(all)
    }

    /// A positive integer as 2^twos · 5^fives · rest.
    private struct Factored {
        var twos = 0
        var fives = 0
        var rest: UInt64

        init(_ value: UInt64) {
            rest = value
            while rest != 0, rest % 2 == 0 { rest /= 2; twos += 1 }
            while rest != 0, rest % 5 == 0 { rest /= 5; fives += 1 }
        }
    }
}
