import Foundation
import ManyIdentity
import Testing
import TestSupport

/// `many id`, run as a user runs it, against many-rs's known answers and openssl keys.
struct IdCommandTests {
    /// many-rs `many-identity-dsa/src/impls/ed25519.rs` `eddsa_identity()` and its address.
    static let manyRsPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD
        -----END PRIVATE KEY-----
        """
    static let manyRsAddress = "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp"

    /// many-rs `address.rs` subresource tests.
    static let base = "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys"
    static let subresource1 = "mqdek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqaaaaqim"

    @Test func pemFileGivesManyRsAddress() throws {
        let keys = try KeyFolder()
        let pem = try keys.write("id.pem", Self.manyRsPEM)
        let output = try ManyTool.many("id", pem)
        #expect(output.status == 0)
        #expect(output.text == Self.manyRsAddress + "\n")
    }

    @Test(arguments: ["ed25519", "p256"])
    func opensslKeysGiveTheirAddress(kind: String) throws {
        let keys = try KeyFolder()
        let pem = try keys.openssl(kind, name: "\(kind).pem")
        let expected = try PrivateKeyPEM.identity(pem: String(contentsOfFile: pem, encoding: .utf8)).address
        #expect(try ManyTool.many("id", pem).text == "\(expected)\n")
        let sub = try ManyTool.many("id", pem, "7")
        #expect(sub.text == "\(try expected.with(subresource: 7))\n")
    }

    @Test func textAndHexConvertBothWays() throws {
        let address = try Address(string: Self.base)
        let hex = address.bytes.map { String(format: "%02x", $0) }.joined()
        #expect(try ManyTool.many("id", Self.base).text == hex + "\n")
        #expect(try ManyTool.many("id", hex).text == Self.base + "\n")
        #expect(try ManyTool.many("id", hex.uppercased()).text == Self.base + "\n")
        #expect(try ManyTool.many("id", "00").text == "maa\n")
        #expect(try ManyTool.many("id", "maa").text == "00\n")
    }

    @Test func subresourceAsManyRs() throws {
        // Hex in → text out, text in → hex out, both with the subresource applied.
        let subHex = try Address(string: Self.subresource1).bytes.map { String(format: "%02x", $0) }.joined()
        let baseHex = try Address(string: Self.base).bytes.map { String(format: "%02x", $0) }.joined()
        #expect(try ManyTool.many("id", baseHex, "1").text == Self.subresource1 + "\n")
        #expect(try ManyTool.many("id", Self.base, "1").text == subHex + "\n")
    }

    @Test(arguments: [
        // (arguments, exit status, what standard error says)
        (["id", "0102"], Int32(1), "Identity did not parse"),
        (["id", ""], Int32(1), "Identity did not parse"),
        (["id", "not-an-id-or-file"], Int32(2), "Could not understand the argument."),
        (["id", "maa", "1"], Int32(1), "Invalid subresource id"),
        (["id", "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys", "2147483648"], Int32(1), "Invalid subresource id"),
        (["id", "maa", "x"], Int32(2), "invalid"),
        (["id"], Int32(2), "Missing expected argument"),
    ])
    func badArgumentsExitWithManyRsCodes(arguments: [String], status: Int32, message: String) throws {
        let output = try ManyTool.many(arguments: arguments)
        #expect(output.status == status)
        #expect(output.stderr.contains(message), "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func badPEMFileIsAClearErrorNotACrash() throws {
        let keys = try KeyFolder()
        for (name, text) in [("junk.pem", "junk"), ("empty.pem", ""), ("cut.pem", String(Self.manyRsPEM.prefix(60)))] {
            let output = try ManyTool.many("id", try keys.write(name, text))
            #expect(output.status == 1)
            #expect(output.stderr.contains("Could not read a key from"), "stderr: \(output.stderr)")
        }
    }
}
