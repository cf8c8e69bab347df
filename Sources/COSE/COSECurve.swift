/// An elliptic curve of a COSE key (`crv`, RFC 9053 §7.1, IANA "COSE Elliptic Curves").
public enum COSECurve: Sendable, Hashable {
    /// NIST P-256 (1), for EC2 keys.
    case p256
    /// Ed25519 (6), for OKP keys.
    case ed25519
    /// Any other curve, kept as read.
    case other(Int64)

    /// The curve for an identifier; known values map to their named case.
    public init(rawValue: Int64) {
        switch rawValue {
        case 1: self = .p256
        case 6: self = .ed25519
        default: self = .other(rawValue)
        }
    }

    /// The integer identifier.
    public var rawValue: Int64 {
        switch self {
        case .p256: return 1
        case .ed25519: return 6
        case let .other(value): return value
        }
    }

    public static func == (lhs: COSECurve, rhs: COSECurve) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
