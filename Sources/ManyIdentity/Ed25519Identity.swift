import COSE
import Crypto

/// An Ed25519 key pair as a MANY identity (many-rs `Ed25519Identity`).
///
/// ```swift
/// let identity = try Ed25519Identity(pem: String(contentsOfFile: "id.pem"))
/// print(identity.address)     // "maffbahks…"
/// ```
public struct Ed25519Identity: SigningIdentity {
    /// The private key.
    public let privateKey: Curve25519.Signing.PrivateKey
    /// The identity's MANY public key.
    public let cosePublicKey: COSEKey
    public let address: Address

    /// An identity for `privateKey`.
    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        cosePublicKey = .manyEd25519PublicKey(x: Array(privateKey.publicKey.rawRepresentation))
        do {
            address = try Address(publicKey: cosePublicKey)
        } catch {
            preconditionFailure("an EdDSA key with x always has an address: \(error)")
        }
    }

    /// An identity from a PKCS#8 `PRIVATE KEY` PEM (`openssl genpkey -algorithm Ed25519`).
    public init(pem: String) throws(PEMError) {
        guard case let .ed25519(key) = try PrivateKeyPEM.parse(pem) else {
            throw .unsupportedAlgorithm(oid: PrivateKeyPEM.ecPublicKeyOID)
        }
        self.init(privateKey: key)
    }

    public var publicKey: COSEKey? { cosePublicKey }

    public func signingAlgorithm() -> COSEAlgorithm { .edDSA }

    public func sign(toBeSigned: [UInt8]) throws(COSEError) -> [UInt8] {
        try privateKey.sign(toBeSigned: toBeSigned)
    }
}
