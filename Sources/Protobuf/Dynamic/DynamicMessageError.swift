/// Why a dynamic message could not be decoded, encoded or built.
public enum DynamicMessageError: Error, Equatable, Sendable {
    /// The bytes are not well-formed wire format (with the offset at fault).
    case wire(WireError)
    /// A proto2 `required` field is not set; `path` names it from the top message, e.g. `Outer.inner.id`.
    case missingRequiredField(path: String)
    /// A field refers to a message or enum type the pool does not hold.
    case unknownType(String, referencedBy: String)
    /// The pool holds no message type of this name.
    case unknownMessageType(String)
    /// A value set on a field is not of the field's kind or shape (or the field does not exist).
    case valueDoesNotFit(field: String)
}

extension DynamicMessageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .wire(error): return error.description
        case let .missingRequiredField(path): return "required field \(path) is not set"
        case let .unknownType(name, field): return "type \(name) of \(field) is not in the pool"
        case let .unknownMessageType(name): return "message type \(name) is not in the pool"
        case let .valueDoesNotFit(field): return "the value does not fit field \(field)"
        }
    }
}
