import CBOR
import COSE
import Crypto
import ManyIdentity
import Testing
import TestSupport

@testable import ManyProtocol

/// Envelopes: the header layout many-rs signs with, sign/verify for each identity kind,
/// and every kind of bad envelope with the ManyError it must give.
struct EnvelopeTests {
    static let ed25519 = Ed25519Identity(privateKey: try! .init(rawRepresentation: [UInt8](repeating: 7, count: 32)))
    static let p256 = ECDSAIdentity(privateKey: try! .init(rawRepresentation: [UInt8](repeating: 9, count: 32)))
    static let other = Ed25519Identity(privateKey: try! .init(rawRepresentation: [UInt8](repeating: 8, count: 32)))

    static func request(from identity: any Identity, method: String = "status") -> RequestMessage {
        RequestMessage(from: identity.address, method: method, timestamp: Timestamp(seconds: 1_700_000_000), id: 1)
    }

    @Test func signedEnvelopeHasManyRsHeaders() throws {
        let envelope = try Envelope.sign(Self.request(from: Self.ed25519), identity: Self.ed25519)
        let wire = envelope.encoded()
        #expect(wire.first == 0xd2)  // tag 18
        let protected = try CBOR(decoding: envelope.protectedBytes)
        #expect(protected.mapValue?.map(\.key) == [1, 4, "keyset"])
        #expect(protected[1] == -8 && protected[4] == .bytes(Self.ed25519.address.bytes))
        let keyset = try CBOR(decoding: try #require(protected["keyset"]?.bytesValue))
        var key = Self.ed25519.cosePublicKey
        key.keyID = Self.ed25519.address.bytes
        #expect(keyset == .array([key.cbor]))  // {1: 1, 2: kid, 3: -8, 4: [2], -1: 6, -2: x}
        #expect(envelope.unprotected.isEmpty && envelope.signature.count == 64)
    }

    @Test(arguments: ["ed25519", "p256"])
    func signAndVerify(kind: String) throws {
        let identity: any SigningIdentity = kind == "ed25519" ? Self.ed25519 : Self.p256
        let request = Self.request(from: identity)
        let (decoded, sender) = try Envelope.verify(try Envelope.sign(request, identity: identity).encoded())
        #expect(decoded == request && sender == identity.address)
        let response = ResponseMessage(answering: request, from: identity.address, data: .success([0xf6]))
        let (back, responder) = try Envelope.verifyResponse(try Envelope.sign(response, identity: identity).encoded())
        #expect(back == response && responder == identity.address)
    }

    @Test func subresourceSenderSignsWithItsKey() throws {
        let account = try Self.ed25519.address.with(subresource: 3)
        let request = RequestMessage(from: account, method: "status")
        let (_, sender) = try Envelope.verify(try Envelope.sign(request, identity: Self.ed25519).encoded())
        #expect(sender == account)
    }

    @Test func anonymousEnvelopeIsUnsigned() throws {
        let request = Self.request(from: AnonymousIdentity())
        let envelope = try Envelope.sign(request, identity: AnonymousIdentity())
        #expect(envelope.protectedBytes.isEmpty && envelope.signature.isEmpty && envelope.unprotected.isEmpty)
        #expect(Array(envelope.encoded().prefix(4)).hex == "d28440a0")  // 18([h'', {}, …
        let (decoded, sender) = try Envelope.verify(envelope.encoded())
        #expect(decoded.method == request.method && decoded.sender == .anonymous && sender == .anonymous)
    }

    // MARK: Bad envelopes

    static func resign(_ envelope: COSESign1, protected: COSEHeaderMap, signer: some COSESigner) throws -> [UInt8] {
        try COSESign1.sign(payload: envelope.payload!, protected: protected, signer: signer).encoded()
    }

    static func expect(_ bytes: [UInt8], code: Int64, details: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Envelope.verify(bytes)
            Issue.record("accepted a bad envelope", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let details { #expect(error.argument("details") == details, sourceLocation: sourceLocation) }
        }
    }

    @Test func badEnvelopes() throws {
        let good = try Envelope.sign(Self.request(from: Self.ed25519), identity: Self.ed25519)
        let wire = good.encoded()
        Self.expect([], code: -3)
        Self.expect(Array(wire.prefix(wire.count / 2)), code: -3)
        Self.expect(Array(wire.dropFirst()), code: -3)                     // untagged
        Self.expect([0xd8, 0x62] + wire.dropFirst(), code: -3)               // tag 98
        Self.expect(Array("not cbor".utf8), code: -3)

        var tampered = good
        tampered.signature[0] ^= 1
        Self.expect(tampered.encoded(), code: -1002, details: "signature does not verify")

        // Signed by the key, but from someone else.
        let lie = try Envelope.sign(Self.request(from: Self.other), identity: Self.ed25519)
        Self.expect(lie.encoded(), code: -1001)
        // An anonymous envelope claiming a sender.
        let unsigned = try Envelope.sign(Self.request(from: Self.ed25519), identity: AnonymousIdentity())
        Self.expect(unsigned.encoded(), code: -1001)
        // Illegal from, built by hand (Envelope.sign refuses it).
        let illegal = try Envelope.sign(payload: RequestMessage(from: .illegal, method: "x").encoded(), identity: AnonymousIdentity())
        Self.expect(illegal.encoded(), code: -1001)
        #expect(throws: ManyError.invalidFromIdentity()) { try Envelope.sign(RequestMessage(from: .illegal, method: "x"), identity: Self.ed25519) }

        var headers = good.protected
        headers[.text("keyset")] = nil
        Self.expect(try Self.resign(good, protected: headers, signer: Self.ed25519), code: -1002, details: "Could not find keyset in headers.")
        headers = good.protected
        headers.keyID = Self.other.address.bytes
        Self.expect(try Self.resign(good, protected: headers, signer: Self.ed25519), code: -1002, details: "Could not find the key in keyset.")
        headers = good.protected
        headers.keyID = [9, 9]
        Self.expect(try Self.resign(good, protected: headers, signer: Self.ed25519), code: -1002)
        headers = good.protected
        headers[.text("keyset")] = .bytes([0xff])
        Self.expect(try Self.resign(good, protected: headers, signer: Self.ed25519), code: -1002, details: "Could not find keyset in headers.")
        // The keyset names another key under the signer's kid.
        headers = good.protected
        headers[.text("keyset")] = Keyset.headerValue(publicKey: Self.other.cosePublicKey, address: Self.ed25519.address)
        Self.expect(try Self.resign(good, protected: headers, signer: Self.other), code: -1002)
        // An anonymous-looking envelope with a signature.
        var signedAnonymous = try Envelope.sign(Self.request(from: AnonymousIdentity()), identity: AnonymousIdentity())
        signedAnonymous.signature = [1]
        Self.expect(signedAnonymous.encoded(), code: -1002, details: "Anonymous requires no signature.")
        // No payload.
        let detached = COSESign1(protected: [:], unprotected: [:], payload: nil, signature: [])
        Self.expect(detached.encoded(), code: -1004)
        // A payload that is not a request.
        let notRequest = try Envelope.sign(payload: [0xa0], identity: Self.ed25519)
        Self.expect(notRequest.encoded(), code: -3)
    }

    /// Every prefix and every byte flip of a signed envelope is rejected with a ManyError.
    @Test func mutationsNeverTrapAndNeverVerify() throws {
        let wire = try Envelope.sign(Self.request(from: Self.p256), identity: Self.p256).encoded()
        for length in 0..<wire.count {
            #expect(throws: ManyError.self) { try Envelope.verify(Array(wire.prefix(length))) }
        }
        for index in wire.indices {
            var flipped = wire
            flipped[index] ^= 0x01
            // A flip may land in the timestamp or id and still decode, but never verify.
            #expect(throws: ManyError.self) { try Envelope.verify(flipped) }
        }
    }
}
