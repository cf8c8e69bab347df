import CBOR
import COSE
import ManyIdentity

/// MANY envelopes: tagged COSE_Sign1 messages (tag 18) whose payload is an encoded request
/// or response.
///
/// A signed envelope's protected header is, in this order, `{1: alg, 4: kid = the signer's
/// address bytes, "keyset": bstr(COSE_KeySet)}`; the unprotected header is empty (many-rs
/// `Ed25519Identity::sign_1` / `EcDsaIdentity::sign_1` after `add_keyset_header`). An
/// anonymous envelope has an empty protected header, no key id and an empty signature.
///
/// ```swift
/// let wire = try Envelope.sign(request, identity: identity).encoded()
/// let (request, sender) = try Envelope.verify(wire)          // throws ManyError
/// ```
public enum Envelope {
    /// Signs a request; an illegal `from` is ``ManyError/invalidFromIdentity()``.
    public static func sign(_ request: RequestMessage, identity: any Identity) throws(ManyError) -> COSESign1 {
        guard request.from?.isIllegal != true else { throw .invalidFromIdentity() }
        return try sign(payload: request.encoded(), identity: identity)
    }

    /// Signs a response.
    public static func sign(_ response: ResponseMessage, identity: any Identity) throws(ManyError) -> COSESign1 {
        try sign(payload: response.encoded(), identity: identity)
    }

    /// Wraps `payload` in an envelope signed by `identity`, or an unsigned one when the
    /// identity cannot sign (``ManyIdentity/AnonymousIdentity``).
    public static func sign(payload: [UInt8], identity: any Identity) throws(ManyError) -> COSESign1 {
        guard let signer = identity as? any SigningIdentity, let publicKey = signer.publicKey else {
            return COSESign1(protected: [:], unprotected: [:], payload: payload, signature: [])
        }
        do {
            var protected = COSEHeaderMap()
            protected.algorithm = try signer.signingAlgorithm()
            protected.keyID = signer.address.bytes
            protected[Keyset.label] = Keyset.headerValue(publicKey: publicKey, address: signer.address)
            return try COSESign1.sign(payload: payload, protected: protected, signer: signer)
        } catch {
            throw .unknown("could not sign the envelope: \(error)")
        }
    }

    /// Decodes and checks a request envelope; returns the request and its sender (the
    /// `from` address, which matches the signing key or is anonymous for unsigned envelopes).
    ///
    /// Errors: not a tagged COSE_Sign1 → -3 deserialization; bad key id, keyset, key or
    /// signature → -1002 could not verify signature; no payload → -1004; a payload that is
    /// not a request → -3; a `from` the key does not match, or illegal → -1001.
    public static func verify(_ bytes: [UInt8], options: CBORDecodingOptions = .default) throws(ManyError) -> (request: RequestMessage, sender: Address) {
        let (envelope, signer) = try open(bytes, options: options)
        guard let payload = envelope.payload else { throw .emptyEnvelope() }
        let request = try RequestMessage(decoding: payload, options: options)
        let from = request.sender
        guard !signer.isIllegal, !from.isIllegal, signer.matches(from) else { throw .invalidFromIdentity() }
        return (request, from)
    }

    /// Decodes and checks a response envelope; returns the response and the address that
    /// signed it. The response's `from` must match the signing key (-1001 otherwise).
    public static func verifyResponse(_ bytes: [UInt8], options: CBORDecodingOptions = .default) throws(ManyError) -> (response: ResponseMessage, sender: Address) {
        let (envelope, signer) = try open(bytes, options: options)
        guard let payload = envelope.payload else { throw .emptyEnvelope() }
        let response = try ResponseMessage(decoding: payload, options: options)
        guard !signer.isIllegal, !response.from.isIllegal, signer.matches(response.from) else {
            throw .invalidFromIdentity()
        }
        return (response, response.from)
    }

    /// Decodes a tagged COSE_Sign1 and resolves who signed it.
    static func open(_ bytes: [UInt8], options: CBORDecodingOptions) throws(ManyError) -> (COSESign1, Address) {
        var reader = CBORReader(bytes, options: options)
        try FieldReading.expectTag(&reader, COSESign1.tag, "envelope")
        let envelope: COSESign1
        do {
            envelope = try COSESign1(decoding: bytes, options: options)
        } catch {
            throw .deserializationError("envelope: \(error)")
        }
        return (envelope, try SenderResolution.resolve(envelope))
    }
}
