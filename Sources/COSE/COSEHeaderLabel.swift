import CBOR

/// A header parameter label (RFC 9052 §3.1): an integer or a text string.
///
/// COSE_Key parameters use the same label space shape, so ``COSEKey`` keeps the labels
/// it does not model under this type too.
public enum COSEHeaderLabel: Sendable, Hashable, CustomStringConvertible {
    /// An integer label.
    case int(Int64)
    /// A text label.
    case text(String)

    /// `alg` (1): the algorithm.
    public static let algorithm = COSEHeaderLabel.int(1)
    /// `crit` (2): labels the recipient must understand.
    public static let critical = COSEHeaderLabel.int(2)
    /// `content type` (3).
    public static let contentType = COSEHeaderLabel.int(3)
    /// `kid` (4): key identifier.
    public static let keyID = COSEHeaderLabel.int(4)
    /// `IV` (5): full initialization vector.
    public static let iv = COSEHeaderLabel.int(5)

    /// The label as a CBOR item.
    public var cbor: CBOR {
        switch self {
        case let .int(value): return .int(value)
        case let .text(value): return .text(value)
        }
    }

    /// The label for a CBOR item, or nil if it is neither an integer in `Int64` nor text.
    public init?(cbor: CBOR) {
        if let value = cbor.int64Value {
            self = .int(value)
        } else if let text = cbor.textValue {
            self = .text(text)
        } else {
            return nil
        }
    }

    func write(to writer: inout CBORWriter) {
        switch self {
        case let .int(value): writer.writeInt(value)
        case let .text(value): writer.writeText(value)
        }
    }

    public var description: String {
        switch self {
        case let .int(value): return String(value)
        case let .text(value): return "\"\(value)\""
        }
    }
}

extension COSEHeaderLabel: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .text(value) }
}
