/// Why bytes could not be read as the Protocol Buffers binary format, with the byte offset at fault.
public enum WireError: Error, Equatable, Sendable {
    /// The input ended inside a tag, varint, fixed-width value or length-delimited field.
    case truncated(offset: Int)
    /// A varint runs past ten bytes, or its tenth byte carries more than one bit.
    case malformedVarint(offset: Int)
    /// A length prefix announces more bytes than the enclosing message has left.
    case lengthBeyondInput(offset: Int, length: UInt64, available: Int)
    /// A tag carries wire type 6 or 7, which do not exist.
    case invalidWireType(offset: Int, value: UInt8)
    /// A tag carries field number 0 or one above 2^29 - 1.
    case invalidFieldNumber(offset: Int, number: UInt64)
    /// An end-group tag with no open group, or one closing a different field's group.
    case unexpectedEndGroup(offset: Int, field: Int)
    /// A group whose end-group tag never came.
    case unterminatedGroup(offset: Int, field: Int)
    /// Messages or groups nest deeper than the reader's limit.
    case nestingTooDeep(offset: Int, limit: Int)
    /// A `string` field is not valid UTF-8.
    case invalidUTF8(offset: Int)

    /// The byte offset where the error was found.
    public var offset: Int {
        switch self {
        case let .truncated(offset), let .malformedVarint(offset), let .lengthBeyondInput(offset, _, _),
             let .invalidWireType(offset, _), let .invalidFieldNumber(offset, _), let .unexpectedEndGroup(offset, _),
             let .unterminatedGroup(offset, _), let .nestingTooDeep(offset, _), let .invalidUTF8(offset):
            return offset
        }
    }
}

extension WireError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(offset):
            return "input ends inside a field at byte \(offset)"
        case let .malformedVarint(offset):
            return "varint at byte \(offset) is longer than 64 bits"
        case let .lengthBeyondInput(offset, length, available):
            return "length \(length) at byte \(offset) exceeds the \(available) byte(s) left"
        case let .invalidWireType(offset, value):
            return "wire type \(value) at byte \(offset) does not exist"
        case let .invalidFieldNumber(offset, number):
            return "field number \(number) at byte \(offset) is outside 1...536870911"
        case let .unexpectedEndGroup(offset, field):
            return "end-group tag for field \(field) at byte \(offset) closes no open group"
        case let .unterminatedGroup(offset, field):
            return "group for field \(field) starting at byte \(offset) has no end-group tag"
        case let .nestingTooDeep(offset, limit):
            return "messages nest deeper than \(limit) at byte \(offset)"
        case let .invalidUTF8(offset):
            return "string field at byte \(offset) is not valid UTF-8"
        }
    }
}
