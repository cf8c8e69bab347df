import Foundation
import ManyServer
import Testing
import TestSupport

/// A MANY client written independently in Python (cbor2, `cryptography`'s Ed25519, the
/// shared `many_peer` helpers) from many-rs's kvstore layouts (`_7_kvstore_commands/put.rs`
/// `{0: key, 1: value}`, `_3_kvstore/get.rs` `{0: value}`, `query.rs` `{0: owner, 1:
/// disabled}`): it signs kvstore calls, POSTs them to `many-kvstore`'s wiring on loopback,
/// and decodes the answers itself.
@Suite(.serialized)
struct PythonKVPeerTests {
    static let script = #"""
        import sys, os, time, urllib.request, cbor2
        from cbor2 import CBORTag
        from cryptography.hazmat.primitives.asymmetric import ed25519
        from many_peer import *

        url = 'http://127.0.0.1:%s/' % sys.argv[1]
        alice = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([7] * 32))
        bob = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([8] * 32))

        def call(priv, method, data):
            me = address('ed25519', priv.public_key())
            fields = {1: CBORTag(10000, me), 3: method, 4: cbor2.dumps(data), 5: CBORTag(1, int(time.time())), 7: os.urandom(16)}
            payload = cbor2.dumps(CBORTag(10001, fields))
            keyset = cbor2.dumps([cose_key('ed25519', priv.public_key(), kid=me)])
            protected = cbor2.dumps({1: -8, 4: me, 'keyset': keyset})
            signature = priv.sign(cbor2.dumps(['Signature1', protected, b'', payload]))
            body = cbor2.dumps(CBORTag(18, [protected, {}, payload, signature]))
            request = urllib.request.Request(url, data=body, method='POST', headers={'Content-Type': 'application/cbor'})
            with urllib.request.urlopen(request, timeout=10) as reply:
                envelope = cbor2.loads(reply.read())
            result = cbor2.loads(envelope.value[2]).value[4]
            return ('ok', cbor2.loads(result)) if isinstance(result, bytes) else ('error', result[0])

        print('put', call(alice, 'kvstore.put', {0: b'py-key', 1: b'py-value'}))
        print('get', call(bob, 'kvstore.get', {0: b'py-key'}))
        kind, query = call(bob, 'kvstore.query', {0: b'py-key'})
        print('query', text(query[0].value), query[1], query[0].tag)
        print('bob put', call(bob, 'kvstore.put', {0: b'py-key', 1: b'x'}))
        print('disable', call(alice, 'kvstore.disable', {0: b'py-key', 2: {0: 7, 1: 'bye'}}))
        print('get disabled', call(bob, 'kvstore.get', {0: b'py-key'}))
        print('query reason', call(bob, 'kvstore.query', {0: b'py-key'})[1][1])
        print('too long', call(alice, 'kvstore.put', {0: b'k' * 255, 1: b'v'}))
        print('alice', text(address('ed25519', alice.public_key())))
        """#

    @Test func pythonClientUsesTheKVStore() async throws {
        let many = ManyServer(identity: KVFixtures.identity(1), name: "many-kvstore")
        let output: String = try await KVTestServer.with(many: many) { (server) async throws in
            let port = Int(server.base.split(separator: ":").last!)!
            // The oracle blocks its thread while Python runs; keep it off the cooperative pool.
            return try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try PythonOracle.run(Self.script, arguments: [String(port)]) }) }.start()
            }
        }
        let alice = KVFixtures.identity(7).address
        #expect(output.split(separator: "\n").map(String.init) == [
            "put ('ok', None)",
            "get ('ok', {0: b'py-value'})",
            "query \(alice) False 10000",
            "bob put ('error', -30001)",
            "disable ('ok', None)",
            "get disabled ('error', -30003)",
            "query reason {0: 7, 1: 'bye'}",
            "too long ('error', -3)",
            "alice \(alice)",
        ])
    }
}
