import CBOR
import COSE
import Crypto
import Foundation
import TestSupport

/// Fixed keys, so failures reproduce: the RFC 8032 test 1 Ed25519 key and the P-256 key of
/// the cose-wg examples (kid "11").
enum TestKeys {
    static let ed25519 = try! Curve25519.Signing.PrivateKey(
        rawRepresentation: [UInt8](hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    static let p256 = try! P256.Signing.PrivateKey(
        rawRepresentation: [UInt8](base64URL: "V8kgd2ZBRuh2dgyVINBUqpPDr7BOMGcF22CQMIUHtNM"))
    static let otherEd25519 = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32))
    static let otherP256 = try! P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32))
}
