import Crypto
import Foundation
import Testing
import TestSupport

@testable import ManyIdentity

/// PEM keys made by the real tools (openssl 3, ssh-keygen): we load each and must derive
/// the same public key as `openssl pkey -pubout`. Then a table of bad input.
@Suite(.serialized)
struct PEMTests {
    @Test func opensslEd25519PKCS8() throws {
        let tools = try KeyTools()
        defer { tools.remove() }
        try tools.run("openssl", ["genpkey", "-algorithm", "Ed25519", "-out", tools.path("ed.pem")])
        let identity = try Ed25519Identity(pem: tools.read("ed.pem"))
        let spki = try tools.publicKeyDER(of: "ed.pem")  // 12-byte prefix + 32-byte key
        #expect(spki.count == 44 && Array(spki.suffix(32)) == Array(identity.privateKey.publicKey.rawRepresentation))
        #expect(try PrivateKeyPEM.identity(pem: tools.read("ed.pem")) is Ed25519Identity)
    }

    @Test func opensslP256PKCS8AndSEC1() throws {
        let tools = try KeyTools()
        defer { tools.remove() }
        try tools.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", tools.path("p8.pem")])
        try tools.run("openssl", ["ec", "-in", tools.path("p8.pem"), "-out", tools.path("sec1.pem")])
        try tools.run("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", tools.path("ecparam.pem")])
        try tools.run("openssl", ["ec", "-in", tools.path("p8.pem"), "-no_public", "-out", tools.path("nopub.pem")])
        #expect(try tools.read("sec1.pem").contains("BEGIN EC PRIVATE KEY"))
        #expect(try tools.read("ecparam.pem").contains("BEGIN EC PRIVATE KEY"))
        for name in ["p8.pem", "sec1.pem", "ecparam.pem", "nopub.pem"] {
            let identity = try ECDSAIdentity(pem: tools.read(name))
            let spki = try tools.publicKeyDER(of: name)  // 26-byte prefix + 04 ‖ x ‖ y
            #expect(Array(spki.suffix(65)) == Array(identity.privateKey.publicKey.x963Representation), "\(name)")
        }
        #expect(try ECDSAIdentity(pem: tools.read("p8.pem")).address == (try ECDSAIdentity(pem: tools.read("sec1.pem")).address))
    }

    @Test func sshKeygenECDSAPKCS8() throws {
        let tools = try KeyTools()
        defer { tools.remove() }
        try tools.run("ssh-keygen", ["-q", "-t", "ecdsa", "-b", "256", "-m", "pkcs8", "-N", "", "-f", tools.path("id_ecdsa")])
        let pem = try tools.read("id_ecdsa")
        #expect(pem.contains("BEGIN PRIVATE KEY"))
        let identity = try ECDSAIdentity(pem: pem)
        let spki = try tools.publicKeyDER(of: "id_ecdsa")
        #expect(Array(spki.suffix(65)) == Array(identity.privateKey.publicKey.x963Representation))
    }

    @Test func otherKeysFromTheToolsAreRefused() throws {
        let tools = try KeyTools()
        defer { tools.remove() }
        try tools.run("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", tools.path("rsa.pem")])
        #expect(throws: PEMError.unsupportedAlgorithm(oid: "1.2.840.113549.1.1.1")) { try PrivateKeyPEM.parse(tools.read("rsa.pem")) }
        try tools.run("openssl", ["genpkey", "-algorithm", "Ed25519", "-aes-128-cbc", "-pass", "pass:x", "-out", tools.path("enc.pem")])
        #expect(throws: PEMError.encrypted) { try PrivateKeyPEM.parse(tools.read("enc.pem")) }
        try tools.run("openssl", ["genpkey", "-algorithm", "X25519", "-out", tools.path("x.pem")])
        #expect(throws: PEMError.unsupportedAlgorithm(oid: "1.3.101.110")) { try PrivateKeyPEM.parse(tools.read("x.pem")) }
        try tools.run("openssl", ["pkey", "-in", tools.path("x.pem"), "-pubout", "-out", tools.path("pub.pem")])
        #expect(throws: PEMError.unsupportedLabel("PUBLIC KEY")) { try PrivateKeyPEM.parse(tools.read("pub.pem")) }
        try tools.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", tools.path("id_ed")])
        #expect(throws: PEMError.unsupportedLabel("OPENSSH PRIVATE KEY")) { try PrivateKeyPEM.parse(tools.read("id_ed")) }
    }

    static func pem(_ label: String, _ base64: String) -> String {
        "-----BEGIN \(label)-----\n\(base64)\n-----END \(label)-----\n"
    }

    /// The known Ed25519 key's DER, minus pieces.
    static let ed25519Body = "MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD"

    @Test(arguments: [
        ("", PEMError.noPEMBlock),
        ("hello", .noPEMBlock),
        ("-----BEGIN PRIVATE KEY-----\n\(ed25519Body)\n", .noPEMBlock),
        (pem("PRIVATE KEY", "MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1Yx*PD"), .invalidBase64),
        (pem("PRIVATE KEY", "MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD="), .invalidBase64),
        (pem("PRIVATE KEY", "MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1Y"), .malformedDER(offset: 0, reason: "PrivateKeyInfo runs past its container")),
        (pem("PRIVATE KEY", "BAA="), .malformedDER(offset: 0, reason: "expected PrivateKeyInfo (tag 48), found tag 4")),
        (pem("PRIVATE KEY", "MC4CAQIwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD"), .malformedDER(offset: 2, reason: "unsupported PKCS#8 version")),
        (pem("PRIVATE KEY", "MC0CAQAwBQYDK2VwBCEEH3coTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiM="), .invalidKey(reason: "an Ed25519 private key is 32 bytes, not 31")),
        (pem("ENCRYPTED PRIVATE KEY", ed25519Body), .encrypted),
        ("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----", .encrypted),
        (pem("RSA PRIVATE KEY", "AAAA"), .unsupportedLabel("RSA PRIVATE KEY")),
        (Fixtures.manyRsP384PEM, .unsupportedCurve(oid: "1.3.132.0.34")),
        (Fixtures.manyRsP521PEM, .unsupportedCurve(oid: "1.3.132.0.35")),
        (String(repeating: "A", count: 70_000), .tooLarge(byteCount: 70_000)),
    ])
    func badPEM(text: String, error: PEMError) {
        #expect(throws: error) { try PrivateKeyPEM.parse(text) }
    }

    @Test func wrongKindForTheIdentityType() {
        #expect(throws: PEMError.unsupportedAlgorithm(oid: "1.2.840.10045.2.1")) { try Ed25519Identity(pem: Fixtures.manyRsP256PEM) }
        #expect(throws: PEMError.unsupportedAlgorithm(oid: "1.3.101.112")) { try ECDSAIdentity(pem: Fixtures.manyRsEd25519PEM) }
    }

    /// Every truncation and every byte flip of a real key's DER gives a key or a typed error.
    @Test func mutatedDERNeverTraps() throws {
        let der = try #require(Base64.decode(Array(Fixtures.manyRsP256PEM.split(separator: "\n").dropFirst().dropLast().joined().utf8)))
        func encode(_ bytes: [UInt8]) -> String { Self.pem("PRIVATE KEY", Data(bytes).base64EncodedString()) }
        for length in 0..<der.count {
            #expect(throws: PEMError.self) { try PrivateKeyPEM.parse(encode(Array(der.prefix(length)))) }
        }
        for index in der.indices {
            var flipped = der
            flipped[index] ^= 0x41
            _ = try? PrivateKeyPEM.parse(encode(flipped))
        }
    }
}
