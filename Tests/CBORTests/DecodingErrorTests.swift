import Testing
import TestSupport
@testable import CBOR

/// Each kind of bad input gets its own typed error with the offset at fault.
@Suite struct DecodingErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let hex: String
        let options: CBORDecodingOptions
        let expected: CBORError
        init(_ name: String, _ hex: String, _ expected: CBORError, options: CBORDecodingOptions = .default) {
            self.name = name
            self.hex = hex
            self.expected = expected
            self.options = options
        }
        var testDescription: String { name }
    }

    static let deterministic = CBORDecodingOptions(requireDeterministic: true)

    static let cases: [Case] = [
        Case("empty input", "", .truncated(offset: 0, needed: 1)),
        Case("truncated argument", "19 01", .truncated(offset: 2, needed: 1)),
        Case("truncated 8-byte argument", "1b 00 00 00", .truncated(offset: 4, needed: 5)),
        Case("array element missing its argument", "81 18", .truncated(offset: 2, needed: 1)),
        Case("array count beyond its elements", "82 01", .lengthBeyondInput(offset: 0, length: 2, available: 1)),
        Case("byte string longer than input", "45 01 02", .lengthBeyondInput(offset: 0, length: 5, available: 2)),
        Case("huge byte string length", "5b ff ff ff ff ff ff ff ff", .lengthBeyondLimit(offset: 0, length: .max, limit: 64 << 20)),
        Case("array count beyond input", "9a 00 01 00 00 00", .lengthBeyondInput(offset: 0, length: 65536, available: 1)),
        Case("map count beyond input", "a2 01 02 03", .lengthBeyondInput(offset: 0, length: 2, available: 3)),
        Case("length beyond configured limit", "43 01 02 03", .lengthBeyondLimit(offset: 0, length: 3, limit: 2),
             options: CBORDecodingOptions(maxLength: 2)),
        Case("nesting beyond limit", "81 81 81 00", .nestingTooDeep(offset: 2, limit: 2),
             options: CBORDecodingOptions(maxNesting: 2)),
        Case("tags count as nesting", "c1 c1 c1 00", .nestingTooDeep(offset: 2, limit: 2),
             options: CBORDecodingOptions(maxNesting: 2)),
        Case("invalid UTF-8", "62 c3 28", .invalidUTF8(offset: 0)),
        Case("invalid UTF-8 in a chunk", "7f 61 61 61 ff ff", .invalidUTF8(offset: 0)),
        Case("UTF-8 surrogate", "63 ed a0 80", .invalidUTF8(offset: 0)),
        Case("reserved additional info 28", "1c", .reservedAdditionalInfo(offset: 0, value: 28)),
        Case("reserved additional info 30 inside an array", "82 00 fe", .reservedAdditionalInfo(offset: 2, value: 30)),
        Case("indefinite unsigned", "1f", .indefiniteLengthNotAllowed(offset: 0, majorType: 0)),
        Case("indefinite tag", "df", .indefiniteLengthNotAllowed(offset: 0, majorType: 6)),
        Case("break at top level", "ff", .unexpectedBreak(offset: 0)),
        Case("break in a definite array", "82 01 ff", .unexpectedBreak(offset: 2)),
        Case("break as a map value", "bf 01 ff", .unexpectedBreak(offset: 2)),
        Case("unterminated indefinite array", "9f 01 02", .truncated(offset: 3, needed: 1)),
        Case("nested indefinite chunk", "5f 5f ff ff", .invalidChunk(offset: 1)),
        Case("text chunk in byte string", "5f 61 61 ff", .invalidChunk(offset: 1)),
        Case("two-byte simple value below 32", "f8 18", .invalidSimpleValue(offset: 0, value: 24)),
        Case("trailing bytes", "01 02", .trailingBytes(offset: 1)),
        Case("non-shortest integer", "18 17", .notDeterministic(offset: 0, reason: .argumentNotShortest), options: deterministic),
        Case("non-shortest length", "59 00 01 61", .notDeterministic(offset: 0, reason: .argumentNotShortest), options: deterministic),
        Case("indefinite length", "9f ff", .notDeterministic(offset: 0, reason: .indefiniteLength), options: deterministic),
        Case("float that fits half", "fb 3f f8 00 00 00 00 00 00", .notDeterministic(offset: 0, reason: .floatNotShortest), options: deterministic),
        Case("NaN wider than half", "fa 7f c0 00 00", .notDeterministic(offset: 0, reason: .floatNotShortest), options: deterministic),
        Case("unsorted map keys", "a2 02 00 01 00", .notDeterministic(offset: 3, reason: .mapKeysOutOfOrder), options: deterministic),
        Case("duplicate map key", "a2 01 00 01 00", .notDeterministic(offset: 3, reason: .duplicateMapKey), options: deterministic),
        Case("length-first order rejects bytewise order", "a2 19 01 00 00 20 00",
             .notDeterministic(offset: 5, reason: .mapKeysOutOfOrder),
             options: CBORDecodingOptions(requireDeterministic: true, keyOrder: .lengthFirst)),
    ]

    @Test(arguments: cases)
    func valueDecodingReportsTheError(_ testCase: Case) throws {
        let bytes = [UInt8](hex: testCase.hex.replacingOccurrences(of: " ", with: ""))
        #expect(throws: testCase.expected) { try CBOR(decoding: bytes, options: testCase.options) }
    }

    @Test(arguments: cases)
    func validationReportsTheSameError(_ testCase: Case) throws {
        let bytes = [UInt8](hex: testCase.hex.replacingOccurrences(of: " ", with: ""))
        var reader = CBORReader(bytes, options: testCase.options)
        #expect(throws: testCase.expected) { try reader.validate() }
    }

    @Test func deepNestingIsRejectedWithoutCrashing() {
        let bytes = [UInt8](repeating: 0x81, count: 100_000) + [0x00]
        #expect(throws: CBORError.nestingTooDeep(offset: 256, limit: 256)) { try CBOR(decoding: bytes) }
        var reader = CBORReader(bytes)
        #expect(throws: CBORError.nestingTooDeep(offset: 256, limit: 256)) { try reader.skip() }
    }

    @Test func deterministicInputPasses() throws {
        // Bytewise order puts 0x19... before 0x20; length-first would not.
        let bytes = [UInt8](hex: "a3" + "0100" + "1901000" + "0" + "2000")
        _ = try CBOR(decoding: bytes, options: Self.deterministic)
    }
}
