/// A COSE key type (`kty`, RFC 9053 §7, IANA "COSE Key Types").
public enum COSEKeyType: Sendable, Hashable {
    /// Octet Key Pair (1): Ed25519 and the other CFRG curves.
    case okp
    /// Elliptic curve with x and y coordinates (2): P-256 and the other NIST curves.
    case ec2
    /// Any other key type, kept as read.
    case other(Int64)

    /// The key type for an identifier; known values map to their named case.
    public init(rawValue: Int64) {
        switch rawValue {
        case 1: self = .okp
        case 2: self = .ec2
        default: self = .other(rawValue)
        }
    }

    /// The integer identifier.
    public var rawValue: Int64 {
        switch self {
        case .okp: return 1
        case .ec2: return 2
        case let .other(value): return value
        }
    }

    public static func == (lhs: COSEKeyType, rhs: COSEKeyType) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
