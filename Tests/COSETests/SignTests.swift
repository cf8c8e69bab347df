import CBOR
import COSE
import Crypto
import Testing
import TestSupport

/// COSE_Sign: several signers over one payload, each with its own algorithm and headers.
struct SignTests {
    static let payload = Array("This is the content.".utf8)

    static func twoSigners(detached: Bool = false) throws -> COSESign {
        var message = COSESign(protected: [.contentType: 0], payload: detached ? nil : payload)
        let content = detached ? payload : nil
        try message.addSignature(
            unprotected: [.keyID: .bytes([0x65, 0x64])], detachedPayload: content, signer: TestKeys.ed25519)
        try message.addSignature(
            unprotected: [.keyID: .bytes([0x70])], externalAAD: [9], detachedPayload: content,
            signer: COSEKey(privateKey: TestKeys.p256))
        return message
    }

    @Test func eachSignerVerifiesWithItsOwnKey() throws {
        let message = try Self.twoSigners()
        let decoded = try COSESign(decoding: message.encoded())
        #expect(decoded == message)
        #expect(decoded.signatures.count == 2)
        #expect(try decoded.signatures.map { try $0.algorithm() } == [.edDSA, .es256])
        try decoded.verify(signatureAt: 0, with: TestKeys.ed25519.publicKey)
        try decoded.verify(signatureAt: 1, with: TestKeys.p256.publicKey, externalAAD: [9])
        try decoded.verify(signatureAt: 1, with: COSEKey(publicKey: TestKeys.p256.publicKey), externalAAD: [9])
    }

    @Test func aSignerIsNotVerifiedWithAnotherSignersKey() throws {
        let message = try Self.twoSigners()
        #expect(throws: COSEError.invalidKey(reason: "P-256 keys cannot be used with EdDSA")) {
            try message.verify(signatureAt: 0, with: TestKeys.p256.publicKey)
        }
        #expect(throws: COSEError.signatureMismatch) {
            try message.verify(signatureAt: 0, with: TestKeys.otherEd25519.publicKey)
        }
    }

    @Test func changedPayloadFailsForEverySigner() throws {
        var message = try Self.twoSigners()
        message.payload![0] ^= 0x20
        #expect(throws: COSEError.signatureMismatch) {
            try message.verify(signatureAt: 0, with: TestKeys.ed25519.publicKey)
        }
        #expect(throws: COSEError.signatureMismatch) {
            try message.verify(signatureAt: 1, with: TestKeys.p256.publicKey, externalAAD: [9])
        }
    }

    @Test func sigStructureHasTheSignersProtectedBucket() throws {
        let message = try Self.twoSigners()
        let expected: CBOR = [
            "Signature", .bytes(message.protectedBytes), .bytes(message.signatures[1].protectedBytes), .bytes([9]),
            .bytes(Self.payload),
        ]
        #expect(try message.toBeSigned(signatureAt: 1, externalAAD: [9]) == expected.encoded())
        #expect(message.signatures[1].protectedBytes.hex == "a10126")
    }

    @Test func detachedPayloadWorksForEverySigner() throws {
        let message = try COSESign(decoding: Self.twoSigners(detached: true).encoded())
        #expect(message.payload == nil)
        try message.verify(signatureAt: 0, with: TestKeys.ed25519.publicKey, detachedPayload: Self.payload)
        try message.verify(
            signatureAt: 1, with: TestKeys.p256.publicKey, externalAAD: [9], detachedPayload: Self.payload)
    }

    @Test func untaggedMessageDecodes() throws {
        let message = try Self.twoSigners()
        #expect(message.encoded(tagged: false).first == 0x84)
        #expect(try COSESign(decoding: message.encoded(tagged: false)) == message)
    }
}
