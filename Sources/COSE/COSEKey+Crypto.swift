import Crypto

extension COSEKey {
    /// The Ed25519 public key; throws unless this is an OKP Ed25519 key with a 32-byte x.
    public func ed25519PublicKey() throws(COSEError) -> Curve25519.Signing.PublicKey {
        try require(.okp, .ed25519)
        let x = try coordinate(x, "x", byteCount: 32)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: x)
        } catch {
            throw .invalidKey(reason: "x is not an Ed25519 public key")
        }
    }

    /// The Ed25519 private key; throws unless `d` is 32 bytes and matches `x` when present.
    public func ed25519PrivateKey() throws(COSEError) -> Curve25519.Signing.PrivateKey {
        try require(.okp, .ed25519)
        let d = try coordinate(d, "d", byteCount: 32)
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: d)
        } catch {
            throw .invalidKey(reason: "d is not an Ed25519 private key")
        }
        if let x, !key.publicKey.rawRepresentation.elementsEqual(x) {
            throw .invalidKey(reason: "x is not the public key of d")
        }
        return key
    }

    /// The P-256 public key; throws unless this is an EC2 P-256 key whose 32-byte x and y
    /// are a point on the curve.
    public func p256PublicKey() throws(COSEError) -> P256.Signing.PublicKey {
        try require(.ec2, .p256)
        let x = try coordinate(x, "x", byteCount: 32)
        guard let y else { throw .invalidKey(reason: "y is missing or compressed (not supported)") }
        let point = try x + coordinate(y, "y", byteCount: 32)
        do {
            return try P256.Signing.PublicKey(rawRepresentation: point)
        } catch {
            throw .invalidKey(reason: "(x, y) is not a point on P-256")
        }
    }

    /// The P-256 private key; throws unless `d` is 32 bytes and matches x and y when present.
    public func p256PrivateKey() throws(COSEError) -> P256.Signing.PrivateKey {
        try require(.ec2, .p256)
        let d = try coordinate(d, "d", byteCount: 32)
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(rawRepresentation: d)
        } catch {
            throw .invalidKey(reason: "d is not a P-256 private key")
        }
        let point = Array(key.publicKey.rawRepresentation)
        if let x, !point[..<32].elementsEqual(x) { throw .invalidKey(reason: "x is not the public key of d") }
        if let y, !point[32...].elementsEqual(y) { throw .invalidKey(reason: "y is not the public key of d") }
        return key
    }

    /// The algorithm the key's type and curve sign with: EdDSA for OKP Ed25519, ES256 for
    /// EC2 P-256. A key with `alg` set must name that same algorithm.
    public func impliedAlgorithm() throws(COSEError) -> COSEAlgorithm {
        let implied: COSEAlgorithm
        switch (keyType, curve) {
        case (.okp, .ed25519?): implied = .edDSA
        case (.ec2, .p256?): implied = .es256
        default: throw .invalidKey(reason: "key type \(keyType.rawValue) with curve \(curveName) is not supported")
        }
        if let algorithm, algorithm != implied {
            throw algorithm.isSupported
                ? .invalidKey(reason: "alg \(algorithm) does not fit the key's curve")
                : .unsupportedAlgorithm
        }
        return implied
    }

    /// Throws unless the key type and curve are `keyType` and `curve`.
    private func require(_ keyType: COSEKeyType, _ curve: COSECurve) throws(COSEError) {
        guard self.keyType == keyType else {
            throw .invalidKey(reason: "key type is \(self.keyType.rawValue), expected \(keyType.rawValue)")
        }
        guard self.curve == curve else {
            throw .invalidKey(reason: "curve is \(curveName), expected \(curve.rawValue)")
        }
    }

    private var curveName: String { curve.map { String($0.rawValue) } ?? "missing" }

    private func coordinate(_ value: [UInt8]?, _ name: String, byteCount: Int) throws(COSEError) -> [UInt8] {
        guard let value else { throw .invalidKey(reason: "\(name) is missing") }
        guard value.count == byteCount else {
            throw .invalidKey(reason: "\(name) is \(value.count) bytes, expected \(byteCount)")
        }
        return value
    }

    /// Throws unless `key_ops` is absent or lists `operation`.
    func requireOperation(_ operation: COSEKeyOperation) throws(COSEError) {
        if let keyOperations, !keyOperations.contains(operation) {
            throw .invalidKey(reason: "key_ops does not allow \(operation)")
        }
    }
}
