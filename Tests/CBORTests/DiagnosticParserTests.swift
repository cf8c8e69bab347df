import Testing
@testable import CBOR

/// What `CBOR(diagnostic:)` accepts beyond the `.standard` printer's own output.
@Suite struct DiagnosticParserTests {
    @Test(arguments: [
        // Byte strings: hex with blanks and comments, base64 and base64url, quoted, embedded CBOR.
        ("h'01 02 / two / 03 # line comment\n 04'", CBOR.bytes([1, 2, 3, 4])),
        ("H'0a'", nil),
        ("b64'AQID'", .bytes([1, 2, 3])),
        ("b64'AQ=='", .bytes([1])),
        ("b64'-_8'", .bytes([0xfb, 0xff])),
        ("b64'+/8 ='", .bytes([0xfb, 0xff])),
        ("'text'", .bytes(Array("text".utf8))),
        (#"'a\'b\u{22}'"#, .bytes(Array("a'b\"".utf8))),
        ("<<1, 2>>", .bytes([1, 2])),
        ("<<>>", .bytes([])),
        (#"<<[1], "a", <<2>>>>"#, .bytes([0x81, 0x01, 0x61, 0x61, 0x41, 0x02])),
        // Concatenation, juxtaposed (RFC 8610 G.4) or with `+`; the first literal picks the type.
        ("'Hello ' h'776f726c64'", .bytes(Array("Hello world".utf8))),
        (#""a" "b" + 'c'"#, .text("abc")),
        (#"h'62' + "a""#, .bytes([0x62, 0x61])),
        // Text escapes.
        (#""\u00e9\u{1F600}\ud83d\ude00\/""#, .text("é😀😀/")),
        ("\"line\nbreak\"", .text("line\nbreak")),
        // Indefinite lengths and encoding indicators.
        ("[_ 1, 2]", .indefiniteArray([1, 2])),
        ("[_]", .indefiniteArray([])),
        (#"{_ "a": 1,}"#, .indefiniteMap([(.text("a"), 1)])),
        ("(_ h'0102', h'030405')", .indefiniteBytes([[1, 2], [3, 4, 5]])),
        (#"(_ "strea"_i, "ming"_0)"#, .indefiniteText(["strea", "ming"])),
        ("''_", .indefiniteBytes([])),
        ("[_1 1, 2,]", .array([1, 2])),
        ("1_0", .unsigned(1)),
        ("24_0(h'01'_i)", .tagged(24, .bytes([1]))),
        // Floats keep the indicated width; without one they take the preferred width.
        ("1.5", .half(1.5)),
        ("1.5_2", .float(1.5)),
        ("1.5_3", .double(1.5)),
        ("100000.0", .float(100_000)),
        ("0.1", .double(0.1)),
        ("1e3", .half(1000)),
        ("0.00000005960464477539063_1", .half(Float16(bitPattern: 1))),
        ("0x1.8p1", .half(3)),
        ("NaN_3", .double(.nan)),
        ("Infinity_2", .float(.infinity)),
        ("-Infinity", .half(-.infinity)),
        ("-0.0", .half(-0.0)),
        // Integers in every radix, down to −2⁶⁴ and beyond as bignums.
        ("-0", .unsigned(0)),
        ("0x10", .unsigned(16)),
        ("-0x10", .negative(15)),
        ("0b101", .unsigned(5)),
        ("0o17", .unsigned(15)),
        ("18446744073709551615", .unsigned(.max)),
        ("-18446744073709551616", .negative(.max)),
        ("18446744073709551616", .tagged(2, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        ("-18446744073709551617", .tagged(3, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0]))),
        ("0x1ffffffffffffffff", .tagged(2, .bytes([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))),
        // Simple values, comments, tags.
        ("simple(16)", .simple(16)),
        ("simple(20)", .bool(false)),
        ("simple(255)", .simple(255)),
        ("/ a / [1, # c\n 2 /b/] # end", .array([1, 2])),
        ("1(1363896240)", .tagged(1, .unsigned(1_363_896_240))),
        ("{1: 2, \"a\": [true, false, null, undefined]}", .map([(1, 2), ("a", [true, false, .null, .undefined])])),
    ] as [(String, CBOR?)])
    func reads(_ text: String, _ expected: CBOR?) throws {
        if let expected {
            #expect(try CBOR(diagnostic: text) == expected)
        } else {
            // Only lowercase `h` names hex; other prefixes are application literals.
            #expect(throws: DiagnosticError.self) { try CBOR(diagnostic: text) }
        }
    }

    @Test func readsCBORDiagPrettyOutput() throws {
        let text = "{\n    \"a\":[\n        1,\n        'b'\n    ],\n    2:(_\n        h'00'_i\n    )\n}"
        let expected = CBOR.map([(.text("a"), .array([1, .bytes([0x62])])), (2, .indefiniteBytes([[0]]))])
        #expect(try CBOR(diagnostic: text) == expected)
    }

    @Test func readsNestingUpToTheLimit() throws {
        let depth = DiagnosticParser.maxNesting
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var expected = CBOR.array([])
        for _ in 1..<depth { expected = .array([expected]) }
        #expect(try CBOR(diagnostic: text) == expected)
    }

    @Test func readsLongArraysInLinearTime() throws {
        let text = "[" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]"
        #expect(try CBOR(diagnostic: text).arrayValue?.count == 100_000)
    }
}
