import CBOR
import COSE
import Crypto
import Testing
import TestSupport

/// COSE_Key: the integer labels of RFC 9052 §7 / RFC 9053 §7, round trips, conversion to
/// swift-crypto keys, and parameters we do not model kept as they were.
struct COSEKeyTests {
    static let ed25519PublicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

    @Test func ed25519PublicKeyEncodesWithIntegerLabels() {
        let key = COSEKey(publicKey: TestKeys.ed25519.publicKey)
        // {1: 1, -1: 6, -2: h'd75a...'}
        #expect(key.encoded().hex == "a301012006215820" + Self.ed25519PublicHex)
    }

    @Test func ed25519KeyPairRoundTrips() throws {
        let key = COSEKey(privateKey: TestKeys.ed25519, keyID: [0x31, 0x31])
        let decoded = try COSEKey(decoding: key.encoded())
        #expect(decoded == key)
        #expect(try CBOR(decoding: key.encoded()).mapValue?.map(\.key) == [1, 2, -1, -2, -4])
        #expect(try decoded.ed25519PrivateKey().rawRepresentation == TestKeys.ed25519.rawRepresentation)
        #expect(try decoded.ed25519PublicKey().rawRepresentation == TestKeys.ed25519.publicKey.rawRepresentation)
        #expect(try decoded.signingAlgorithm() == .edDSA)
        #expect(decoded.publicKey.d == nil && decoded.publicKey.x == decoded.x)
        #expect(decoded.description == "COSEKey(kty 1, crv 6, kid 2 bytes, private)")  // d never printed
    }

    @Test func p256KeyPairRoundTrips() throws {
        let key = COSEKey(privateKey: TestKeys.p256)
        let decoded = try COSEKey(decoding: key.encoded())
        #expect(decoded == key)
        let map = try #require(try CBOR(decoding: key.encoded()).mapValue)
        #expect(map.map(\.key) == [1, -1, -2, -3, -4])
        #expect(map[0].value == 2 && map[1].value == 1)
        #expect(decoded.x?.count == 32 && decoded.y?.count == 32 && decoded.d?.count == 32)
        #expect(try decoded.p256PrivateKey().rawRepresentation == TestKeys.p256.rawRepresentation)
        #expect(try decoded.p256PublicKey().rawRepresentation == TestKeys.p256.publicKey.rawRepresentation)
        #expect(try decoded.signingAlgorithm() == .es256)
    }

    @Test func unmodelledParametersAreKeptInOrder() throws {
        let x = [UInt8](hex: Self.ed25519PublicHex)
        let map: CBOR = [1: 1, 5: .bytes([0]), -1: 6, "use": "sig", -2: .bytes(x), -99: [1, 2], 3: -8, 4: [2, "x"]]
        let key = try COSEKey(cbor: map)
        #expect(key.keyType == .okp && key.curve == .ed25519 && key.x == x)
        #expect(key.algorithm == .edDSA)
        #expect(key.keyOperations == [.verify, .name("x")])
        #expect(key.otherParameters.labels == [5, "use", -99])
        #expect(key.otherParameters["use"] == "sig")
        let again = try COSEKey(decoding: key.encoded())
        #expect(again == key)
        #expect(
            Set(try #require(try CBOR(decoding: key.encoded()).mapValue).map(\.key)) == Set(map.mapValue!.map(\.key)))
    }

    @Test func otherKeyTypesKeepTheirNegativeLabels() throws {
        // A symmetric key (kty 4): -1 is k, not crv.
        let map: CBOR = [1: 4, 2: .bytes([1]), -1: .bytes([UInt8](repeating: 9, count: 16))]
        let key = try COSEKey(cbor: map)
        #expect(key.keyType == .other(4) && key.curve == nil && key.keyID == [1])
        #expect(key.otherParameters[-1] == .bytes([UInt8](repeating: 9, count: 16)))
        #expect(key.cbor == map)
        #expect(throws: COSEError.invalidKey(reason: "key type 4 with curve missing is not supported")) {
            try key.signingAlgorithm()
        }
    }

    @Test func compressedPointIsKeptButNotUsable() throws {
        let point = Array(TestKeys.p256.publicKey.rawRepresentation)
        let key = try COSEKey(cbor: [1: 2, -1: 1, -2: .bytes(Array(point[..<32])), -3: true])
        #expect(key.y == nil && key.otherParameters[-3] == true)
        #expect(throws: COSEError.invalidKey(reason: "y is missing or compressed (not supported)")) {
            try key.p256PublicKey()
        }
    }

    @Test func privatePartMustMatchPublicPart() {
        var ed = COSEKey(privateKey: TestKeys.ed25519)
        ed.x = COSEKey(publicKey: TestKeys.otherEd25519.publicKey).x
        #expect(throws: COSEError.invalidKey(reason: "x is not the public key of d")) { try ed.ed25519PrivateKey() }
        var p256 = COSEKey(privateKey: TestKeys.p256)
        p256.y = COSEKey(publicKey: TestKeys.otherP256.publicKey).y
        #expect(throws: COSEError.invalidKey(reason: "y is not the public key of d")) { try p256.p256PrivateKey() }
    }

    @Test func pointOffTheCurveIsRejected() {
        let key = COSEKey(
            keyType: .ec2, curve: .p256, x: [UInt8](repeating: 1, count: 32), y: [UInt8](repeating: 1, count: 32))
        #expect(throws: COSEError.invalidKey(reason: "(x, y) is not a point on P-256")) { try key.p256PublicKey() }
    }

    static let malformedKeys: [(map: CBOR, reason: String)] = [
        (CBOR.array([]), "a COSE_Key must be a map"),
        (CBOR.map([(-1, 6)]), "kty is missing"),
        (CBOR.map([(1, "OKP")]), "kty must be an integer"),
        (CBOR.map([(1, 1), (2, "kid")]), "kid must be a byte string"),
        (CBOR.map([(1, 1), (3, "EdDSA")]), "alg must be an integer"),
        (CBOR.map([(1, 1), (4, 2)]), "key_ops must be an array"),
        (CBOR.map([(1, 1), (-2, "x")]), "x must be a byte string"),
        (CBOR.map([(1, 1), (1, 2)]), "label 1 appears twice"),
        (CBOR.map([(1, 1), (.bytes([1]), 2)]), "a COSE_Key label must be an integer or text"),
    ]

    @Test(arguments: malformedKeys)
    func malformedKeyIsInvalidKey(_ map: CBOR, _ reason: String) {
        #expect(throws: COSEError.invalidKey(reason: reason)) { try COSEKey(cbor: map) }
    }

    @Test func restrictionsOfTheKeyAreEnforced() throws {
        var restricted = COSEKey(privateKey: TestKeys.ed25519)
        restricted.keyOperations = [.verify]
        #expect(throws: COSEError.invalidKey(reason: "key_ops does not allow sign")) {
            try COSESign1.sign(payload: [1], signer: restricted)
        }
        restricted.keyOperations = nil
        restricted.algorithm = .es256
        #expect(throws: COSEError.invalidKey(reason: "alg ES256 does not fit the key's curve")) {
            try COSESign1.sign(payload: [1], signer: restricted)
        }
        restricted.algorithm = .other(-35)
        #expect(throws: COSEError.unsupportedAlgorithm) { try COSESign1.sign(payload: [1], signer: restricted) }
    }

    /// MANY sends keys as a COSE_KeySet inside a header: they survive the trip.
    @Test func keySetInAHeaderSurvivesTheMessage() throws {
        let keys = [
            COSEKey(publicKey: TestKeys.ed25519.publicKey, keyID: [1]), COSEKey(publicKey: TestKeys.p256.publicKey),
        ]
        let message = try COSESign1.sign(
            payload: [0xA0], unprotected: ["keys": .array(keys.map(\.cbor))], signer: TestKeys.ed25519)
        let decoded = try COSESign1(decoding: message.encoded())
        let keySet = try #require(decoded.unprotected["keys"]?.arrayValue)
        var read: [COSEKey] = []
        for item in keySet { read.append(try COSEKey(cbor: item)) }
        #expect(read == keys)
        try decoded.verify(with: read[0])
    }
}
