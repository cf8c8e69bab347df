import Crypto
import Foundation
import ManyIdentity
import ManyServer
import Testing
import TestSupport

/// A MANY client written independently in Python (cbor2, hashlib's SHA3-224 and
/// `cryptography`'s Ed25519) from the many-rs layout: it signs requests, POSTs them with
/// urllib to our server on loopback, and checks the signed responses itself.
struct PythonPeerTests {
    static let script = #"""
        import sys, os, time, hashlib, base64, urllib.request, cbor2
        from cbor2 import CBORTag
        from cryptography.hazmat.primitives.asymmetric import ed25519
        from cryptography.hazmat.primitives import serialization

        from many_peer import *

        priv = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
        x = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        me = address('ed25519', priv.public_key())
        url = 'http://127.0.0.1:%s/' % sys.argv[1]

        def envelope(method, data=None, id=None, tamper=False):
            fields = {1: CBORTag(10000, me), 3: method}
            if data is not None:
                fields[4] = cbor2.dumps(data)
            fields[5] = CBORTag(1, int(time.time()))
            if id is not None:
                fields[6] = id
            fields[7] = os.urandom(16)
            payload = cbor2.dumps(CBORTag(10001, fields))
            keyset = cbor2.dumps([cose_key('ed25519', priv.public_key(), kid=me)])
            protected = cbor2.dumps({1: -8, 4: me, 'keyset': keyset})
            signature = priv.sign(cbor2.dumps(['Signature1', protected, b'', payload]))
            if tamper:
                signature = bytes([signature[0] ^ 1]) + signature[1:]
            return cbor2.dumps(CBORTag(18, [protected, {}, payload, signature]))

        def post(body):
            request = urllib.request.Request(url, data=body, method='POST', headers={'Content-Type': 'application/cbor'})
            with urllib.request.urlopen(request, timeout=10) as reply:
                assert reply.status == 200, reply.status
                return reply.read()

        def check(wire):
            """Verifies a response envelope; returns (server address, response fields)."""
            envelope = cbor2.loads(wire)
            assert envelope.tag == 18, envelope.tag
            protected_bytes, unprotected, payload, signature = envelope.value
            protected = cbor2.loads(protected_bytes)
            assert list(protected.keys()) == [1, 4, 'keyset'] and protected[1] == -8 and unprotected == {}
            keys = cbor2.loads(protected['keyset'])
            key = dict(keys[0])
            assert key.pop(2) == protected[4]
            assert address_of(key) == protected[4], 'kid is not the key address'
            ed25519.Ed25519PublicKey.from_public_bytes(key[-2]).verify(signature, cbor2.dumps(['Signature1', protected_bytes, b'', payload]))
            response = cbor2.loads(payload)
            assert response.tag == 10002
            fields = response.value
            assert fields[1] == CBORTag(10000, protected[4])
            return protected[4], fields

        server, fields = check(post(envelope('status', id=99)))
        assert fields[2] == CBORTag(10000, me) and fields[6] == 99
        status = cbor2.loads(fields[4])
        assert sorted(status.keys()) == [0, 1, 2, 3, 4, 5, 7], sorted(status.keys())
        assert status[0] == 1 and status[3] == CBORTag(10000, server) and status[7] == 300
        server_key = cbor2.loads(status[2])
        assert address_of(server_key) == server, 'status public key is not the server address'
        print('status', text(server), status[1], status[5], status[4])

        _, fields = check(post(envelope('calc.add', {0: 2, 1: 40}, id=1)))
        print('add', cbor2.loads(fields[4]))

        _, fields = check(post(envelope('heartbeat', tamper=True)))
        print('tampered', fields[4][0], 6 in fields)

        _, fields = check(post(b'\xa0garbage'))
        print('garbage', fields[4][0])

        _, fields = check(post(envelope('no.such.method', id=3)))
        print('unknown', fields[4][0], fields[6])
        print('client', text(me))
        """#

    @Test func pythonClientTalksToOurServer() async throws {
        let server = ManyServer(
            identity: Fixtures.server, name: "python-peer", configuration: ManyServerConfiguration(serverVersion: "9.9.9"))
        try server.register(CalculatorModule())
        let http = try await server.listen(port: 0)
        let port = http.port
        // The oracle blocks its thread while Python runs; keep it off the cooperative pool.
        let output: String = try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try PythonOracle.run(Self.script, arguments: [String(port)]) })
            }.start()
        }
        await http.shutdown()
        let python = Ed25519Identity(privateKey: try .init(rawRepresentation: Array(0..<32)))
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines == [
            "status \(Fixtures.server.address) python-peer 9.9.9 [0, 1000]",
            "add {0: 42}",
            "tampered -1002 False",
            "garbage -3",
            "unknown -8 3",
            "client \(python.address)",
        ])
    }
}
