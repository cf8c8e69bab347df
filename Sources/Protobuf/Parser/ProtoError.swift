/// Why a set of `.proto` files could not be parsed or compiled, with the file, line
/// and column (both from 1, tabs to multiples of 8 as protoc counts them) at fault.
public struct ProtoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's name as imported (relative to its include path).
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: Reason

    public init(file: String, line: Int, column: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column: reason`, as protoc prints errors.
    public var description: String { "\(file):\(line):\(column): \(reason)" }

    /// What was wrong.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// A syntax error: what the parser expected and the token it found instead.
        case expected(String, found: String)
        /// A character sequence that is no token: unterminated string or comment, bad escape, bad number.
        case invalidToken(String)
        /// An integer literal too large for where it is used.
        case integerOutOfRange(String)
        /// An imported file that no include path holds.
        case fileNotFound(String)
        /// Files that import each other in a cycle; the chain of names.
        case importCycle([String])
        /// A name defined twice; `previous` says where it was first defined.
        case duplicateSymbol(String, previous: String)
        /// A type or extendee name that resolves to nothing visible from here.
        case unresolvedType(String)
        /// A name that resolves, but to the wrong kind of thing (e.g. a field used as a type).
        case wrongKind(String, expected: String)
        /// Two fields of one message (or extensions of one extendee) with the same number.
        case duplicateFieldNumber(Int32, field: String, previous: String)
        /// A field number outside 1...536870911, in 19000...19999, or reserved.
        case invalidFieldNumber(Int64, String)
        /// An option that does not exist for this kind of element.
        case unknownOption(String)
        /// An option or default value that does not fit its field's type.
        case invalidValue(String)
        /// Any other rule of the language (e.g. `required` in proto3).
        case invalid(String)

        public var description: String {
            switch self {
            case let .expected(what, found): return "expected \(what), found \(found)"
            case let .invalidToken(why): return why
            case let .integerOutOfRange(what): return "integer out of range: \(what)"
            case let .fileNotFound(name): return "import \"\(name)\" was not found in any include path"
            case let .importCycle(chain): return "import cycle: \(chain.joined(separator: " -> "))"
            case let .duplicateSymbol(name, previous): return "\"\(name)\" is already defined in \(previous)"
            case let .unresolvedType(name): return "\"\(name)\" is not defined"
            case let .wrongKind(name, expected): return "\"\(name)\" is not \(expected)"
            case let .duplicateFieldNumber(number, field, previous):
                return "field number \(number) of \"\(field)\" is already used by \"\(previous)\""
            case let .invalidFieldNumber(number, why): return "field number \(number) \(why)"
            case let .unknownOption(name): return "option \"\(name)\" is unknown"
            case let .invalidValue(why): return why
            case let .invalid(why): return why
            }
        }
    }
}

/// A position in a `.proto` source, zero-based as protoc records it in `SourceCodeInfo`.
struct SourcePosition: Equatable, Sendable {
    var line: Int
    var column: Int
}

extension ProtoError {
    init(_ file: String, _ position: SourcePosition, _ reason: Reason) {
        self.init(file: file, line: position.line + 1, column: position.column + 1, reason: reason)
    }
}
