import COSE
import Crypto

/// The verifying side of an identity: a MANY COSE public key (Ed25519 or P-256), checked to
/// be a real key, with the address it stands for.
///
/// ```swift
/// let verifier = try PublicKeyVerifier(publicKey: keyFromKeyset)
/// try message.verify(with: verifier)   // COSESign1
/// verifier.address                     // the sender's public-key address
/// ```
public struct PublicKeyVerifier: COSEVerifier, Sendable {
    private enum Key: Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        case p256(P256.Signing.PublicKey)
    }

    private let key: Key
    /// The key in its MANY form (``COSE/COSEKey/manyPublicKey()``).
    public let publicKey: COSEKey
    /// The public-key address of the key.
    public let address: Address

    /// A verifier for a COSE public key; its kind comes from `alg`, as in many-rs.
    public init(publicKey: COSEKey) throws(IdentityError) {
        let canonical = try publicKey.manyPublicKey()
        do {
            switch canonical.algorithm {
            case .edDSA?: key = .ed25519(try canonical.ed25519PublicKey())
            default: key = .p256(try canonical.p256PublicKey())
            }
        } catch {
            throw .invalidKey(reason: error.description)
        }
        self.publicKey = canonical
        address = try Address(publicKey: canonical)
    }

    /// Checks an EdDSA or ES256 signature. ES256 signatures are r‖s (64 bytes); like
    /// many-rs, a DER-encoded ECDSA signature is accepted too.
    public func verify(signature: [UInt8], toBeSigned: [UInt8], algorithm: COSEAlgorithm) throws(COSEError) {
        switch key {
        case let .ed25519(publicKey):
            try publicKey.verify(signature: signature, toBeSigned: toBeSigned, algorithm: algorithm)
        case let .p256(publicKey):
            guard signature.count != 64, algorithm == .es256,
                let der = try? P256.Signing.ECDSASignature(derRepresentation: signature)
            else {
                try publicKey.verify(signature: signature, toBeSigned: toBeSigned, algorithm: algorithm)
                return
            }
            guard publicKey.isValidSignature(der, for: toBeSigned) else { throw .signatureMismatch }
        }
    }
}
