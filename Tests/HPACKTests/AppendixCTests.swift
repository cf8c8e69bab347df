import TestSupport
import Testing

@testable import HPACK

/// RFC 7541 Appendix C, typed in from the RFC: each example's bytes must be exactly what
/// our encoder writes and must decode to its header list, leaving the dynamic table as
/// the RFC shows it after every block.
struct AppendixCTests {
    /// One header block of an example and the dynamic table after it (newest first).
    struct Step {
        let hex: String
        let headers: [(String, String, HeaderIndexing)]
        let table: [(String, String)]
        let tableSize: Int
    }

    // C.1: integers with a prefix (10 in 5 bits, 1337 in 5 bits, 42 at an octet boundary).
    @Test func c1IntegerRepresentation() throws {
        for (value, prefixBits, hex) in [(10, 5, "0a"), (1337, 5, "1f9a0a"), (42, 8, "2a")] {
            var bytes: [UInt8] = []
            PrefixInteger.encode(value, prefixBits: prefixBits, flags: 0, into: &bytes)
            #expect(bytes.hex == hex)
            let (decoded, atEnd) = try bytes.withUnsafeBufferPointer { (buffer) throws(HPACKError) in
                var reader = HeaderBlockReader(buffer)
                let decoded = try reader.readInteger(prefixBits: prefixBits, start: 0)
                return (decoded, reader.isAtEnd)
            }
            #expect(decoded == value)
            #expect(atEnd)
        }
    }

    // C.2: one representation of each kind, each from an empty table.
    @Test func c2LiteralAndIndexedRepresentations() throws {
        try check([Step(
            hex: "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
            headers: [("custom-key", "custom-header", .indexable)],
            table: [("custom-key", "custom-header")], tableSize: 55)], huffman: .never)
        try check([Step(
            hex: "040c 2f73 616d 706c 652f 7061 7468",
            headers: [(":path", "/sample/path", .notIndexed)], table: [], tableSize: 0)], huffman: .never)
        try check([Step(
            hex: "1008 7061 7373 776f 7264 0673 6563 7265 74",
            headers: [("password", "secret", .neverIndexed)], table: [], tableSize: 0)], huffman: .never)
        try check([Step(hex: "82", headers: [(":method", "GET", .indexable)], table: [], tableSize: 0)], huffman: .never)
    }

    // C.3 and C.4: three requests on one connection, without and with Huffman coding
    // (C.4 and C.6 code every string, even "307", whose code is no shorter).
    @Test func c3RequestsWithoutHuffman() throws {
        try check(requests([
            "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        ]), huffman: .never)
    }

    @Test func c4RequestsWithHuffman() throws {
        try check(requests([
            "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
            "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
        ]), huffman: .always)
    }

    // C.5 and C.6: three responses with a 256-octet table, so entries are evicted.
    @Test func c5ResponsesWithoutHuffman() throws {
        try check(responses([
            "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32"
                + "3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "4803 3330 37c1 c0bf",
            "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970"
                + "7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178"
                + "2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
        ]), huffman: .never, tableSize: 256)
    }

    @Test func c6ResponsesWithHuffman() throws {
        try check(responses([
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad"
                + "1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2"
                + "e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
        ]), huffman: .always, tableSize: 256)
    }

    private func requests(_ hex: [String]) -> [Step] {
        let authority = (":authority", "www.example.com")
        let first = [(":method", "GET"), (":scheme", "http"), (":path", "/"), authority]
        let second = first + [("cache-control", "no-cache")]
        let third = [(":method", "GET"), (":scheme", "https"), (":path", "/index.html"), authority,
                     ("custom-key", "custom-value")]
        return [
            Step(hex: hex[0], headers: indexable(first), table: [authority], tableSize: 57),
            Step(hex: hex[1], headers: indexable(second), table: [("cache-control", "no-cache"), authority],
                 tableSize: 110),
            Step(hex: hex[2], headers: indexable(third),
                 table: [("custom-key", "custom-value"), ("cache-control", "no-cache"), authority], tableSize: 164),
        ]
    }

    private func responses(_ hex: [String]) -> [Step] {
        let location = ("location", "https://www.example.com")
        let date21 = ("date", "Mon, 21 Oct 2013 20:13:21 GMT")
        let date22 = ("date", "Mon, 21 Oct 2013 20:13:22 GMT")
        let cookie = ("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")
        let first = [(":status", "302"), ("cache-control", "private"), date21, location]
        let second = [(":status", "307"), ("cache-control", "private"), date21, location]
        let third = [(":status", "200"), ("cache-control", "private"), date22, location,
                     ("content-encoding", "gzip"), cookie]
        return [
            Step(hex: hex[0], headers: indexable(first), table: first.reversed(), tableSize: 222),
            Step(hex: hex[1], headers: indexable(second),
                 table: [(":status", "307"), location, date21, ("cache-control", "private")], tableSize: 222),
            Step(hex: hex[2], headers: indexable(third), table: [cookie, ("content-encoding", "gzip"), date22],
                 tableSize: 215),
        ]
    }

    private func indexable(_ pairs: [(String, String)]) -> [(String, String, HeaderIndexing)] {
        pairs.map { ($0.0, $0.1, .indexable) }
    }

    /// Encodes and decodes `steps` in order on one encoder and one decoder. A table size
    /// other than 4,096 is set first by a block holding only the size update.
    private func check(
        _ steps: [Step], huffman: HPACKEncoder.HuffmanPolicy, tableSize: Int = 4096,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var encoder = HPACKEncoder(maxTableSize: tableSize, huffman: huffman, indexing: .asMarked)
        var decoder = HPACKDecoder(maxTableSizeLimit: tableSize)
        if tableSize != HPACKDecoder.defaultTableSize {
            let update = encoder.encode([])
            var expected: [UInt8] = []
            PrefixInteger.encode(tableSize, prefixBits: 5, flags: 0x20, into: &expected)
            #expect(update == expected, sourceLocation: sourceLocation)
            #expect(try decoder.decode(update) == [], sourceLocation: sourceLocation)
        }
        for (number, step) in steps.enumerated() {
            let fields = step.headers.map { HeaderField(name: $0.0, value: $0.1, indexing: $0.2) }
            let wire = [UInt8](hex: step.hex)
            #expect(encoder.encode(fields).hex == wire.hex, "block \(number + 1)", sourceLocation: sourceLocation)
            #expect(try decoder.decode(wire) == fields, "block \(number + 1)", sourceLocation: sourceLocation)
            let table = (0..<decoder.table.count).map { decoder.table[$0 + 1] }
            let entries = table.map { "\(String(decoding: $0.name, as: UTF8.self)): \(String(decoding: $0.value, as: UTF8.self))" }
            #expect(entries == step.table.map { "\($0.0): \($0.1)" }, "block \(number + 1)", sourceLocation: sourceLocation)
            #expect(decoder.table.size == step.tableSize, sourceLocation: sourceLocation)
        }
    }
}
