import COSE
import CBOR
import Crypto
import Testing
import TestSupport

@testable import ManyIdentity

/// Key pairs as MANY identities: many-rs's known addresses, the exact COSE public key
/// that is hashed, and the verifying side.
struct IdentityTests {
    @Test func manyRsEd25519KeyHasItsKnownAddress() throws {
        let identity = try Ed25519Identity(pem: Fixtures.manyRsEd25519PEM)
        #expect(identity.address.description == Fixtures.manyRsEd25519Address)
        #expect(try Address(publicKey: identity.cosePublicKey) == identity.address)
        // Exactly the bytes many-rs hashes: {1: 1, 3: -8, 4: [2], -1: 6, -2: x}.
        let x = identity.privateKey.publicKey.rawRepresentation
        #expect(identity.cosePublicKey.encoded().hex == "a50101032704810220062158 20".replacingOccurrences(of: " ", with: "") + Array(x).hex)
        #expect(try PrivateKeyPEM.identity(pem: Fixtures.manyRsEd25519PEM).address == identity.address)
    }

    @Test func manyRsP256KeyHasItsKnownAddress() throws {
        let identity = try ECDSAIdentity(pem: Fixtures.manyRsP256PEM)
        #expect(identity.address.description == Fixtures.manyRsP256Address)
        #expect(identity.address.bytes == Fixtures.manyRsP256AddressBytes)
        let keys = try #require(try CBOR(decoding: identity.cosePublicKey.encoded()).mapValue).map(\.key)
        #expect(keys == [1, 3, 4, -1, -2, -3])
        #expect(Array(identity.cosePublicKey.encoded().prefix(10)).hex == "a6010203260481022001")
        #expect(try PrivateKeyPEM.identity(pem: Fixtures.manyRsP256PEM).address == identity.address)
    }

    /// The address depends on the key only: kid, key_ops, d and unknown parameters are
    /// dropped before hashing, as many-rs's `public_key()` does.
    @Test func addressIgnoresEverythingButTheKey() throws {
        let identity = try Ed25519Identity(pem: Fixtures.manyRsEd25519PEM)
        var key = COSEKey(privateKey: identity.privateKey, keyID: identity.address.bytes)
        key.algorithm = .edDSA
        key.keyOperations = [.sign, .verify]
        key.otherParameters[.text("note")] = "hello"
        #expect(try Address(publicKey: key) == identity.address)
        #expect(try PublicKeyVerifier(publicKey: key).address == identity.address)
    }

    @Test func keysWithoutAUsableAlgorithmHaveNoAddress() throws {
        let identity = try Ed25519Identity(pem: Fixtures.manyRsEd25519PEM)
        var key = identity.cosePublicKey
        key.algorithm = nil
        #expect(throws: IdentityError.unsupportedAlgorithm(nil)) { try Address(publicKey: key) }
        key.algorithm = .other(-35)
        #expect(throws: IdentityError.unsupportedAlgorithm(.other(-35))) { try Address(publicKey: key) }
        key.algorithm = .es256
        #expect(throws: IdentityError.missingParameter("y")) { try Address(publicKey: key) }
        key = identity.cosePublicKey
        key.x = [1, 2, 3]
        #expect(try Address(publicKey: key).isPublicKey)  // many-rs hashes without checking
        #expect(throws: IdentityError.self) { try PublicKeyVerifier(publicKey: key) }
    }

    @Test(arguments: ["ed25519", "p256"])
    func verifierChecksSignaturesOfItsIdentity(kind: String) throws {
        let identity: any SigningIdentity = kind == "ed25519"
            ? try Ed25519Identity(pem: Fixtures.manyRsEd25519PEM) : try ECDSAIdentity(pem: Fixtures.manyRsP256PEM)
        let verifier = try PublicKeyVerifier(publicKey: try #require(identity.publicKey))
        #expect(verifier.address == identity.address)
        let message = try COSESign1.sign(payload: Array("FOOBAR".utf8), signer: identity)
        try message.verify(with: verifier)
        var tampered = message
        tampered.payload = Array("FOOBAZ".utf8)
        #expect(throws: COSEError.signatureMismatch) { try tampered.verify(with: verifier) }
    }

    /// many-rs's ECDSA verifier takes DER signatures as well as r‖s.
    @Test func es256VerifierAcceptsDERSignatures() throws {
        let identity = try ECDSAIdentity(pem: Fixtures.manyRsP256PEM)
        let verifier = try PublicKeyVerifier(publicKey: identity.cosePublicKey)
        let data = Array("FOOBAR".utf8)
        let der = Array(try identity.privateKey.signature(for: data).derRepresentation)
        try verifier.verify(signature: der, toBeSigned: data, algorithm: .es256)
        #expect(throws: COSEError.signatureMismatch) {
            try verifier.verify(signature: der, toBeSigned: data + [0], algorithm: .es256)
        }
        #expect(throws: COSEError.self) { try verifier.verify(signature: der, toBeSigned: data, algorithm: .edDSA) }
    }

    @Test func anonymousIdentityHasNoKey() {
        #expect(AnonymousIdentity().address == .anonymous)
        #expect(AnonymousIdentity().publicKey == nil)
    }
}
