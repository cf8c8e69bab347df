@testable import HPACK
import TestSupport
import Testing

/// The encoder's choices: size updates, indexing policy, Huffman policy; every block it
/// writes is read back by our decoder (the Python checks are in PythonHPACKTests).
struct EncoderTests {
    @Test func sizeUpdatesAnnounceTheSmallestThenTheFinalSize() throws {
        var encoder = HPACKEncoder()
        var decoder = HPACKDecoder()
        _ = try decoder.decode(encoder.encode([HeaderField(name: "custom-key", value: "custom-value")]))
        encoder.setMaxTableSize(0)
        encoder.setMaxTableSize(2048)
        let block = encoder.encode([HeaderField(name: ":method", value: "GET")])
        // 0 (RFC 7541 §4.2: the smallest size since the last block), then 2,048 (3f e1 0f), then :method GET.
        #expect(block.hex == "20" + "3fe10f" + "82")
        #expect(try decoder.decode(block).map(\.nameText) == [":method"])
        #expect(decoder.tableSize == 2048)
        // The next block announces nothing.
        #expect(encoder.encode([HeaderField(name: ":method", value: "GET")]).hex == "82")
    }

    @Test func oneSizeUpdateWhenTheSizeOnlyGrows() {
        var encoder = HPACKEncoder(maxTableSize: 1024)
        #expect(encoder.encode([]).hex == "3fe107")  // 1024 = 31 + 0x61 + 0x07 << 7
        encoder.setMaxTableSize(3000)
        #expect(encoder.encode([]).hex == "3f9917")  // 3000 = 31 + 0x19 + 0x17 << 7
        encoder.setMaxTableSize(3000)
        #expect(encoder.encode([]).hex == "")
    }

    @Test func credentialsAreNeverIndexed() throws {
        var encoder = HPACKEncoder()
        var decoder = HPACKDecoder()
        let fields = [
            HeaderField(name: "authorization", value: "Bearer abc"),
            HeaderField(name: "cookie", value: "id=1"),
            HeaderField(name: "cookie", value: String(repeating: "long-cookie-", count: 4)),
            HeaderField(name: "x-secret", value: "hunter2", indexing: .neverIndexed),
        ]
        let decoded = try decoder.decode(encoder.encode(fields))
        #expect(decoded.map(\.indexing) == [.neverIndexed, .neverIndexed, .indexable, .neverIndexed])
        // Sent again, only the long cookie is an index; the others are literals again.
        let again = encoder.encode(fields)
        #expect(try decoder.decode(again).map(\.indexing) == [.neverIndexed, .neverIndexed, .indexable, .neverIndexed])
        #expect(decoder.table.count == 1)
    }

    @Test func churningAndHugeFieldsAreNotIndexed() throws {
        var encoder = HPACKEncoder(maxTableSize: 256)
        var decoder = HPACKDecoder()
        let fields = [
            HeaderField(name: ":path", value: "/a/b/c"),
            HeaderField(name: "content-length", value: "1234"),
            HeaderField(name: "x-big", value: String(repeating: "z", count: 200)),
            HeaderField(name: "x-kept", value: "1"),
        ]
        let decoded = try decoder.decode(encoder.encode(fields))
        #expect(decoded == fields.enumerated().map { index, field in
            var field = field
            field.indexing = index < 3 ? .notIndexed : .indexable
            return field
        })
        #expect(decoder.table.count == 1)
    }

    @Test func matchesUseTheStaticTableThenTheDynamicTable() {
        var encoder = HPACKEncoder(huffman: .never)
        let fields = [HeaderField(name: ":method", value: "POST"), HeaderField(name: "x-a", value: "b")]
        #expect(encoder.encode(fields).hex == "83" + "4003782d610162")
        #expect(encoder.encode(fields).hex == "83be")
    }

    @Test func huffmanPolicies() throws {
        let field = [HeaderField(name: "x", value: "www.example.com")]
        var never = HPACKEncoder(huffman: .never, indexing: .asMarked)
        #expect(never.encode(field).hex == "4001780f7777772e6578616d706c652e636f6d")
        var shorter = HPACKEncoder(huffman: .whenShorter, indexing: .asMarked)
        // "x" is 7 bits: 1 byte either way, so it stays raw; the value shrinks to 12 bytes (RFC C.4.1).
        #expect(shorter.encode(field).hex == "400178" + "8cf1e3c2e5f23a6ba0ab90f4ff")
        var always = HPACKEncoder(huffman: .always, indexing: .asMarked)
        #expect(always.encode(field).hex == "4081f3" + "8cf1e3c2e5f23a6ba0ab90f4ff")
    }

    /// Every octet value, in random strings, survives Huffman coding and decoding.
    @Test func huffmanRoundTripsEveryOctet() throws {
        var random = SeededRandom(seed: 1)
        var encoder = HPACKEncoder(huffman: .always)
        var decoder = HPACKDecoder(maxHeaderListSize: 1 << 20)
        for length in [0, 1, 2, 3, 7, 8, 255, 256, 1000] {
            let fields = (0..<8).map { _ in
                HeaderField(name: random.bytes(count: max(length, 1)), value: random.bytes(count: length))
            }
            #expect(try decoder.decode(encoder.encode(fields)).map(\.value) == fields.map(\.value))
        }
        let all = HeaderField(name: Array(0...255), value: Array((0...255).reversed()), indexing: .notIndexed)
        #expect(try decoder.decode(encoder.encode([all])) == [all])
    }

    /// A long connection keeps its lookups bounded: the table evicts and the encoder's
    /// index forgets what was evicted, while every block still decodes.
    @Test func longConnectionsStayInStep() throws {
        var random = SeededRandom(seed: 2)
        var encoder = HPACKEncoder(maxTableSize: 512)
        var decoder = HPACKDecoder(maxTableSizeLimit: 512)
        for block in 0..<2000 {
            if block % 500 == 499 { encoder.setMaxTableSize([0, 128, 512].randomElement(using: &random)!) }
            let fields = (0..<6).map { _ in
                HeaderField(name: "x-\(Int.random(in: 0..<30, using: &random))", value: "\(Int.random(in: 0..<50, using: &random))")
            }
            #expect(describe(try decoder.decode(encoder.encode(fields))) == describe(fields))
        }
        #expect(decoder.table.size <= 512)
        // 30 custom names came and went: the index holds only the static names, the
        // names with a rule, and the names still in the table.
        let fresh = HPACKEncoder().index.slots.count
        #expect(encoder.index.slots.count <= fresh + decoder.table.count)
        #expect(encoder.index.slots.values.reduce(0) { $0 + $1.dynamic.count } == decoder.table.count)
    }
}
