/// Why bytes could not be read as CBOR, with the byte offset where reading failed.
///
/// Every case names one kind of bad input, so a caller (or a test table) can tell
/// them apart; ``offset`` is the position of the data item or byte at fault.
public enum CBORError: Error, Equatable, Sendable {
    /// The input ended inside a data item; `needed` more bytes were expected.
    case truncated(offset: Int, needed: Int)
    /// A length or count announces more bytes than the input has left.
    case lengthBeyondInput(offset: Int, length: UInt64, available: Int)
    /// A length or count is larger than ``CBORDecodingOptions/maxLength``.
    case lengthBeyondLimit(offset: Int, length: UInt64, limit: Int)
    /// Arrays, maps and tags nest deeper than ``CBORDecodingOptions/maxNesting``.
    case nestingTooDeep(offset: Int, limit: Int)
    /// A text string is not valid UTF-8.
    case invalidUTF8(offset: Int)
    /// Additional information 28, 29 or 30, which RFC 8949 reserves.
    case reservedAdditionalInfo(offset: Int, value: UInt8)
    /// Indefinite length (additional information 31) on a major type that has none.
    case indefiniteLengthNotAllowed(offset: Int, majorType: UInt8)
    /// A break byte (`0xff`) outside an indefinite-length item.
    case unexpectedBreak(offset: Int)
    /// A chunk of an indefinite-length string that is not a definite string of the same type.
    case invalidChunk(offset: Int)
    /// A two-byte simple value below 32 (`0xf8 0x00`...`0xf8 0x1f`), which is not well-formed.
    case invalidSimpleValue(offset: Int, value: UInt8)
    /// Bytes left over after the top-level data item.
    case trailingBytes(offset: Int)
    /// The input is well-formed but not deterministically encoded (RFC 8949 §4.2.1).
    case notDeterministic(offset: Int, reason: DeterminismViolation)
    /// A streaming read expected one kind of item and found another.
    case typeMismatch(offset: Int, expected: String, found: String)
    /// An integer does not fit the requested Swift type.
    case integerOutOfRange(offset: Int)

    /// What made an encoding non-deterministic.
    public enum DeterminismViolation: Equatable, Sendable {
        /// An integer, length or tag used more bytes than needed.
        case argumentNotShortest
        /// An indefinite-length string, array or map.
        case indefiniteLength
        /// A float that a shorter float would represent exactly.
        case floatNotShortest
        /// Map keys out of order.
        case mapKeysOutOfOrder
        /// The same key twice in one map.
        case duplicateMapKey
    }

    /// The byte offset where the error was found.
    public var offset: Int {
        switch self {
        case let .truncated(offset, _), let .lengthBeyondInput(offset, _, _), let .lengthBeyondLimit(offset, _, _),
             let .nestingTooDeep(offset, _), let .invalidUTF8(offset), let .reservedAdditionalInfo(offset, _),
             let .indefiniteLengthNotAllowed(offset, _), let .unexpectedBreak(offset), let .invalidChunk(offset),
             let .invalidSimpleValue(offset, _), let .trailingBytes(offset), let .notDeterministic(offset, _),
             let .typeMismatch(offset, _, _), let .integerOutOfRange(offset):
            return offset
        }
    }
}

extension CBORError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(offset, needed):
            return "truncated input at byte \(offset): \(needed) more byte(s) expected"
        case let .lengthBeyondInput(offset, length, available):
            return "length \(length) at byte \(offset) exceeds the \(available) byte(s) left"
        case let .lengthBeyondLimit(offset, length, limit):
            return "length \(length) at byte \(offset) exceeds the limit of \(limit)"
        case let .nestingTooDeep(offset, limit):
            return "nesting deeper than \(limit) at byte \(offset)"
        case let .invalidUTF8(offset):
            return "text string at byte \(offset) is not valid UTF-8"
        case let .reservedAdditionalInfo(offset, value):
            return "reserved additional information \(value) at byte \(offset)"
        case let .indefiniteLengthNotAllowed(offset, majorType):
            return "indefinite length is not allowed for major type \(majorType) at byte \(offset)"
        case let .unexpectedBreak(offset):
            return "break outside an indefinite-length item at byte \(offset)"
        case let .invalidChunk(offset):
            return "invalid chunk in indefinite-length string at byte \(offset)"
        case let .invalidSimpleValue(offset, value):
            return "two-byte simple value \(value) (< 32) at byte \(offset)"
        case let .trailingBytes(offset):
            return "unexpected bytes after the data item at byte \(offset)"
        case let .notDeterministic(offset, reason):
            return "not deterministically encoded at byte \(offset): \(reason)"
        case let .typeMismatch(offset, expected, found):
            return "expected \(expected) at byte \(offset), found \(found)"
        case let .integerOutOfRange(offset):
            return "integer at byte \(offset) is out of range for the requested type"
        }
    }
}
