/// Numbers read from proto3 JSON: integers as numbers (integral, in range, `1e3` allowed)
/// or decimal strings; floating point as numbers or strings, `"NaN"` and `"±Infinity"` included.
enum JSONScalars {
    static func integer<T: FixedWidthInteger>(_ json: JSONValue, _: T.Type, path: String) throws(JSONParseError) -> T {
        switch json {
        case let .string(text):
            guard let value = T(text) else { throw .invalidValue(path: path, reason: "\"\(text)\" is not a \(T.self)") }
            return value
        case let .number(text):
            if let value = T(text) { return value }
            guard let double = Double(text), double.rounded() == double, let value = T(exactly: double) else {
                throw .invalidValue(path: path, reason: "\(text) is not a \(T.self)")
            }
            return value
        default:
            throw .invalidValue(path: path, reason: "expected an integer")
        }
    }

    static func double(_ json: JSONValue, path: String) throws(JSONParseError) -> Double {
        let text: String
        switch json {
        case let .number(number): text = number
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        case let .string(number): text = number
        default: throw .invalidValue(path: path, reason: "expected a number")
        }
        guard let value = Double(text), value.isFinite, !text.contains(where: { $0.isWhitespace }) else {
            throw .invalidValue(path: path, reason: "\(text) is not a finite number")
        }
        return value
    }
}
