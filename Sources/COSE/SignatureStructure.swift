import CBOR

/// Writes the Sig_structure of RFC 9052 §4.4 straight into a ``CBORWriter``, with no
/// value tree: it is built once per signature and once per verification.
///
///     Sig_structure = [ context, body_protected, ? sign_protected, external_aad, payload ]
enum SignatureStructure {
    /// `"Signature1"` as a CBOR text string.
    private static let signature1Context: [UInt8] = [0x6A] + Array("Signature1".utf8)
    /// `"Signature"` as a CBOR text string.
    private static let signatureContext: [UInt8] = [0x69] + Array("Signature".utf8)

    /// The bytes to sign for COSE_Sign1. `bodyProtected` is the protected bucket's
    /// serialization, zero bytes when it holds no parameters.
    static func signature1(bodyProtected: [UInt8], externalAAD: [UInt8], payload: [UInt8]) -> [UInt8] {
        var writer = CBORWriter(reservingCapacity: 32 + bodyProtected.count + externalAAD.count + payload.count)
        writer.writeArrayHeader(count: 4)
        writer.writeEncoded(signature1Context)
        writer.writeBytes(bodyProtected)
        writer.writeBytes(externalAAD)
        writer.writeBytes(payload)
        return writer.bytes
    }

    /// The bytes one signer of a COSE_Sign signs.
    static func signature(
        bodyProtected: [UInt8], signProtected: [UInt8], externalAAD: [UInt8], payload: [UInt8]
    ) -> [UInt8] {
        let capacity = 40 + bodyProtected.count + signProtected.count + externalAAD.count + payload.count
        var writer = CBORWriter(reservingCapacity: capacity)
        writer.writeArrayHeader(count: 5)
        writer.writeEncoded(signatureContext)
        writer.writeBytes(bodyProtected)
        writer.writeBytes(signProtected)
        writer.writeBytes(externalAAD)
        writer.writeBytes(payload)
        return writer.bytes
    }

    /// The protected bucket as the Sig_structure takes it: a bucket that decodes to an
    /// empty map counts as zero bytes, however it was sent (RFC 9052 §3, §4.4).
    static func bodyProtected(_ map: COSEHeaderMap, serialized: [UInt8]) -> [UInt8] {
        map.isEmpty ? [] : serialized
    }

    /// The content signed: the attached payload or the detached one, exactly one of them.
    static func content(payload: [UInt8]?, detachedPayload: [UInt8]?) throws(COSEError) -> [UInt8] {
        switch (payload, detachedPayload) {
        case let (payload?, nil): return payload
        case let (nil, detached?): return detached
        case (nil, nil): throw .malformedStructure(reason: "the payload is detached and none was supplied")
        case (_?, _?): throw .malformedStructure(reason: "a detached payload was supplied but the message has one")
        }
    }
}
