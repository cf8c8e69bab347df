/// Floating-point numbers as proto3 JSON writes them, matching Python's `json_format`:
/// doubles as `repr` prints them (shortest round-trip digits, fixed notation for
/// exponents -4 through 15, else `1.5e+16`), floats first rounded to their own shortest
/// digits, and non-finite values as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
enum JSONNumberText {
    static func double(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(pythonRepr(value.description))
    }

    static func float(_ value: Float) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(pythonRepr((Double(value.description) ?? Double(value)).description))
    }

    /// Reformats Swift's shortest-digits text (`1e-05`, `12345.0`, `1.2e+16`) the way
    /// Python's `float.__repr__` lays out the same digits.
    static func pythonRepr(_ text: String) -> String {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pointIndex = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        // value = 0.digits × 10^(pointIndex + exponent); strip leading zeros.
        var pointPosition = pointIndex + exponent
        while digits.count > 1 && digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits == ["0"] { return sign + "0.0" }
        exponent = pointPosition - 1
        if exponent >= -4 && exponent < 16 {
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
            }
            if pointPosition >= digits.count {
                return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
        }
        let lead = String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
        let magnitude = abs(exponent)
        return sign + lead + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
}
