import COSE
import Crypto

/// Ed25519 over a ~200-byte payload, through ``COSESign1`` and through swift-crypto
/// directly; the difference is the COSE overhead (headers, Sig_structure, CBOR).
public struct SigningWorkload: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public let publicKey: Curve25519.Signing.PublicKey
    public let keyID: [UInt8]
    public let payload: [UInt8]
    /// A COSE_Sign1 message over ``payload``, for the verify benchmarks.
    public let message: [UInt8]
    /// A raw Ed25519 signature over ``payload``.
    public let rawSignature: [UInt8]

    public static let payloadByteCount = 200

    public init() throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Pattern.bytes(count: 32, seed: 6))
        publicKey = privateKey.publicKey
        keyID = Pattern.bytes(count: 32, seed: 7)
        payload = Pattern.bytes(count: Self.payloadByteCount, seed: 8)
        message = try COSESign1.sign(payload: payload, unprotected: [.keyID: .bytes(keyID)], signer: privateKey)
            .encoded()
        rawSignature = Array(try privateKey.signature(for: payload))
    }

    /// Signs the payload and encodes the COSE_Sign1 message (tagged 18).
    public func coseSign() throws -> [UInt8] {
        try COSESign1.sign(payload: payload, unprotected: [.keyID: .bytes(keyID)], signer: privateKey).encoded()
    }

    /// Decodes ``message`` and verifies it.
    public func coseVerify() throws {
        try COSESign1(decoding: message).verify(with: publicKey)
    }

    public func rawSign() throws -> [UInt8] {
        Array(try privateKey.signature(for: payload))
    }

    public func rawVerify() -> Bool {
        publicKey.isValidSignature(rawSignature, for: payload)
    }
}
