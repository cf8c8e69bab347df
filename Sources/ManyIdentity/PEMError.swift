/// Why PEM text did not give a key pair.
public enum PEMError: Error, Equatable, Sendable {
    /// No `-----BEGIN …-----` / `-----END …-----` block.
    case noPEMBlock
    /// The text is larger than any key file (``PrivateKeyPEM/textByteCountMax``).
    case tooLarge(byteCount: Int)
    /// A block of another kind (`PUBLIC KEY`, `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, …).
    case unsupportedLabel(String)
    /// An encrypted key (`ENCRYPTED PRIVATE KEY`, or `Proc-Type: 4,ENCRYPTED`).
    case encrypted
    /// The body is not base64.
    case invalidBase64
    /// The DER inside is not the structure expected, at `offset` in the DER bytes.
    case malformedDER(offset: Int, reason: String)
    /// A key algorithm other than Ed25519 (1.3.101.112) and EC (1.2.840.10045.2.1).
    case unsupportedAlgorithm(oid: String)
    /// An EC key on a curve other than P-256 (1.2.840.10045.3.1.7).
    case unsupportedCurve(oid: String)
    /// The key bytes are not a valid key, or the embedded public key is not its own.
    case invalidKey(reason: String)
}

extension PEMError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noPEMBlock: return "no PEM block found"
        case let .tooLarge(count): return "\(count) bytes is too large for a PEM key"
        case let .unsupportedLabel(label): return "unsupported PEM block '\(label)'"
        case .encrypted: return "encrypted keys are not supported"
        case .invalidBase64: return "the PEM body is not valid base64"
        case let .malformedDER(offset, reason): return "malformed DER at byte \(offset): \(reason)"
        case let .unsupportedAlgorithm(oid): return "unsupported key algorithm \(oid)"
        case let .unsupportedCurve(oid): return "unsupported curve \(oid)"
        case let .invalidKey(reason): return "invalid key: \(reason)"
        }
    }
}
