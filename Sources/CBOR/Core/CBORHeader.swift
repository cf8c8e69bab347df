/// The eight CBOR major types (RFC 8949 §3.1).
public enum CBORMajorType: UInt8, Sendable, CustomStringConvertible {
    case unsigned = 0, negative, bytes, text, array, map, tag, simpleOrFloat

    public var description: String {
        switch self {
        case .unsigned: "unsigned integer"
        case .negative: "negative integer"
        case .bytes: "byte string"
        case .text: "text string"
        case .array: "array"
        case .map: "map"
        case .tag: "tag"
        case .simpleOrFloat: "simple value or float"
        }
    }
}

/// The initial byte of a data item and its argument, as a streaming reader sees it.
public struct CBORHeader: Sendable, Equatable {
    /// The item's major type.
    public var majorType: CBORMajorType
    /// The low five bits of the initial byte.
    public var additionalInfo: UInt8
    /// The value, length, count, tag number, simple value or float bits.
    public var argument: UInt64
    /// Offset of the initial byte in the input.
    public var offset: Int

    /// Whether the item has indefinite length (additional information 31).
    public var isIndefinite: Bool { additionalInfo == 31 }
    /// Whether this is the break stop code (`0xff`).
    public var isBreak: Bool { majorType == .simpleOrFloat && additionalInfo == 31 }

    /// A short name of the item's kind for error messages.
    var kindName: String {
        guard majorType == .simpleOrFloat else { return majorType.description }
        switch additionalInfo {
        case 20, 21: return "boolean"
        case 22: return "null"
        case 23: return "undefined"
        case 25, 26, 27: return "float"
        case 31: return "break"
        default: return "simple value"
        }
    }
}
