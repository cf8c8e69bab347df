import CBOR
import Crypto

/// A COSE_Key (RFC 9052 §7, RFC 9053 §7): an OKP (Ed25519) or EC2 (P-256) key, public
/// or private, with its common parameters.
///
/// Parameters this type does not model (Base IV, private labels, the parameters of
/// other key types) are kept in ``otherParameters`` so that a key read from a message
/// encodes back with the same content.
public struct COSEKey: Sendable, Hashable {
    /// `kty` (1).
    public var keyType: COSEKeyType
    /// `kid` (2).
    public var keyID: [UInt8]?
    /// `alg` (3): when set, the only algorithm the key may be used with.
    public var algorithm: COSEAlgorithm?
    /// `key_ops` (4): when set, the only operations the key may be used for.
    public var keyOperations: [COSEKeyOperation]?
    /// `crv` (-1) of an OKP or EC2 key.
    public var curve: COSECurve?
    /// `x` (-2): the public key of an OKP key, the x coordinate of an EC2 key.
    public var x: [UInt8]?
    /// `y` (-3): the y coordinate of an EC2 key (byte-string form).
    public var y: [UInt8]?
    /// `d` (-4): the private key.
    public var d: [UInt8]?
    /// Every other parameter, in the order read.
    public var otherParameters: COSEHeaderMap

    /// A key from its parameters.
    public init(
        keyType: COSEKeyType, curve: COSECurve? = nil, x: [UInt8]? = nil, y: [UInt8]? = nil, d: [UInt8]? = nil,
        keyID: [UInt8]? = nil, algorithm: COSEAlgorithm? = nil, keyOperations: [COSEKeyOperation]? = nil,
        otherParameters: COSEHeaderMap = [:]
    ) {
        self.keyType = keyType
        self.curve = curve
        self.x = x
        self.y = y
        self.d = d
        self.keyID = keyID
        self.algorithm = algorithm
        self.keyOperations = keyOperations
        self.otherParameters = otherParameters
    }

    /// Whether the key holds a private part (`d`).
    public var isPrivate: Bool { d != nil }

    /// The same key without its private part.
    public var publicKey: COSEKey {
        var key = self
        key.d = nil
        return key
    }
}

extension COSEKey {
    /// An OKP Ed25519 key pair.
    public init(privateKey: Curve25519.Signing.PrivateKey, keyID: [UInt8]? = nil) {
        self.init(
            keyType: .okp, curve: .ed25519, x: Array(privateKey.publicKey.rawRepresentation),
            d: Array(privateKey.rawRepresentation), keyID: keyID)
    }

    /// An OKP Ed25519 public key.
    public init(publicKey: Curve25519.Signing.PublicKey, keyID: [UInt8]? = nil) {
        self.init(keyType: .okp, curve: .ed25519, x: Array(publicKey.rawRepresentation), keyID: keyID)
    }

    /// An EC2 P-256 key pair.
    public init(privateKey: P256.Signing.PrivateKey, keyID: [UInt8]? = nil) {
        let point = Array(privateKey.publicKey.rawRepresentation)
        self.init(
            keyType: .ec2, curve: .p256, x: Array(point[..<32]), y: Array(point[32...]),
            d: Array(privateKey.rawRepresentation), keyID: keyID)
    }

    /// An EC2 P-256 public key.
    public init(publicKey: P256.Signing.PublicKey, keyID: [UInt8]? = nil) {
        let point = Array(publicKey.rawRepresentation)
        self.init(keyType: .ec2, curve: .p256, x: Array(point[..<32]), y: Array(point[32...]), keyID: keyID)
    }
}

extension COSEKey: CustomStringConvertible {
    /// A summary that never shows the private part.
    public var description: String {
        let curveText = curve.map { ", crv \($0.rawValue)" } ?? ""
        let kidText = keyID.map { ", kid \($0.count) bytes" } ?? ""
        return "COSEKey(kty \(keyType.rawValue)\(curveText)\(kidText)\(isPrivate ? ", private" : ", public"))"
    }
}
