import Foundation

/// Rust's `Display` for floats: the shortest digits that read back to the same value,
/// written positionally (never with an exponent), `-0` for negative zero.
enum RustFloat {
    static func display(_ value: Double) -> String { positional(value.description) }
    static func display(_ value: Float) -> String { positional(value.description) }

    /// Rewrites Swift's shortest round-trip text (`1e-07`, `5.0e+300`, `100000.0`)
    /// positionally. Finite values only.
    static func positional(_ swiftText: String) -> String {
        var text = Substring(swiftText)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? "0"
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(integerPart + fractionPart)
        var point = integerPart.count + exponent
        // Leading zeros move the point; trailing zeros carry nothing.
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if digits == ["0"] { return sign + "0" }
        let body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            body = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            body = String(digits[..<point]) + "." + String(digits[point...])
        }
        return sign + body
    }
}
