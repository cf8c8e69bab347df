import Protobuf
import TestSupport
import XCTest

/// Malformed binary input to the descriptor decoders: typed errors at the byte at fault, never a crash.
final class WireReaderTests: XCTestCase {
    private func decodeError(_ hex: String, nestingLimit: Int = WireReader.defaultNestingLimit) -> WireError? {
        do {
            _ = try FileDescriptorSet(serializedBytes: [UInt8](hex: hex), nestingLimit: nestingLimit)
            return nil
        } catch {
            return error
        }
    }

    func testTruncatedVarint() {
        // Field 1 (file), length varint with its continuation bit set and nothing after.
        XCTAssertEqual(decodeError("0a 80"), .truncated(offset: 1))
    }

    func testVarintLongerThanTenBytes() {
        XCTAssertEqual(decodeError("08 ff ff ff ff ff ff ff ff ff 7f"), .malformedVarint(offset: 1))
    }

    func testLengthPastTheEnd() {
        XCTAssertEqual(decodeError("0a 05 0a 01"), .lengthBeyondInput(offset: 1, length: 5, available: 2))
    }

    func testNonexistentWireType() {
        XCTAssertEqual(decodeError("0e"), .invalidWireType(offset: 0, value: 6))
    }

    func testFieldNumberZero() {
        XCTAssertEqual(decodeError("00"), .invalidFieldNumber(offset: 0, number: 0))
    }

    func testInvalidUTF8InAString() {
        // file { name: "\xff" }
        XCTAssertEqual(decodeError("0a 03 0a 01 ff"), .invalidUTF8(offset: 3))
    }

    func testEndGroupWithoutStart() {
        XCTAssertEqual(decodeError("0c"), .unexpectedEndGroup(offset: 1, field: 1))
    }

    func testUnterminatedGroup() {
        XCTAssertEqual(decodeError("13 08 01"), .unterminatedGroup(offset: 1, field: 2))
    }

    func testNestingBeyondTheLimit() {
        // file { message_type { nested_type { nested_type { ... } } } }: each level one byte of tag, one of length.
        var bytes: [UInt8] = []
        for _ in 0..<5 { bytes = [0x1a, UInt8(bytes.count)] + bytes }
        bytes = [0x0a, UInt8(bytes.count + 2), 0x22, UInt8(bytes.count)] + bytes
        XCTAssertNil(decodeError(bytes.hex, nestingLimit: 7))
        XCTAssertEqual(decodeError(bytes.hex, nestingLimit: 6), .nestingTooDeep(offset: 14, limit: 6))
    }

    func testUnknownFieldsAreKeptAndWrittenBack() throws {
        // file { name: "a" 99: 7 } plus a top-level fixed32 field 2 and a group 3.
        let bytes = [UInt8](hex: "0a 06 0a 01 61 98 06 07 15 01 02 03 04 1b 08 01 1c")
        let set = try FileDescriptorSet(serializedBytes: bytes)
        XCTAssertEqual(set.file.first?.name, "a")
        XCTAssertEqual(set.file.first?.unknownFields, [WireField(number: 99, value: .varint(7))])
        XCTAssertEqual(set.serializedBytes(), bytes)
    }
}
