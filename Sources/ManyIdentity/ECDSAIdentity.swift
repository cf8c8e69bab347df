import COSE
import Crypto

/// An ECDSA P-256 key pair as a MANY identity (many-rs `EcDsaIdentity`); it signs ES256
/// (r‖s, 64 bytes).
public struct ECDSAIdentity: SigningIdentity {
    /// The private key.
    public let privateKey: P256.Signing.PrivateKey
    /// The identity's MANY public key.
    public let cosePublicKey: COSEKey
    public let address: Address

    /// An identity for `privateKey`.
    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
        let point = Array(privateKey.publicKey.rawRepresentation)
        cosePublicKey = .manyP256PublicKey(x: Array(point[..<32]), y: Array(point[32...]))
        do {
            address = try Address(publicKey: cosePublicKey)
        } catch {
            preconditionFailure("an ES256 key with x and y always has an address: \(error)")
        }
    }

    /// An identity from a PKCS#8 `PRIVATE KEY` (`openssl genpkey -algorithm EC -pkeyopt
    /// ec_paramgen_curve:P-256`, `ssh-keygen -m pkcs8 -t ecdsa`) or SEC1 `EC PRIVATE KEY` PEM.
    public init(pem: String) throws(PEMError) {
        guard case let .p256(key) = try PrivateKeyPEM.parse(pem) else {
            throw .unsupportedAlgorithm(oid: PrivateKeyPEM.ed25519OID)
        }
        self.init(privateKey: key)
    }

    public var publicKey: COSEKey? { cosePublicKey }

    public func signingAlgorithm() -> COSEAlgorithm { .es256 }

    public func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8] {
        try privateKey.sign(toBeSigned: toBeSigned)
    }
}
