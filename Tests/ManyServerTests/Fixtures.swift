import CBOR
import Crypto
import ManyIdentity
import ManyProtocol
import ManyServer

/// Identities and request envelopes for the server tests.
enum Fixtures {
    /// A fixed Ed25519 identity per seed byte, so failures reproduce.
    static func identity(_ seed: UInt8) -> Ed25519Identity {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
        return Ed25519Identity(privateKey: key)
    }

    static let server = identity(1)
    static let alice = identity(2)
    static let bob = identity(3)

    /// A signed request envelope from `identity`.
    static func envelope(_ request: RequestMessage, identity: any Identity = alice) -> [UInt8] {
        try! Envelope.sign(request, identity: identity).encoded()
    }

    /// A request from `identity` for `method`, timestamped now.
    static func request(
        _ method: String, data: [UInt8] = [], from identity: any Identity = alice, to: Address = .anonymous,
        timestamp: Timestamp? = .now(), id: UInt64? = 7, nonce: [UInt8]? = nil
    ) -> RequestMessage {
        RequestMessage(from: identity.address, to: to, method: method, data: data, timestamp: timestamp, id: id, nonce: nonce)
    }
}
