import Crypto

/// Something that checks a COSE signature: a ``COSEKey``, or a swift-crypto
/// `Curve25519.Signing.PublicKey` or `P256.Signing.PublicKey`.
public protocol COSEVerifier {
    /// Throws ``COSEError/signatureMismatch`` unless `signature` is a valid `algorithm`
    /// signature over the encoded Sig_structure `toBeSigned`.
    func verify(signature: [UInt8], toBeSigned: [UInt8], algorithm: COSEAlgorithm) throws(COSEError)
}

extension COSEAlgorithm {
    /// Throws unless `self` is `expected`: unsupported algorithms and keys of the wrong
    /// kind get different errors.
    func require(_ expected: COSEAlgorithm, keyName: String) throws(COSEError) {
        guard isSupported else { throw .unsupportedAlgorithm }
        guard self == expected else { throw .invalidKey(reason: "\(keyName) keys cannot be used with \(self)") }
    }
}

extension Curve25519.Signing.PublicKey: COSEVerifier {
    public func verify(signature: [UInt8], toBeSigned: [UInt8], algorithm: COSEAlgorithm) throws(COSEError) {
        try algorithm.require(.edDSA, keyName: "Ed25519")
        guard isValidSignature(signature, for: toBeSigned) else { throw .signatureMismatch }
    }
}

extension P256.Signing.PublicKey: COSEVerifier {
    public func verify(signature: [UInt8], toBeSigned: [UInt8], algorithm: COSEAlgorithm) throws(COSEError) {
        try algorithm.require(.es256, keyName: "P-256")
        // RFC 9053 §2.1: the signature is r‖s, each 32 bytes; any other length is invalid.
        guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature),
            isValidSignature(ecdsa, for: toBeSigned)
        else { throw .signatureMismatch }
    }
}

extension COSEKey: COSEVerifier {
    public func verify(signature: [UInt8], toBeSigned: [UInt8], algorithm: COSEAlgorithm) throws(COSEError) {
        guard algorithm.isSupported else { throw .unsupportedAlgorithm }
        try requireOperation(.verify)
        let implied = try impliedAlgorithm()
        guard implied == algorithm else {
            throw .invalidKey(reason: "a key of type \(keyType.rawValue) cannot be used with \(algorithm)")
        }
        switch implied {
        case .edDSA: try ed25519PublicKey().verify(signature: signature, toBeSigned: toBeSigned, algorithm: algorithm)
        case .es256: try p256PublicKey().verify(signature: signature, toBeSigned: toBeSigned, algorithm: algorithm)
        case .other: throw .unsupportedAlgorithm
        }
    }
}
