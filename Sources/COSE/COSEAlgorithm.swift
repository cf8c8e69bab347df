/// A COSE algorithm identifier (RFC 9053, IANA "COSE Algorithms").
///
/// Only ``edDSA`` and ``es256`` can sign and verify; any other value is kept as
/// ``other(_:)`` so that headers round-trip, and is rejected with
/// ``COSEError/unsupportedAlgorithm`` when used.
public enum COSEAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// EdDSA (-8); this library signs with Ed25519.
    case edDSA
    /// ECDSA with SHA-256 on P-256 (-7); signatures are r‖s, 64 bytes.
    case es256
    /// Any other identifier.
    case other(Int64)

    /// The algorithm for an identifier; known values map to their named case.
    public init(rawValue: Int64) {
        switch rawValue {
        case -8: self = .edDSA
        case -7: self = .es256
        default: self = .other(rawValue)
        }
    }

    /// The integer identifier.
    public var rawValue: Int64 {
        switch self {
        case .edDSA: return -8
        case .es256: return -7
        case let .other(value): return value
        }
    }

    /// Whether this library can sign and verify with it.
    public var isSupported: Bool {
        rawValue == -8 || rawValue == -7
    }

    // `.other(-8)` and `.edDSA` are the same algorithm: compare identifiers.
    public static func == (lhs: COSEAlgorithm, rhs: COSEAlgorithm) -> Bool {
        lhs.rawValue == rhs.rawValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }

    public var description: String {
        switch COSEAlgorithm(rawValue: rawValue) {
        case .edDSA: return "EdDSA"
        case .es256: return "ES256"
        case let .other(value): return "algorithm \(value)"
        }
    }
}
