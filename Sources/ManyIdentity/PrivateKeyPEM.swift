import Crypto

/// Private keys from PEM files as users make them:
///
/// - PKCS#8 `PRIVATE KEY` (RFC 5208 / 5958) with Ed25519 (`openssl genpkey -algorithm Ed25519`)
///   or EC P-256 (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`,
///   `ssh-keygen -m pkcs8 -t ecdsa`);
/// - SEC1 `EC PRIVATE KEY` (RFC 5915, `openssl ecparam -genkey`).
///
/// An embedded public key, when present, must be the private key's own.
public enum PrivateKeyPEM {
    /// A parsed private key.
    public enum Key: Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    /// The most PEM text accepted; key files are a few hundred bytes.
    public static let textByteCountMax = 64 * 1024

    /// The identity for a PEM private key, Ed25519 or ECDSA P-256 (many-rs
    /// `CoseKeyIdentity::from_pem`).
    public static func identity(pem: String) throws(PEMError) -> any SigningIdentity {
        switch try parse(pem) {
        case let .ed25519(key): return Ed25519Identity(privateKey: key)
        case let .p256(key): return ECDSAIdentity(privateKey: key)
        }
    }

    /// The private key in a PEM text.
    public static func parse(_ pem: String) throws(PEMError) -> Key {
        guard pem.utf8.count <= textByteCountMax else { throw .tooLarge(byteCount: pem.utf8.count) }
        let block = try PEMBlock(parsing: pem)
        switch block.label {
        case "PRIVATE KEY": return try pkcs8(block.der)
        case "EC PRIVATE KEY":
            var reader = DERReader(block.der)
            let key = try sec1(&reader, curveFromAlgorithm: nil)
            try reader.finish("the key")
            return key
        case "ENCRYPTED PRIVATE KEY": throw .encrypted
        default: throw .unsupportedLabel(block.label)
        }
    }

    // DER contents of the object identifiers involved.
    static let ed25519OIDBytes: [UInt8] = [0x2b, 0x65, 0x70]
    static let ecPublicKeyOIDBytes: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
    static let p256OIDBytes: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
    static let ed25519OID = "1.3.101.112"
    static let ecPublicKeyOID = "1.2.840.10045.2.1"

    /// PrivateKeyInfo / OneAsymmetricKey: version, algorithm, key, [0] attributes, [1] public key.
    static func pkcs8(_ der: [UInt8]) throws(PEMError) -> Key {
        var outer = DERReader(der)
        var info = try outer.readNested(DERReader.sequence, "PrivateKeyInfo")
        try outer.finish("PrivateKeyInfo")
        let version = try info.read(DERReader.integer, "version")
        guard version.elementsEqual([0]) || version.elementsEqual([1]) else {
            throw .malformedDER(offset: 2, reason: "unsupported PKCS#8 version")
        }
        var algorithm = try info.readNested(DERReader.sequence, "AlgorithmIdentifier")
        let oid = try algorithm.read(DERReader.objectIdentifier, "algorithm")
        let keyBytes = Array(try info.read(DERReader.octetString, "privateKey"))
        if info.peekTag() == 0xa0 { _ = try info.read(0xa0, "attributes") }
        let publicKey = info.peekTag() == 0x81 ? Array(try info.read(0x81, "publicKey")) : nil
        try info.finish("PrivateKeyInfo")

        if oid.elementsEqual(ed25519OIDBytes) {
            return try ed25519(privateKeyOctets: keyBytes, publicKeyBits: publicKey)
        }
        guard oid.elementsEqual(ecPublicKeyOIDBytes) else { throw .unsupportedAlgorithm(oid: DERReader.dotted(oid)) }
        let curve = Array(try algorithm.read(DERReader.objectIdentifier, "namedCurve"))
        try requireP256(curve)
        var inner = DERReader(keyBytes)
        let key = try sec1(&inner, curveFromAlgorithm: curve)
        try inner.finish("ECPrivateKey")
        return key
    }

    /// The Ed25519 CurvePrivateKey (an OCTET STRING of 32 bytes inside the privateKey octets).
    static func ed25519(privateKeyOctets: [UInt8], publicKeyBits: [UInt8]?) throws(PEMError) -> Key {
        var reader = DERReader(privateKeyOctets)
        let seed = try reader.read(DERReader.octetString, "CurvePrivateKey")
        try reader.finish("CurvePrivateKey")
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .invalidKey(reason: "an Ed25519 private key is 32 bytes, not \(seed.count)")
        }
        if let publicKeyBits, !publicKeyBits.elementsEqual([0] + key.publicKey.rawRepresentation) {
            throw .invalidKey(reason: "the embedded public key is not the private key's")
        }
        return .ed25519(key)
    }

    /// ECPrivateKey: version 1, privateKey, [0] namedCurve, [1] publicKey.
    static func sec1(_ reader: inout DERReader, curveFromAlgorithm: [UInt8]?) throws(PEMError) -> Key {
        var body = try reader.readNested(DERReader.sequence, "ECPrivateKey")
        guard try body.read(DERReader.integer, "version").elementsEqual([1]) else {
            throw .malformedDER(offset: 2, reason: "ECPrivateKey version must be 1")
        }
        let scalar = Array(try body.read(DERReader.octetString, "privateKey"))
        var curve = curveFromAlgorithm
        if body.peekTag() == 0xa0 {
            var parameters = try body.readNested(0xa0, "parameters")
            let named = Array(try parameters.read(DERReader.objectIdentifier, "namedCurve"))
            if let curve, curve != named { throw .invalidKey(reason: "the key names two different curves") }
            curve = named
        }
        var publicKey: [UInt8]?
        if body.peekTag() == 0xa1 {
            var wrapper = try body.readNested(0xa1, "publicKey")
            publicKey = Array(try wrapper.read(DERReader.bitString, "publicKey"))
        }
        try body.finish("ECPrivateKey")
        guard let curve else { throw .malformedDER(offset: 0, reason: "the EC key names no curve") }
        try requireP256(curve)
        return try p256(scalar: scalar, publicKeyBits: publicKey)
    }

    static func p256(scalar: [UInt8], publicKeyBits: [UInt8]?) throws(PEMError) -> Key {
        guard (1...32).contains(scalar.count) else {
            throw .invalidKey(reason: "a P-256 private key is 32 bytes, not \(scalar.count)")
        }
        let padded = [UInt8](repeating: 0, count: 32 - scalar.count) + scalar
        guard let key = try? P256.Signing.PrivateKey(rawRepresentation: padded) else {
            throw .invalidKey(reason: "the scalar is not a P-256 private key")
        }
        if let publicKeyBits, !publicKeyBits.elementsEqual([0] + key.publicKey.x963Representation) {
            throw .invalidKey(reason: "the embedded public key is not the private key's")
        }
        return .p256(key)
    }

    static func requireP256(_ curve: [UInt8]) throws(PEMError) {
        guard curve == p256OIDBytes else { throw .unsupportedCurve(oid: DERReader.dotted(curve)) }
    }
}
