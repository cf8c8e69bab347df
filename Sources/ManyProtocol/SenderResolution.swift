import COSE
import ManyIdentity

/// Who signed an envelope, by the rules of many-rs's verifiers (`AnonymousVerifier`,
/// `CoseKeyVerifier`, `Ed25519Verifier`, `EcDsaVerifier`) and the specification's
/// envelope identity algorithm. Every failure is ``ManyError/couldNotVerifySignature(_:)``
/// with many-rs's reason as details.
enum SenderResolution {
    static func resolve(_ envelope: COSESign1) throws(ManyError) -> Address {
        // No key id: anonymous, which must carry no signature.
        guard let keyID = envelope.protected.keyID, !keyID.isEmpty else {
            guard envelope.signature.isEmpty else { throw .couldNotVerifySignature("Anonymous requires no signature.") }
            return .anonymous
        }
        let claimed: Address
        do {
            claimed = try Address(bytes: keyID)
        } catch {
            throw .couldNotVerifySignature("the key id is not an address (\(error))")
        }
        if claimed.isAnonymous { return .anonymous }  // many-rs's AnonymousVerifier accepts a kid of h'00'
        guard let keys = Keyset.keys(in: envelope.protected) else {
            throw .couldNotVerifySignature("Could not find keyset in headers.")
        }
        guard let key = keys.first(where: { $0.keyID == keyID }) else {
            throw .couldNotVerifySignature("Could not find the key in keyset.")
        }
        let verifier: PublicKeyVerifier
        do {
            verifier = try PublicKeyVerifier(publicKey: key)
        } catch {
            throw .couldNotVerifySignature("Algorithm unsupported. (\(error))")
        }
        guard verifier.address.matches(claimed) else {
            throw .couldNotVerifySignature(
                "Address in envelope does not match expected address. Expected: \(verifier.address), Actual: \(claimed)")
        }
        try checkSignature(envelope, verifier)
        return claimed
    }

    /// many-rs checks the signature with the key's algorithm and does not read `alg`;
    /// we also refuse an `alg` header that names another algorithm than the key's.
    private static func checkSignature(_ envelope: COSESign1, _ verifier: PublicKeyVerifier) throws(ManyError) {
        guard let keyAlgorithm = verifier.publicKey.algorithm else { throw .couldNotVerifySignature("Algorithm unsupported.") }
        if let named = envelope.protected[.algorithm] ?? envelope.unprotected[.algorithm], named != .int(keyAlgorithm.rawValue) {
            throw .couldNotVerifySignature("the envelope's alg \(named) is not the key's \(keyAlgorithm)")
        }
        do {
            let toBeSigned = try envelope.toBeSigned()
            try verifier.verify(signature: envelope.signature, toBeSigned: toBeSigned, algorithm: keyAlgorithm)
        } catch {
            throw .couldNotVerifySignature(String(describing: error))
        }
    }
}
