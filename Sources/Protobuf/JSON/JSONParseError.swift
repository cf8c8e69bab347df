/// Why proto3 JSON text could not be read into a message. Text errors carry the byte
/// offset; mapping errors carry the JSON path of the value at fault (`byId["3"].at`).
public enum JSONParseError: Error, Equatable, Sendable {
    case syntax(offset: Int, reason: String)
    case invalidUTF8(offset: Int)
    case duplicateKey(offset: Int, key: String)
    /// Arrays and objects nested deeper than the limit.
    case nestingTooDeep(offset: Int, limit: Int)
    /// A member names no field of the message.
    case unknownField(path: String, name: String)
    /// A field given twice (by JSON and proto name), or two members of one oneof.
    case duplicateField(path: String)
    /// A value that does not fit its field: wrong JSON kind, out of range, bad base64,
    /// an enum name the type lacks, a malformed Timestamp, Duration or FieldMask.
    case invalidValue(path: String, reason: String)
    /// An `Any` without `@type`, or naming a type the pool does not hold.
    case anyType(path: String, typeURL: String)
}

extension JSONParseError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .syntax(offset, reason): return "JSON syntax error at byte \(offset): \(reason)"
        case let .invalidUTF8(offset): return "invalid UTF-8 in a string ending at byte \(offset)"
        case let .duplicateKey(offset, key): return "duplicate key \"\(key)\" at byte \(offset)"
        case let .nestingTooDeep(offset, limit): return "JSON nested deeper than \(limit) at byte \(offset)"
        case let .unknownField(path, name): return "\(path.isEmpty ? "message" : path): no field named \"\(name)\""
        case let .duplicateField(path): return "\(path): set more than once"
        case let .invalidValue(path, reason): return "\(path.isEmpty ? "message" : path): \(reason)"
        case let .anyType(path, url): return "\(path.isEmpty ? "message" : path): Any type \"\(url)\" cannot be resolved"
        }
    }
}
