/// Why a message could not be written as, or read from, proto3 JSON. `path` locates the
/// value at fault from the top message, e.g. `byId["3"].at` or `names[2]`.
public enum JSONError: Error, Equatable, Sendable {
    /// A value proto3 JSON cannot express (a Timestamp out of range, NaN in a `Value`,
    /// a closed enum's unnamed number, a FieldMask path that does not convert).
    case unrepresentable(path: String, reason: String)
    /// An `Any` names a type the pool does not hold, or its bytes do not decode.
    case anyType(path: String, typeURL: String)
}

extension JSONError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unrepresentable(path, reason): return "\(path.isEmpty ? "message" : path): \(reason)"
        case let .anyType(path, url): return "\(path.isEmpty ? "message" : path): Any type \(url) cannot be resolved"
        }
    }
}
