import HPACK
import TestSupport
import Testing

/// Malformed header blocks, each with the exact typed error (and byte offset) it must
/// produce. The hex is written by hand from RFC 7541's representations.
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        let error: HPACKError
        var maxHeaderListSize = HPACKDecoder.defaultMaxHeaderListSize
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Integers (RFC 7541 §5.1).
        Case(name: "index above 2^32 - 1", hex: "ff ff ff ff ff 0f", error: .integerOverflow(offset: 0)),
        Case(name: "nine continuation bytes", hex: "ff ff ff ff ff ff ff ff ff 01", error: .integerOverflow(offset: 0)),
        Case(name: "six continuation bytes, small value", hex: "ff 80 80 80 80 80 00", error: .integerOverflow(offset: 0)),
        Case(name: "string length above 2^32 - 1", hex: "00 7f ff ff ff ff 0f", error: .integerOverflow(offset: 1)),
        Case(name: "table size update above 2^32 - 1", hex: "3f ff ff ff ff 0f", error: .integerOverflow(offset: 0)),
        // Indices (§2.3.3, §6.1).
        Case(name: "indexed field 0", hex: "80", error: .zeroIndex(offset: 0)),
        Case(name: "index 62 with an empty dynamic table", hex: "be",
             error: .indexOutOfRange(offset: 0, index: 62, dynamicCount: 0)),
        Case(name: "index beyond one dynamic entry", hex: "40 01 61 01 62 82 bf",
             error: .indexOutOfRange(offset: 6, index: 63, dynamicCount: 1)),
        Case(name: "name index 62 with an empty dynamic table", hex: "7e 00",
             error: .indexOutOfRange(offset: 0, index: 62, dynamicCount: 0)),
        Case(name: "never-indexed name index 100", hex: "1f 55 00",
             error: .indexOutOfRange(offset: 0, index: 100, dynamicCount: 0)),
        // Huffman strings (§5.2): "a" is 00011.
        Case(name: "11 bits of padding", hex: "00 01 61 82 1f ff", error: .huffmanPaddingTooLong(offset: 5)),
        Case(name: "a whole byte of padding", hex: "00 01 61 81 ff", error: .huffmanPaddingTooLong(offset: 4)),
        Case(name: "padding of 0 bits", hex: "00 01 61 81 18", error: .huffmanPaddingNotOnes(offset: 4)),
        Case(name: "padding 101", hex: "00 01 61 81 1d", error: .huffmanPaddingNotOnes(offset: 4)),
        Case(name: "EOS in a value", hex: "00 01 61 84 ff ff ff ff", error: .huffmanEndOfString(offset: 7)),
        Case(name: "EOS then a symbol", hex: "00 81 1f 85 ff ff ff fc 1f", error: .huffmanEndOfString(offset: 7)),
        // Dynamic table size updates (§4.2, §6.3).
        Case(name: "size update to 4097", hex: "3f e2 1f",
             error: .tableSizeUpdateAboveLimit(offset: 0, size: 4097, limit: 4096)),
        Case(name: "size update after a field", hex: "82 20", error: .tableSizeUpdateNotAtStart(offset: 1)),
        Case(name: "size update after a literal", hex: "00 01 61 00 3f e1 1f",
             error: .tableSizeUpdateNotAtStart(offset: 4)),
        // Truncation.
        Case(name: "index cut short", hex: "ff", error: .truncated(offset: 0)),
        Case(name: "index cut inside its continuation", hex: "ff 80", error: .truncated(offset: 0)),
        Case(name: "literal without its name", hex: "40", error: .truncated(offset: 0)),
        Case(name: "literal without its value", hex: "00 01 61", error: .truncated(offset: 0)),
        Case(name: "indexed name without its value", hex: "44", error: .truncated(offset: 0)),
        // String lengths.
        Case(name: "name length past the end", hex: "00 05 61 62",
             error: .stringBeyondInput(offset: 1, length: 5, available: 2)),
        Case(name: "value length of 16 MiB", hex: "04 7f ff ff ff 07",
             error: .stringBeyondInput(offset: 1, length: 16_777_342, available: 0)),
        Case(name: "Huffman value past the end", hex: "00 01 61 83 ff",
             error: .stringBeyondInput(offset: 3, length: 3, available: 1)),
        // Header list size (name + value + 32 each).
        Case(name: "a 10-byte name over a 40-byte list limit", hex: "00 0a 61 61 61 61 61 61 61 61 61 61 00",
             error: .headerListTooLarge(offset: 0, size: 42, limit: 40), maxHeaderListSize: 40),
        Case(name: "a second field over the limit", hex: "82 82", error: .headerListTooLarge(offset: 1, size: 84, limit: 60),
             maxHeaderListSize: 60),
        Case(name: "Huffman value that must decode past the limit", hex: "04 8f ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff",
             error: .headerListTooLarge(offset: 0, size: 41, limit: 40), maxHeaderListSize: 40),
    ]

    @Test(arguments: cases)
    func eachBadInputHasItsTypedError(_ item: Case) {
        var decoder = HPACKDecoder(maxHeaderListSize: item.maxHeaderListSize)
        #expect(throws: item.error, "\(item.name)") { try decoder.decode([UInt8](hex: item.hex)) }
    }

    @Test func sizeUpdateRequiredAfterTheLimitIsLowered() throws {
        var decoder = HPACKDecoder()
        decoder.setMaxTableSizeLimit(100)
        #expect(throws: HPACKError.tableSizeUpdateMissing(offset: 0)) { try decoder.decode([0x82]) }
        var empty = HPACKDecoder(maxTableSizeLimit: 0)
        #expect(throws: HPACKError.tableSizeUpdateMissing(offset: 0)) { try empty.decode([]) }
        // An update to 100 or less satisfies it; above 100 is over the new limit.
        var over = HPACKDecoder()
        over.setMaxTableSizeLimit(100)
        #expect(throws: HPACKError.tableSizeUpdateAboveLimit(offset: 0, size: 101, limit: 100)) {
            try over.decode([0x3f, 0x46, 0x82])
        }
        var fixed = HPACKDecoder()
        fixed.setMaxTableSizeLimit(100)
        #expect(try fixed.decode([0x3f, 0x45, 0x82]).map(\.nameText) == [":method"])
        #expect(fixed.tableSize == 100)
        // Raising the limit needs no update.
        fixed.setMaxTableSizeLimit(8192)
        #expect(try fixed.decode([0x82]).count == 1)
    }

    @Test func twoSizeUpdatesAtTheStartAreAllowed() throws {
        var decoder = HPACKDecoder()
        #expect(try decoder.decode([0x40, 0x01, 0x61, 0x01, 0x62]).count == 1)
        // 0 empties the table, then 4,096 restores the size: index 62 is gone.
        #expect(throws: HPACKError.indexOutOfRange(offset: 4, index: 62, dynamicCount: 0)) {
            try decoder.decode([0x20, 0x3f, 0xe1, 0x1f, 0xbe])
        }
    }

    /// Random bytes, and random mutations of valid blocks, give a value or a typed error.
    @Test func randomInputNeverCrashes() throws {
        var random = SeededRandom(seed: 7541)
        var encoder = HPACKEncoder()
        let valid = encoder.encode([
            HeaderField(name: ":method", value: "GET"), HeaderField(name: "custom-key", value: "custom-value"),
            HeaderField(name: "cookie", value: "a=b"), HeaderField(name: "x", value: String(repeating: "y", count: 200)),
        ])
        for round in 0..<20_000 {
            var bytes = round.isMultiple(of: 2) ? valid : random.bytes(count: Int.random(in: 0...64, using: &random))
            if !bytes.isEmpty {
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            var decoder = HPACKDecoder(maxHeaderListSize: 1024)
            _ = try? decoder.decode(bytes)
        }
    }
}
