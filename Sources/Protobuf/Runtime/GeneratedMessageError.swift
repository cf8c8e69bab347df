/// Why a generated message could not be decoded, encoded, or converted to or from JSON or
/// text format.
public enum GeneratedMessageError: Error, Equatable, Sendable {
    /// The bytes are not well-formed wire format (with the offset at fault).
    case wire(WireError)
    /// A proto2 `required` field is not set. `path` names it from the top message as Python's
    /// `FindInitializationErrors` does: `children[0].scalars.id`, `by_id[5].name`, `labels["k"].id`.
    case missingRequiredField(path: String)
    /// The message cannot be written as proto3 JSON.
    case json(JSONError)
    /// The text is not proto3 JSON of this message type.
    case jsonParse(JSONParseError)
    /// The text is not text format of this message type.
    case textFormat(TextFormatError)
    /// The descriptors embedded in the generated code do not form a pool holding the type
    /// (generated code out of step with its runtime), or a dynamic message of another type was
    /// given for this one.
    case descriptor(String)
}

extension GeneratedMessageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .wire(error): return error.description
        case let .missingRequiredField(path): return "required field \(path) is not set"
        case let .json(error): return error.description
        case let .jsonParse(error): return error.description
        case let .textFormat(error): return error.description
        case let .descriptor(reason): return "descriptors: \(reason)"
        }
    }
}
