/// Why a text-format message could not be read: what was expected or which rule was
/// broken, at the line and column (from 1, tabs to the next multiple of 8) where
/// protoc's parser reports it, the token after the one at fault.
public struct TextFormatError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// A token of another kind was found: `expected` says what was wanted (`integer`, `identifier`...).
        case expected(String, found: String)
        /// Another token where a symbol (`:`, `{`, `]`...) must come.
        case expectedSymbol(String, found: String)
        case unknownField(type: String, name: String)
        /// A singular field, or a second member of a oneof, given twice.
        case fieldSpecifiedTwice(name: String)
        case oneofConflict(field: String, other: String, oneof: String)
        case unknownEnumValue(field: String, value: String)
        case integerOutOfRange(String)
        /// A hex or octal integer where a floating-point value is read.
        case notDecimal(String)
        case invalidBool(field: String, value: String)
        /// A string literal with a bad escape.
        case invalidString
        /// A string literal still open at the end of its line or of the input.
        case unterminatedString(atLineEnd: Bool)
        /// `[name]` names no extension of the message's type.
        case unknownExtension(name: String, type: String)
        /// An expanded `Any`'s type URL names no type in the pool (or has a prefix protoc does not resolve).
        case anyTypeNotFound(url: String)
        /// An expanded `Any` after another, or after its `type_url` or `value`.
        case anySpecifiedTwice
        case nestingTooDeep(limit: Int)
    }

    public let line: Int
    public let column: Int
    public let reason: Reason
}

extension TextFormatError: CustomStringConvertible {
    /// protoc's wording, as `--encode` prints it after `input:LINE:COLUMN: `.
    public var description: String {
        "\(line):\(column): " + reasonText
    }

    private var reasonText: String {
        switch reason {
        case let .expected(what, found): return "Expected \(what), got: \(found)"
        case let .expectedSymbol(symbol, found): return "Expected \"\(symbol)\", found \"\(found)\"."
        case let .unknownField(type, name): return "Message type \"\(type)\" has no field named \"\(name)\"."
        case let .fieldSpecifiedTwice(name): return "Non-repeated field \"\(name)\" is specified multiple times."
        case let .oneofConflict(field, other, oneof):
            return "Field \"\(field)\" is specified along with field \"\(other)\", another member of oneof \"\(oneof)\"."
        case let .unknownEnumValue(field, value): return "Unknown enumeration value of \"\(value)\" for field \"\(field)\"."
        case let .integerOutOfRange(text): return "Integer out of range (\(text))"
        case let .notDecimal(text): return "Expect a decimal number, got: \(text)"
        case let .invalidBool(field, value): return "Invalid value for boolean field \"\(field)\". Value: \"\(value)\"."
        case .invalidString: return "Invalid escape sequence in string literal."
        case let .unterminatedString(atLineEnd):
            return atLineEnd ? "String literals cannot cross line boundaries." : "Unexpected end of string."
        case let .unknownExtension(name, type): return "Extension \"\(name)\" is not defined or is not an extension of \"\(type)\"."
        case let .anyTypeNotFound(url): return "Could not find type \"\(url)\" stored in google.protobuf.Any."
        case .anySpecifiedTwice: return "Non-repeated Any specified multiple times."
        case let .nestingTooDeep(limit): return "Message is too deep, the parser exceeded the configured recursion limit of \(limit)."
        }
    }
}
