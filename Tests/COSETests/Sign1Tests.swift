import CBOR
import COSE
import Crypto
import Testing
import TestSupport

/// COSE_Sign1: signing and verifying with both algorithms and every kind of key, the
/// Sig_structure bytes, external AAD and detached payloads.
struct Sign1Tests {
    static let payload = Array("{\"method\": \"kvstore.get\", \"key\": \"k\"}".utf8)

    @Test func ed25519MessageRoundTripsTaggedAndUntagged() throws {
        let message = try COSESign1.sign(
            payload: Self.payload, protected: [.contentType: 60], unprotected: [.keyID: .bytes([7])],
            signer: TestKeys.ed25519)
        #expect(message.protected.labels == [1, 3])  // alg added first
        #expect(message.protectedBytes.hex == "a201270318" + "3c")
        for tagged in [true, false] {
            let decoded = try COSESign1(decoding: message.encoded(tagged: tagged))
            #expect(decoded == message)
            #expect(decoded.encoded(tagged: tagged) == message.encoded(tagged: tagged))
            try decoded.verify(with: TestKeys.ed25519.publicKey)
            try decoded.verify(with: COSEKey(publicKey: TestKeys.ed25519.publicKey))
        }
        #expect(message.encoded().first == 0xD2 && message.encoded(tagged: false).first == 0x84)
    }

    @Test func es256SignatureIsRawRAndS() throws {
        let message = try COSESign1.sign(payload: Self.payload, signer: TestKeys.p256)
        #expect(message.signature.count == 64)
        #expect(try message.algorithm() == .es256)
        let raw = try P256.Signing.ECDSASignature(rawRepresentation: message.signature)
        #expect(TestKeys.p256.publicKey.isValidSignature(raw, for: try message.toBeSigned()))
        try COSESign1(decoding: message.encoded()).verify(with: TestKeys.p256.publicKey)
        try COSESign1(decoding: message.encoded()).verify(with: COSEKey(privateKey: TestKeys.p256))
    }

    @Test func coseKeySignsLikeTheSwiftCryptoKey() throws {
        let fromKey = try COSESign1.sign(payload: Self.payload, signer: COSEKey(privateKey: TestKeys.ed25519))
        let fromCrypto = try COSESign1.sign(payload: Self.payload, signer: TestKeys.ed25519)
        #expect(try fromKey.algorithm() == .edDSA)
        #if os(Linux)
            #expect(fromKey == fromCrypto)  // Ed25519 is deterministic in BoringSSL
        #endif
        try fromCrypto.verify(with: COSEKey(publicKey: TestKeys.ed25519.publicKey))
    }

    @Test func headerNamingAnotherAlgorithmThanTheSignerIsRefused() {
        #expect(throws: COSEError.invalidKey(reason: "the headers name ES256 but the signer uses EdDSA")) {
            try COSESign1.sign(payload: [1], protected: [.algorithm: -7], signer: TestKeys.ed25519)
        }
        #expect(throws: COSEError.unsupportedAlgorithm) {
            try COSESign1.sign(payload: [1], protected: [.algorithm: -35], signer: TestKeys.ed25519)
        }
    }

    /// The Sig_structure written by the lean path equals the value-tree encoding of
    /// `["Signature1", body_protected, external_aad, payload]` at every length boundary.
    @Test(arguments: [0, 1, 23, 24, 255, 256, 65535, 65536])
    func sigStructureEqualsTheValueTreeEncoding(_ size: Int) throws {
        let payload = [UInt8](repeating: 0x5A, count: size)
        let aad = [UInt8](repeating: 0xAA, count: size / 2)
        let message = try COSESign1.sign(payload: payload, externalAAD: aad, signer: TestKeys.ed25519)
        let expected: CBOR = ["Signature1", .bytes(message.protectedBytes), .bytes(aad), .bytes(payload)]
        #expect(try message.toBeSigned(externalAAD: aad) == expected.encoded())
        try message.verify(with: TestKeys.ed25519.publicKey, externalAAD: aad)
    }

    @Test func protectedBucketSentAsAnEmptyMapCountsAsZeroBytes() throws {
        // RFC 9052 §3: recipients accept h'a0' for "no protected parameters"; the Sig_structure
        // uses the zero-length string, as in the cose-wg sign-pass-01 example.
        let signed = try COSESign1.sign(payload: Self.payload, unprotected: [.algorithm: -8], signer: TestKeys.ed25519)
        let resent = CBOR.tagged(18, [.bytes([0xA0]), [1: -8], .bytes(Self.payload), .bytes(signed.signature)])
        let decoded = try COSESign1(decoding: resent.encoded())
        #expect(decoded.protectedBytes == [0xA0] && decoded.protected.isEmpty)
        #expect(try decoded.toBeSigned() == signed.toBeSigned())
        try decoded.verify(with: TestKeys.ed25519.publicKey)
        #expect(decoded.encoded() == resent.encoded())  // the bytes as sent are kept
    }

    @Test func externalAADMustMatch() throws {
        let aad = Array("request-id:42".utf8)
        let message = try COSESign1.sign(payload: Self.payload, externalAAD: aad, signer: TestKeys.p256)
        try message.verify(with: TestKeys.p256.publicKey, externalAAD: aad)
        #expect(throws: COSEError.signatureMismatch) { try message.verify(with: TestKeys.p256.publicKey) }
    }

    @Test func detachedPayloadIsNullAndSuppliedAtVerification() throws {
        let message = try COSESign1.sign(payload: Self.payload, detached: true, signer: TestKeys.ed25519)
        let decoded = try COSESign1(decoding: message.encoded())
        #expect(decoded.payload == nil)
        #expect(
            try CBOR(decoding: message.encoded())
                == .tagged(18, [.bytes(message.protectedBytes), [:], .null, .bytes(message.signature)]))
        try decoded.verify(with: TestKeys.ed25519.publicKey, detachedPayload: Self.payload)
        #expect(throws: COSEError.signatureMismatch) {
            try decoded.verify(with: TestKeys.ed25519.publicKey, detachedPayload: Self.payload + [0])
        }
        #expect(throws: COSEError.malformedStructure(reason: "the payload is detached and none was supplied")) {
            try decoded.verify(with: TestKeys.ed25519.publicKey)
        }
        let attached = try COSESign1.sign(payload: Self.payload, signer: TestKeys.ed25519)
        #expect(throws: COSEError.malformedStructure(reason: "a detached payload was supplied but the message has one"))
        {
            try attached.verify(with: TestKeys.ed25519.publicKey, detachedPayload: Self.payload)
        }
    }

    @Test func unprotectedHeaderMayChangeWithoutBreakingTheSignature() throws {
        var message = try COSESign1.sign(
            payload: Self.payload, unprotected: [.keyID: .bytes([1])], signer: TestKeys.ed25519)
        message.unprotected.keyID = [2]
        try COSESign1(decoding: message.encoded()).verify(with: TestKeys.ed25519.publicKey)
    }
}
