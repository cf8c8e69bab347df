import CBOR

/// A permitted key operation (`key_ops`, RFC 9052 §7.1, Table 5).
public enum COSEKeyOperation: Sendable, Hashable {
    /// Compute a signature (1).
    case sign
    /// Verify a signature (2).
    case verify
    /// Any other operation (encrypt 3, decrypt 4, wrap 5, unwrap 6, derive key 7,
    /// derive bits 8, MAC create 9, MAC verify 10, or a private value).
    case other(Int64)
    /// An operation named by text.
    case name(String)

    /// The operation for a CBOR item, or nil if it is neither an integer nor text.
    init?(cbor: CBOR) {
        if let value = cbor.int64Value {
            self = value == 1 ? .sign : value == 2 ? .verify : .other(value)
        } else if let text = cbor.textValue {
            self = .name(text)
        } else {
            return nil
        }
    }

    /// The operation as a CBOR item.
    var cbor: CBOR {
        switch self {
        case .sign: return .int(1)
        case .verify: return .int(2)
        case let .other(value): return .int(value)
        case let .name(text): return .text(text)
        }
    }
}
