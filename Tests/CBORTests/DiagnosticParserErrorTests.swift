import Testing
@testable import CBOR

/// Each kind of bad input gives its own error, at the 1-based line and column
/// (in Unicode scalars) where the problem is.
@Suite struct DiagnosticParserErrorTests {
    @Test(arguments: [
        ("", DiagnosticError.unexpected(found: "end of input", expected: "value", line: 1, column: 1)),
        ("[1, 2", .unexpected(found: "end of input", expected: "',' or ']'", line: 1, column: 6)),
        ("[1 2]", .unexpected(found: "2", expected: "',' or ']'", line: 1, column: 4)),
        ("[1, 2}", .unexpected(found: "}", expected: "',' or ']'", line: 1, column: 6)),
        ("{1: 2, 3}", .unexpected(found: "}", expected: "':'", line: 1, column: 9)),
        ("{1: 2 3: 4}", .unexpected(found: "3", expected: "',' or '}'", line: 1, column: 7)),
        ("{\"a\": }", .unexpected(found: "}", expected: "value", line: 1, column: 7)),
        ("[1,\n  ,]", .unexpected(found: ",", expected: "value", line: 2, column: 3)),
        ("1(2", .unexpected(found: "end of input", expected: "')'", line: 1, column: 4)),
        ("<<1 2>>", .unexpected(found: "2", expected: "',' or '>>'", line: 1, column: 5)),
        ("foo", .unexpected(found: "foo", expected: "value", line: 1, column: 1)),
        ("[€]", .unexpected(found: "€", expected: "value", line: 1, column: 2)),
        ("(h'01')", .unexpected(found: "h", expected: "'_' of an indefinite-length string", line: 1, column: 2)),
        ("(_ )", .unexpected(found: ")", expected: "string chunk", line: 1, column: 4)),
        ("(_ h'01', \"a\")", .unexpected(found: "\"", expected: "byte string chunk", line: 1, column: 11)),
        ("\"a\" +", .unexpected(found: "end of input", expected: "string literal", line: 1, column: 6)),
        ("simple(x)", .unexpected(found: "x", expected: "simple value number", line: 1, column: 8)),
        ("\"abc", .unterminatedString(line: 1, column: 1)),
        ("[\n  'ab", .unterminatedString(line: 2, column: 3)),
        ("h'0102", .unterminatedString(line: 1, column: 1)),
        ("/ never closed", .unterminatedComment(line: 1, column: 1)),
        ("[\n  h'0g'\n]", .invalidHex(line: 2, column: 6)),
        ("h'012'", .invalidHex(line: 1, column: 6)),
        ("b64'A'", .invalidBase64(line: 1, column: 6)),
        ("b64'A*'", .invalidBase64(line: 1, column: 6)),
        ("b64'AQ=A'", .invalidBase64(line: 1, column: 8)),
        (#""\q""#, .invalidEscape(line: 1, column: 2)),
        (#""x\ud800""#, .invalidEscape(line: 1, column: 3)),
        (#""\u{110000}""#, .invalidEscape(line: 1, column: 2)),
        ("1e", .invalidNumber(line: 1, column: 1)),
        ("0x", .invalidNumber(line: 1, column: 1)),
        ("-", .invalidNumber(line: 1, column: 1)),
        ("12abc", .invalidNumber(line: 1, column: 1)),
        ("0b12", .invalidNumber(line: 1, column: 1)),
        (String(repeating: "9", count: 5000), .invalidNumber(line: 1, column: 1)),
        ("24_i", .invalidEncodingIndicator(line: 1, column: 3)),
        ("256_0", .invalidEncodingIndicator(line: 1, column: 4)),
        ("0.1_1", .invalidEncodingIndicator(line: 1, column: 4)),
        ("1.5_0", .invalidEncodingIndicator(line: 1, column: 4)),
        ("1_4", .invalidEncodingIndicator(line: 1, column: 2)),
        ("true_0", .invalidEncodingIndicator(line: 1, column: 5)),
        ("'abc'_", .invalidEncodingIndicator(line: 1, column: 6)),
        ("'abcdefghijklmnopqrstuvwxyz'_i", .invalidEncodingIndicator(line: 1, column: 29)),
        ("18446744073709551616_3", .invalidEncodingIndicator(line: 1, column: 21)),
        ("simple(24)", .invalidSimpleValue(line: 1, column: 8)),
        ("simple(256)", .invalidSimpleValue(line: 1, column: 8)),
        ("18446744073709551616(0)", .tagOutOfRange(line: 1, column: 1)),
        ("\"a\" + h'ff'", .invalidUTF8(line: 1, column: 1)),
        ("dt'2020-01-01T00:00:00Z'", .unsupportedLiteral(prefix: "dt", line: 1, column: 1)),
        ("[1, DT'x']", .unsupportedLiteral(prefix: "DT", line: 1, column: 5)),
        ("1 2", .trailingInput(line: 1, column: 3)),
        ("[1, 2]]", .trailingInput(line: 1, column: 7)),
        ("\"ü\" x", .trailingInput(line: 1, column: 5)),
        ("1 / c / ,", .trailingInput(line: 1, column: 9)),
    ])
    func rejects(_ text: String, _ expected: DiagnosticError) {
        #expect(throws: expected) { try CBOR(diagnostic: text) }
    }

    @Test(arguments: ["[", "{1:", "1(", "<<"])
    func stopsAtTheNestingLimitWithoutCrashing(_ opener: String) {
        let text = String(repeating: opener, count: 100_000)
        let column = DiagnosticParser.maxNesting * opener.count + 1
        #expect(throws: DiagnosticError.nestingTooDeep(limit: 256, line: 1, column: column)) { try CBOR(diagnostic: text) }
    }

    @Test func errorsDescribeThemselves() {
        let error = DiagnosticError.unexpected(found: "}", expected: "value", line: 1, column: 7)
        #expect(error.description == "expected value at 1:7, found }")
        #expect(error.line == 1 && error.column == 7)
    }
}
