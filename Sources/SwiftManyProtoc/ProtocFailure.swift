import Protobuf

/// Why a run failed; printed to standard error, the exit status is 1.
enum ProtocFailure: Error, CustomStringConvertible {
    case usage(String)
    /// A message on its own, as protoc prints it.
    case plain(String)
    /// A `.proto` error, `file:line:column: reason`.
    case proto(ProtoError)
    case typeNotDefined(String)
    /// Standard input is not a message of the type: the binary error, or the text error at `input:line:column`.
    case binaryInput(DynamicMessageError)
    case textInput(TextFormatError)
    /// `--decode_raw` input that is not a run of fields.
    case rawInput(WireError)
    case cannotWrite(path: String, reason: String)

    var description: String {
        switch self {
        case let .usage(message): return message + "\n" + ProtocArguments.usage
        case let .plain(message): return message
        case let .proto(error): return error.description
        case let .typeNotDefined(name): return "Type not defined: \(name)"
        case let .binaryInput(error): return "Failed to parse input: \(error)"
        case let .textInput(error): return "input:\(error)\nFailed to parse input."
        case .rawInput: return "Failed to parse input."
        case let .cannotWrite(path, reason): return "\(path): \(reason)"
        }
    }
}
