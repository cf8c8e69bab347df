import CBOR
import Crypto
import ManyIdentity
import Testing
import TestSupport

@testable import ManyProtocol

/// An independent MANY envelope implementation in Python (cbor2, hashlib's SHA3-224 and
/// `cryptography` for Ed25519 / P-256), written from the many-rs layout: it builds signed
/// request envelopes that we must verify, and checks response envelopes we sign, including
/// the address it derives itself from the key (COSE key bytes, SHA3-224, base32, CRC-16).
struct PythonInteropTests {
    static let script = #"""
        import sys, hashlib, base64, datetime, cbor2
        from cbor2 import CBORTag
        from cryptography.hazmat.primitives.asymmetric import ed25519, ec
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature, decode_dss_signature
        from cryptography.hazmat.primitives import hashes, serialization

        from many_peer import *

        def make_request(kind, seed):
            if kind == 'ed25519':
                priv = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
                alg = -8
            else:
                priv = ec.derive_private_key(int.from_bytes(seed, 'big'), ec.SECP256R1())
                alg = -7
            addr = address(kind, priv.public_key())
            request = CBORTag(10001, {1: CBORTag(10000, addr), 3: 'ledger.info', 4: cbor2.dumps({0: 'x'}),
                                      5: CBORTag(1, 1700000000), 6: 42, 7: b'nonce'})
            payload = cbor2.dumps(request)
            keyset = cbor2.dumps([cose_key(kind, priv.public_key(), kid=addr)])
            protected = cbor2.dumps({1: alg, 4: addr, 'keyset': keyset})
            to_sign = cbor2.dumps(['Signature1', protected, b'', payload])
            envelope = cbor2.dumps(CBORTag(18, [protected, {}, payload, sign(kind, priv, to_sign)]))
            print('request', kind, text(addr), envelope.hex())

        def check_response(line):
            kind, wire = line.split()
            envelope = cbor2.loads(bytes.fromhex(wire))
            assert envelope.tag == 18, envelope.tag
            protected_bytes, unprotected, payload, signature = envelope.value
            protected = cbor2.loads(protected_bytes)
            assert list(protected.keys()) == [1, 4, 'keyset'], list(protected.keys())
            assert protected[1] == (-8 if kind == 'ed25519' else -7)
            assert unprotected == {}
            keys = cbor2.loads(protected['keyset'])
            assert len(keys) == 1 and keys[0][2] == protected[4]
            key = dict(keys[0])
            del key[2]
            kid = protected[4]
            assert kid == b'\x01' + hashlib.sha3_224(cbor2.dumps(key)).digest(), 'kid is not the key address'
            verify(kind, key, signature, cbor2.dumps(['Signature1', protected_bytes, b'', payload]))
            response = cbor2.loads(payload)
            assert response.tag == 10002
            fields = response.value
            assert fields[1].tag == 10000 and fields[1].value == kid
            assert isinstance(fields[5], datetime.datetime)  # cbor2 reads tag 1 as a datetime
            result = fields[4]
            shown = result.hex() if isinstance(result, bytes) else 'error%d' % result[0]
            print('response', kind, text(kid), shown, fields.get(6))

        for kind, seed in (('ed25519', bytes(range(32))), ('p256', bytes(range(1, 33)))):
            make_request(kind, seed)
        for line in sys.stdin.read().splitlines():
            check_response(line)
        """#

    @Test func pythonAndSwiftAgreeOnEnvelopes() throws {
        let ed25519 = Ed25519Identity(privateKey: try .init(rawRepresentation: Array(0..<32)))
        let p256 = ECDSAIdentity(privateKey: try .init(rawRepresentation: Array(1...32)))
        var input = ""
        for (kind, identity) in [("ed25519", ed25519 as any SigningIdentity), ("p256", p256)] {
            let request = RequestMessage(from: identity.address, method: "status", id: 5)
            let ok = ResponseMessage(answering: request, from: identity.address, data: .success([0xf6]))
            let failed = ResponseMessage(answering: request, from: identity.address, data: .failure(.invalidMethodName("x")))
            for response in [ok, failed] {
                input += "\(kind) \(try Envelope.sign(response, identity: identity).encoded().hex)\n"
            }
        }
        let lines = try PythonOracle.run(Self.script, input: input).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let requests = lines.filter { $0.first == "request" }
        #expect(requests.count == 2)
        for line in requests {
            let identity: any SigningIdentity = line[1] == "ed25519" ? ed25519 : p256
            #expect(line[2] == identity.address.description, "Python's address for \(line[1])")
            let (request, sender) = try Envelope.verify([UInt8](hex: line[3]))
            #expect(sender == identity.address)
            #expect(request.method == "ledger.info" && request.id == 42 && request.nonce == Array("nonce".utf8))
            #expect(request.timestamp == Timestamp(seconds: 1_700_000_000))
            #expect(try CBOR(decoding: request.data) == [0: "x"])
        }
        let responses = lines.filter { $0.first == "response" }
        #expect(responses.map { $0.dropFirst().joined(separator: " ") } == [
            "ed25519 \(ed25519.address) f6 5", "ed25519 \(ed25519.address) error-1000 5",
            "p256 \(p256.address) f6 5", "p256 \(p256.address) error-1000 5",
        ])
    }
}
