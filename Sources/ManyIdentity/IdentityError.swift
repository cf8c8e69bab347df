import COSE

/// Why a COSE key cannot be a MANY identity's key.
public enum IdentityError: Error, Equatable, Sendable {
    /// The key's `alg` is missing or is neither EdDSA (-8) nor ES256 (-7). many-rs picks
    /// the key's kind by `alg` alone.
    case unsupportedAlgorithm(COSEAlgorithm?)
    /// A parameter the algorithm needs (`x`, `y`, `d`) is missing or not a byte string.
    case missingParameter(String)
    /// The parameters do not make a key (wrong length, not on the curve, `d` not matching).
    case invalidKey(reason: String)
}

extension IdentityError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unsupportedAlgorithm(algorithm?): return "unsupported key algorithm \(algorithm)"
        case .unsupportedAlgorithm(nil): return "the key has no algorithm"
        case let .missingParameter(name): return "the key has no \(name) parameter"
        case let .invalidKey(reason): return "invalid key: \(reason)"
        }
    }
}
