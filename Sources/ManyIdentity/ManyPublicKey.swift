import COSE
import SHA3

/// The COSE public keys of MANY identities, built as many-rs builds them
/// (`many-identity-dsa` `eddsa_cose_key` / `ecdsa_cose_key` with no `d`).
///
/// The public-key address is the SHA3-224 of this key's CBOR encoding, so every byte
/// matters: parameters in the order kty (1), alg (3), key_ops (4) = [verify (2)], crv (-1),
/// x (-2), y (-3); no kid. For Ed25519 that is
/// `a5 01 01 03 27 04 81 02 20 06 21 58 20 ‹x›`.
extension COSEKey {
    /// The MANY public key of an Ed25519 identity: `{1: 1, 3: -8, 4: [2], -1: 6, -2: x}`.
    public static func manyEd25519PublicKey(x: [UInt8]) -> COSEKey {
        COSEKey(keyType: .okp, curve: .ed25519, x: x, algorithm: .edDSA, keyOperations: [.verify])
    }

    /// The MANY public key of a P-256 identity: `{1: 2, 3: -7, 4: [2], -1: 1, -2: x, -3: y}`.
    public static func manyP256PublicKey(x: [UInt8], y: [UInt8]) -> COSEKey {
        COSEKey(keyType: .ec2, curve: .p256, x: x, y: y, algorithm: .es256, keyOperations: [.verify])
    }

    /// The MANY public key of any COSE key, as many-rs's `public_key()` derives it: the kind
    /// comes from `alg` alone (EdDSA takes `x`, ES256 takes `x` and `y`), every other
    /// parameter (kid, key_ops, d, …) is dropped.
    public func manyPublicKey() throws(IdentityError) -> COSEKey {
        switch algorithm {
        case .edDSA?:
            guard let x else { throw .missingParameter("x") }
            return .manyEd25519PublicKey(x: x)
        case .es256?:
            guard let x else { throw .missingParameter("x") }
            guard let y else { throw .missingParameter("y") }
            return .manyP256PublicKey(x: x, y: y)
        default:
            throw .unsupportedAlgorithm(algorithm)
        }
    }
}

extension Address {
    /// The public-key address of a COSE key: `01` ‖ SHA3-224 of the encoded
    /// ``COSE/COSEKey/manyPublicKey()``. The key is not checked to be on its curve;
    /// ``PublicKeyVerifier`` does that.
    public init(publicKey: COSEKey) throws(IdentityError) {
        let hash = SHA3_224.hash(try publicKey.manyPublicKey().encoded())
        self = .init(uncheckedPublicKeyHash: hash)
    }

    /// A public-key address from a hash known to be 28 bytes.
    init(uncheckedPublicKeyHash hash: [UInt8]) {
        do {
            try self.init(publicKeyHash: hash)
        } catch {
            preconditionFailure("SHA3-224 gave \(hash.count) bytes")
        }
    }
}
