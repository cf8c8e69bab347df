import Testing
import TestSupport
@testable import CBOR

/// Fixed examples of both printing styles. The `.cborDiag` texts were taken
/// from `cbor_diag.cbor2diag` (cbor-diag 1.2.0, cbor-edn 0.0.11), so they hold
/// even where Python is not installed.
@Suite struct DiagnosticPrinterTests {
    @Test(arguments: [
        (CBOR.negative(.max), "-18446744073709551616"),
        (.tagged(2, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0])), "2(h'010000000000000000')"),
        (.text("a\"\\\n\t\u{1}é\u{7f}"), #""a\"\\\n\t\u0001é\#u{7f}""#),
        (.bytes([]), "h''"),
        (.half(1.5), "1.5"),
        (.float(1.5), "1.5_2"),
        (.double(1.5), "1.5_3"),
        (.float(100_000), "100000.0"),
        (.double(1e300), "1.0e+300"),
        (.double(1e-5), "1.0e-05"),
        (.half(-0.0), "-0.0"),
        (.double(-0.0), "-0.0_3"),
        (.half(.infinity), "Infinity"),
        (.double(-.infinity), "-Infinity_3"),
        (.half(.nan), "NaN"),
        (.float(.nan), "NaN_2"),
        (.double(0.1), "0.1"),
        (.float(0.1), "0.10000000149011612"),
        (.indefiniteBytes([[1, 2], [3, 4, 5]]), "(_ h'0102', h'030405')"),
        (.indefiniteBytes([]), "''_"),
        (.indefiniteText([]), "\"\"_"),
        (.indefiniteArray([]), "[_ ]"),
        (.indefiniteMap([]), "{_ }"),
        (.indefiniteMap([(.text("a"), .unsigned(1))]), #"{_ "a": 1}"#),
        (.map([(.unsigned(1), .unsigned(2)), (.text("a"), .unsigned(3))]), #"{1: 2, "a": 3}"#),
        (.tagged(1, .unsigned(1_363_896_240)), "1(1363896240)"),
        (.simple(16), "simple(16)"),
        (.array([.bool(true), .bool(false), .null, .undefined]), "[true, false, null, undefined]"),
    ])
    func standardStyle(_ value: CBOR, _ expected: String) {
        #expect(value.diagnostic() == expected)
        #expect(value.diagnostic(.standard) == expected)
    }

    @Test(arguments: [
        ("00", "0"),
        ("3bffffffffffffffff", "-18446744073709551616"),
        ("c249010000000000000000", "18446744073709551616"),
        // cbor-edn 0.0.11 prints 3(n) as −n, one off from RFC 8949's −1−n; reproduced.
        ("c349010000000000000000", "-18446744073709551616"),
        ("c2420001", "2(h'0001')"),
        ("c240", "2('')"),
        ("f90001", "0.00000005960464477539063_1"),
        ("fa7f7fffff", "340282346638528860000000000000000000000.0_2"),
        ("fb3ff8000000000000", "1.5_3"),
        ("fb3f45480000000000", "0.0006494522094726563_3"),
        ("f97e00", "NaN_1"),
        ("fa7fc00000", "NaN_2"),
        ("f9fc00", "-Infinity_1"),
        ("f98000", "-0.0_1"),
        ("4161", "'a'"),
        ("410a", "h'0a'"),
        ("43612762", "'a\\'b'"),
        ("4322275c", "'\\u{22}\\'\\\\'"),
        ("6361270a", "\"a\\u{27}\n\""),
        ("6a0001080c0d1f225c7f61", "\"\\u{0}\\u{1}\\b\\f\\r\\u{1f}\\\"\\\\\u{7f}a\""),
        ("5f42010243030405ff", "(_ h'0102'_i, h'030405'_i)"),
        ("7f657374726561646d696e67ff", "(_ \"strea\"_i, \"ming\"_i)"),
        ("9fff", "[_]"),
        ("bfff", "{_}"),
        ("bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}"),
        ("c11a514b67b0", "DT'2013-03-21T20:04:00+00:00'"),
        ("c1fb41d452d9ec200000", "DT'2013-03-21T20:04:00.500+00:00'"),
        ("c13a7fffffff", "DT'1901-12-13T20:45:52+00:00'"),
        ("c11b0000003afff44180", "DT'+10000-01-01T00:00:00+00:00'"),
        ("c11b4000000000000000", "1(4611686018427387904)/ Value out of range for time stamps /"),
        ("c11b8000000000000000", "1(9223372036854775808)/ Value out of range for integer time processing /"),
        ("c16161", "1(\"a\")/ Numeric value expected for dt'' literal /"),
        ("d9ffff00", "65535(0)"),
        ("d818456449455446", "24('dIETF')"),
    ])
    func cborDiagStyle(_ hex: String, _ expected: String) throws {
        let value = try CBOR(decoding: DiagnosticFixtures.bytes(hex: hex))
        #expect(value.diagnostic(.cborDiag) == expected)
    }

    @Test func cborDiagBreaksLinesFromEightyBytes() {
        let fits = CBOR.array([.text(String(repeating: "x", count: 75))])  // 79 bytes
        #expect(fits.diagnostic(.cborDiag) == "[\"" + String(repeating: "x", count: 75) + "\"]")
        let breaks = CBOR.array([.text(String(repeating: "x", count: 76))])  // 80 bytes
        #expect(breaks.diagnostic(.cborDiag) == "[\n    \"" + String(repeating: "x", count: 76) + "\"\n]")
    }

    @Test func cborDiagIndentsNestedItemsAndOmitsTheSpaceAfterBrokenColons() {
        let digits = CBOR.array((0..<25).map { CBOR.unsigned($0) })
        let nested = CBOR.map([(.text("a"), digits), (.text("b"), .map([(.text("c"), .array([1, 2]))]))])
        let lines = (0..<25).map { "        \($0)" }.joined(separator: ",\n")
        #expect(nested.diagnostic(.cborDiag) == "{\n    \"a\":[\n" + lines + "\n    ],\n    \"b\":{\"c\": [1, 2]}\n}")
    }

    @Test func cborDiagBreaksTagsWithTheParenthesisOnItsOwnLine() {
        let strings = CBOR.array([.text(String(repeating: "x", count: 40)), .text(String(repeating: "y", count: 40))])
        let expected = "5([\n        \"" + String(repeating: "x", count: 40) + "\",\n        \""
            + String(repeating: "y", count: 40) + "\"\n    ]\n    )"
        #expect(CBOR.tagged(5, strings).diagnostic(.cborDiag) == expected)
    }

    @Test func cborDiagPutsRemarksInTheSpaceAfterTheItem() {
        let outOfRange = CBOR.tagged(1, .unsigned(1 << 62))
        let remark = "/ Value out of range for time stamps /"
        let expected = "[\n    1(4611686018427387904)\(remark),\n    1(4611686018427387904)\n\(remark)]"
        #expect(CBOR.array([outOfRange, outOfRange]).diagnostic(.cborDiag) == expected)
    }

    @Test func cborDiagBreaksIndefiniteStringsIntoChunksPerLine() {
        let chunk = [UInt8](repeating: 0x78, count: 30)
        let value = CBOR.array([.indefiniteText(Array(repeating: String(decoding: chunk, as: UTF8.self), count: 3))])
        let line = "        \"" + String(repeating: "x", count: 30) + "\"_0"
        #expect(value.diagnostic(.cborDiag) == "[\n    (_\n\(line),\n\(line),\n\(line)\n    )\n]")
    }

    @Test func deepItemsPrintInBothStyles() throws {
        var value = CBOR.unsigned(1)
        for _ in 0..<DiagnosticParser.maxNesting { value = .array([value]) }
        let text = value.diagnostic()
        #expect(text.count == 2 * DiagnosticParser.maxNesting + 1)
        #expect(try CBOR(diagnostic: text) == value)
        #expect(value.diagnostic(.cborDiag).hasPrefix("[\n    [\n"))
    }
}
