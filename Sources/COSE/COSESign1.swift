import CBOR

/// A COSE_Sign1 message (RFC 9052 §4.2): one signature over a payload.
///
/// ```swift
/// let message = try COSESign1.sign(payload: bytes, unprotected: [.keyID: .bytes(kid)], signer: privateKey)
/// let wire = message.encoded()                       // tagged 18
/// try COSESign1(decoding: wire).verify(with: publicKey)
/// ```
public struct COSESign1: Sendable, Hashable {
    /// The CBOR tag of a COSE_Sign1 message.
    public static let tag: UInt64 = 18

    /// The protected header parameters (covered by the signature).
    public let protected: COSEHeaderMap
    /// The protected bucket exactly as sent: the bytes inside the bstr.
    public let protectedBytes: [UInt8]
    /// The unprotected header parameters.
    public var unprotected: COSEHeaderMap
    /// The payload, or `nil` when it is detached (sent apart from the message).
    public var payload: [UInt8]?
    /// The signature: 64 bytes for EdDSA (Ed25519) and ES256 (r‖s).
    public var signature: [UInt8]

    /// A message from its parts; the protected bucket is serialized from `protected`.
    public init(protected: COSEHeaderMap, unprotected: COSEHeaderMap, payload: [UInt8]?, signature: [UInt8]) {
        self.init(
            protected: protected, protectedBytes: protected.protectedSerialization, unprotected: unprotected,
            payload: payload, signature: signature)
    }

    init(
        protected: COSEHeaderMap, protectedBytes: [UInt8], unprotected: COSEHeaderMap, payload: [UInt8]?,
        signature: [UInt8]
    ) {
        self.protected = protected
        self.protectedBytes = protectedBytes
        self.unprotected = unprotected
        self.payload = payload
        self.signature = signature
    }

    /// Signs `payload`. The signer's algorithm is added to the protected header unless
    /// one of the headers names it already; with `detached` the message omits the payload.
    public static func sign(
        payload: [UInt8], protected: COSEHeaderMap = [:], unprotected: COSEHeaderMap = [:],
        externalAAD: [UInt8] = [], detached: Bool = false, signer: some COSESigner
    ) throws(COSEError) -> COSESign1 {
        let protected = try HeaderRules.protectedForSigning(protected, unprotected, signer: signer)
        let protectedBytes = protected.protectedSerialization
        let toBeSigned = SignatureStructure.signature1(
            bodyProtected: protectedBytes, externalAAD: externalAAD, payload: payload)
        return COSESign1(
            protected: protected, protectedBytes: protectedBytes, unprotected: unprotected,
            payload: detached ? nil : payload, signature: try signer.sign(toBeSigned: toBeSigned))
    }

    /// The algorithm the headers name (protected first); throws when it is missing or
    /// not supported.
    public func algorithm() throws(COSEError) -> COSEAlgorithm {
        try HeaderRules.algorithm(protected: protected, unprotected: unprotected)
    }

    /// The encoded Sig_structure ("Signature1") that the signature covers.
    public func toBeSigned(externalAAD: [UInt8] = [], detachedPayload: [UInt8]? = nil) throws(COSEError) -> [UInt8] {
        SignatureStructure.signature1(
            bodyProtected: SignatureStructure.bodyProtected(protected, serialized: protectedBytes),
            externalAAD: externalAAD,
            payload: try SignatureStructure.content(payload: payload, detachedPayload: detachedPayload))
    }

    /// Checks the headers and the signature; returns normally only when both are good.
    /// Pass `detachedPayload` when the message was sent without its payload.
    public func verify(
        with verifier: some COSEVerifier, externalAAD: [UInt8] = [], detachedPayload: [UInt8]? = nil
    ) throws(COSEError) {
        let algorithm = try algorithm()
        try HeaderRules.validate(protected: protected, unprotected: unprotected)
        let toBeSigned = try toBeSigned(externalAAD: externalAAD, detachedPayload: detachedPayload)
        try verifier.verify(signature: signature, toBeSigned: toBeSigned, algorithm: algorithm)
    }
}
