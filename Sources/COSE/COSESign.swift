import CBOR

/// A COSE_Sign message (RFC 9052 §4.1): a payload signed by one or more signers, each
/// with its own headers and algorithm.
///
/// ```swift
/// var message = COSESign(payload: bytes)
/// try message.addSignature(unprotected: [.keyID: .bytes(kidA)], signer: ed25519Key)
/// try message.addSignature(unprotected: [.keyID: .bytes(kidB)], signer: p256Key)
/// try COSESign(decoding: message.encoded()).verify(signatureAt: 1, with: p256PublicKey)
/// ```
public struct COSESign: Sendable, Hashable {
    /// The CBOR tag of a COSE_Sign message.
    public static let tag: UInt64 = 98

    /// The message's protected header parameters (covered by every signature).
    public let protected: COSEHeaderMap
    /// The protected bucket exactly as sent.
    public let protectedBytes: [UInt8]
    /// The message's unprotected header parameters.
    public var unprotected: COSEHeaderMap
    /// The payload, or `nil` when it is detached.
    public var payload: [UInt8]?
    /// The signers' parts, in order; a message needs at least one to be encoded validly.
    public var signatures: [COSESignature]

    /// A message from its parts; the protected bucket is serialized from `protected`.
    public init(
        protected: COSEHeaderMap = [:], unprotected: COSEHeaderMap = [:], payload: [UInt8]?,
        signatures: [COSESignature] = []
    ) {
        self.init(
            protected: protected, protectedBytes: protected.protectedSerialization, unprotected: unprotected,
            payload: payload, signatures: signatures)
    }

    init(
        protected: COSEHeaderMap, protectedBytes: [UInt8], unprotected: COSEHeaderMap, payload: [UInt8]?,
        signatures: [COSESignature]
    ) {
        self.protected = protected
        self.protectedBytes = protectedBytes
        self.unprotected = unprotected
        self.payload = payload
        self.signatures = signatures
    }

    /// Signs the message as one more signer. The signer's algorithm is added to
    /// `protected` unless these signer headers name it already.
    public mutating func addSignature(
        protected: COSEHeaderMap = [:], unprotected: COSEHeaderMap = [:], externalAAD: [UInt8] = [],
        detachedPayload: [UInt8]? = nil, signer: some COSESigner
    ) throws(COSEError) {
        try HeaderRules.validate(protected: self.protected, unprotected: self.unprotected)
        let protected = try HeaderRules.protectedForSigning(protected, unprotected, signer: signer)
        let signerProtectedBytes = protected.protectedSerialization
        let toBeSigned = SignatureStructure.signature(
            bodyProtected: SignatureStructure.bodyProtected(self.protected, serialized: protectedBytes),
            signProtected: signerProtectedBytes, externalAAD: externalAAD,
            payload: try SignatureStructure.content(payload: payload, detachedPayload: detachedPayload))
        let signature = try signer.sign(toBeSigned: toBeSigned)
        signatures.append(
            COSESignature(
                protected: protected, protectedBytes: signerProtectedBytes, unprotected: unprotected,
                signature: signature))
    }

    /// The encoded Sig_structure ("Signature") that signature `index` covers.
    public func toBeSigned(
        signatureAt index: Int, externalAAD: [UInt8] = [], detachedPayload: [UInt8]? = nil
    ) throws(COSEError) -> [UInt8] {
        precondition(signatures.indices.contains(index), "no signature at index \(index)")
        let signer = signatures[index]
        return SignatureStructure.signature(
            bodyProtected: SignatureStructure.bodyProtected(protected, serialized: protectedBytes),
            signProtected: SignatureStructure.bodyProtected(signer.protected, serialized: signer.protectedBytes),
            externalAAD: externalAAD,
            payload: try SignatureStructure.content(payload: payload, detachedPayload: detachedPayload))
    }

    /// Checks the message's and signer `index`'s headers and that signer's signature.
    public func verify(
        signatureAt index: Int, with verifier: some COSEVerifier, externalAAD: [UInt8] = [],
        detachedPayload: [UInt8]? = nil
    ) throws(COSEError) {
        precondition(signatures.indices.contains(index), "no signature at index \(index)")
        let signer = signatures[index]
        let algorithm = try signer.algorithm()
        try HeaderRules.validate(protected: protected, unprotected: unprotected)
        try HeaderRules.validate(protected: signer.protected, unprotected: signer.unprotected)
        let toBeSigned = try toBeSigned(signatureAt: index, externalAAD: externalAAD, detachedPayload: detachedPayload)
        try verifier.verify(signature: signer.signature, toBeSigned: toBeSigned, algorithm: algorithm)
    }
}

extension COSESign {
    /// Decodes a COSE_Sign message, tagged (98) or untagged; any other tag is
    /// ``COSEError/wrongTag(_:)``.
    public init(decoding bytes: [UInt8], options: CBORDecodingOptions = .default) throws(COSEError) {
        var reader = MessageReader(bytes, options: options)
        let (protectedBytes, protected, unprotected, payload) = try reader.readMessageHead(
            tag: Self.tag, "COSE_Sign", options: options)
        let signerCount = try reader.readNonEmptyArrayHeader("signatures")
        var signatures: [COSESignature] = []
        for _ in 0..<signerCount {
            signatures.append(try COSESignature.read(from: &reader, options: options))
        }
        try reader.finish()
        self.init(
            protected: protected, protectedBytes: protectedBytes, unprotected: unprotected, payload: payload,
            signatures: signatures)
    }

    /// The message's encoding: `[protected, unprotected, payload / nil, [+ COSE_Signature]]`,
    /// behind tag 98 unless `tagged` is false.
    public func encoded(tagged: Bool = true) -> [UInt8] {
        var writer = CBORWriter(
            reservingCapacity: 32 + protectedBytes.count + (payload?.count ?? 0) + 96 * signatures.count)
        if tagged { writer.writeTag(Self.tag) }
        writer.writeArrayHeader(count: 4)
        writer.writeBytes(protectedBytes)
        unprotected.write(to: &writer)
        if let payload { writer.writeBytes(payload) } else { writer.writeNull() }
        writer.writeArrayHeader(count: signatures.count)
        for signature in signatures { signature.write(to: &writer) }
        return writer.bytes
    }
}
