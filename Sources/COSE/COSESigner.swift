import Crypto

/// Something that signs a COSE Sig_structure: a ``COSEKey`` with a private part, or a
/// swift-crypto `Curve25519.Signing.PrivateKey` or `P256.Signing.PrivateKey`.
///
/// Conform other signers (a hardware key, a remote signer) to sign through the same API.
public protocol COSESigner {
    /// The algorithm the signer signs with; it goes into the protected header.
    func signingAlgorithm() throws(COSEError) -> COSEAlgorithm
    /// Signs the encoded Sig_structure `toBeSigned`; for ES256 the result is r‖s (64 bytes).
    func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8]
}

extension Curve25519.Signing.PrivateKey: COSESigner {
    public func signingAlgorithm() -> COSEAlgorithm { .edDSA }

    public func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8] {
        do {
            return Array(try signature(for: toBeSigned))
        } catch {
            throw .invalidKey(reason: "Ed25519 signing failed: \(error)")
        }
    }
}

extension P256.Signing.PrivateKey: COSESigner {
    public func signingAlgorithm() -> COSEAlgorithm { .es256 }

    public func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8] {
        do {
            return Array(try signature(for: toBeSigned).rawRepresentation)
        } catch {
            throw .invalidKey(reason: "P-256 signing failed: \(error)")
        }
    }
}

extension COSEKey: COSESigner {
    public func signingAlgorithm() throws(COSEError) -> COSEAlgorithm {
        try impliedAlgorithm()
    }

    public func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8] {
        try requireOperation(.sign)
        switch try impliedAlgorithm() {
        case .edDSA: return try ed25519PrivateKey().sign(toBeSigned: toBeSigned)
        case .es256: return try p256PrivateKey().sign(toBeSigned: toBeSigned)
        case .other: throw .unsupportedAlgorithm
        }
    }
}
