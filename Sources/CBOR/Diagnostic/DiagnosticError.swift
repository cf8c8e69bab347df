/// Why text could not be read as CBOR diagnostic notation.
///
/// Every case carries the 1-based `line` and `column` of the problem; columns
/// count Unicode scalars, so a tab or an emoji is one column.
public enum DiagnosticError: Error, Equatable, Sendable {
    /// Something other than what the grammar allows here.
    case unexpected(found: String, expected: String, line: Int, column: Int)
    /// A quoted string or byte-string literal without its closing quote; the position is the opening quote.
    case unterminatedString(line: Int, column: Int)
    /// A `/ … /` comment without its closing slash; the position is the opening slash.
    case unterminatedComment(line: Int, column: Int)
    /// A character in `h'…'` that is not a hex digit, or an odd number of digits.
    case invalidHex(line: Int, column: Int)
    /// A character in `b64'…'` outside base64 and base64url, or a dangling last character.
    case invalidBase64(line: Int, column: Int)
    /// A backslash escape that is not defined, or a `\u` escape that is not a Unicode scalar.
    case invalidEscape(line: Int, column: Int)
    /// A malformed number, or a number with more digits than the parser accepts.
    case invalidNumber(line: Int, column: Int)
    /// An encoding indicator that does not fit the item (`24_i`, `0.1_1`, `true_0`).
    case invalidEncodingIndicator(line: Int, column: Int)
    /// `simple(n)` with `n` above 255 or in 24...31, which CBOR cannot encode.
    case invalidSimpleValue(line: Int, column: Int)
    /// A tag number above 2⁶⁴ − 1.
    case tagOutOfRange(line: Int, column: Int)
    /// Concatenated string literals that do not form valid UTF-8 for a text string.
    case invalidUTF8(line: Int, column: Int)
    /// An application-oriented literal (`dt'…'`, `ip'…'`) this parser does not know.
    case unsupportedLiteral(prefix: String, line: Int, column: Int)
    /// Arrays, maps, tags and `<<…>>` nest deeper than `limit`.
    case nestingTooDeep(limit: Int, line: Int, column: Int)
    /// Text after the complete data item.
    case trailingInput(line: Int, column: Int)

    /// The 1-based line of the problem.
    public var line: Int { position.line }

    /// The 1-based column (in Unicode scalars) of the problem.
    public var column: Int { position.column }

    private var position: (line: Int, column: Int) {
        switch self {
        case let .unexpected(_, _, line, column), let .unterminatedString(line, column),
             let .unterminatedComment(line, column), let .invalidHex(line, column),
             let .invalidBase64(line, column), let .invalidEscape(line, column),
             let .invalidNumber(line, column), let .invalidEncodingIndicator(line, column),
             let .invalidSimpleValue(line, column), let .tagOutOfRange(line, column),
             let .invalidUTF8(line, column), let .unsupportedLiteral(_, line, column),
             let .nestingTooDeep(_, line, column), let .trailingInput(line, column):
            return (line, column)
        }
    }
}

extension DiagnosticError: CustomStringConvertible {
    public var description: String {
        let at = "at \(line):\(column)"
        switch self {
        case let .unexpected(found, expected, _, _): return "expected \(expected) \(at), found \(found)"
        case .unterminatedString: return "string literal opened \(at) is not closed"
        case .unterminatedComment: return "comment opened \(at) is not closed"
        case .invalidHex: return "invalid hex digit or odd digit count \(at)"
        case .invalidBase64: return "invalid base64 \(at)"
        case .invalidEscape: return "invalid escape sequence \(at)"
        case .invalidNumber: return "invalid number \(at)"
        case .invalidEncodingIndicator: return "encoding indicator does not fit the item \(at)"
        case .invalidSimpleValue: return "simple value not encodable \(at)"
        case .tagOutOfRange: return "tag number beyond 64 bits \(at)"
        case .invalidUTF8: return "concatenated text is not valid UTF-8 \(at)"
        case let .unsupportedLiteral(prefix, _, _): return "unsupported application literal \(prefix)'…' \(at)"
        case let .nestingTooDeep(limit, _, _): return "nesting deeper than \(limit) \(at)"
        case .trailingInput: return "unexpected text after the data item \(at)"
        }
    }
}
