import Testing
import TestSupport

/// The `cbor` tool run as a user runs it: conversions in each direction, and bad
/// input that must exit 1 with a message naming where it is wrong.
@Suite struct CBORToolTests {
    func cbor(_ arguments: String..., input: String) throws -> ChildProcess.Output {
        try ProductBinary.run("cbor", arguments, input: Array(input.utf8))
    }

    @Test func hexToDiagnosticKeepsIndefiniteLengths() throws {
        let output = try cbor("--from", "hex", "--to", "diag", input: "9f018202039f0405ffff\n")
        #expect(output.status == 0)
        #expect(output.text == "[_ 1, [2, 3], [_ 4, 5]]\n")
    }

    @Test func canonicalHexFromDiagnostic() throws {
        let output = try cbor("--from", "diag", "--to", "hex", "--canonical", input: #"{"b": 1.5, 10: h'00ff', -1: [_ 1]}"#)
        // Bytewise key order (RFC 8949 §4.2.1): 0x0a < 0x20 < 0x6162; 1.5 as a half float.
        #expect(output.text == "a30a4200ff2081016162f93e00\n")
    }

    @Test func lengthFirstOrderMatchesCbor2() throws {
        let output = try cbor("--from", "diag", "--to", "hex", "--canonical", "--key-order", "length-first",
                              input: #"{256: 1, -1: 2, "a": 3, 10: 4}"#)
        // cbor2.dumps({256: 1, -1: 2, "a": 3, 10: 4}, canonical=True).hex()
        #expect(output.text == "a40a04200261610319010001\n")
    }

    @Test func bytesRoundTripThroughJSON() throws {
        let bytes = try cbor("--from", "json", "--to", "bytes", input: #"{"a": [1, 2.5, null]}"#)
        #expect(bytes.stdout == [UInt8](hex: "a1 6161 83 01 f94100 f6"))
        let json = try ProductBinary.run("cbor", ["--from", "bytes", "--to", "json"], input: bytes.stdout)
        #expect(json.text == #"{"a":[1,2.5,null]}"# + "\n")
    }

    @Test func cborDiagStyle() throws {
        let output = try cbor("--style", "cbor-diag", input: "c11a514b67b0")
        #expect(output.text == "DT'2013-03-21T20:04:00+00:00'\n")
    }

    @Test(arguments: [
        (["--from", "hex"], "a1616101ff", "unexpected bytes after the data item at byte 4"),
        (["--from", "hex"], "5b ffffffffffffffff", "exceeds the limit"),
        (["--from", "hex"], "zz", "hex: unexpected character at byte 0"),
        (["--from", "diag"], "[1, 2", "1:6"),
        (["--from", "json"], "{\"a\": }", "line 1, column 7"),
        (["--from", "hex", "--require-deterministic"], "a2020001 00", "mapKeysOutOfOrder"),
    ])
    func badInputExitsOneWithThePlace(_ arguments: [String], _ input: String, _ message: String) throws {
        let output = try ProductBinary.run("cbor", arguments, input: Array(input.utf8))
        #expect(output.status == 1)
        #expect(output.stderr.contains(message), "stderr: \(output.stderr)")
    }
}
