import Foundation
import HPACK
import TestSupport
import Testing

/// Python `hpack` (pip package, installed by scripts/test) as the independent peer:
/// it decodes what our encoder writes, and our decoder reads what it writes.
struct PythonHPACKTests {
    /// Decodes header blocks given as JSON `[[hex, ...], ...]` (one decoder per inner
    /// list) and prints `[[[name hex, value hex, never-indexed], ...], ...]` per block.
    static let decodeScript = """
        import json, sys
        from hpack import Decoder, NeverIndexedHeaderTuple
        out = []
        for story in json.load(sys.stdin):
            decoder = Decoder()
            decoder.max_header_list_size = 1 << 20
            out.append([[[f[0].hex(), f[1].hex(), isinstance(f, NeverIndexedHeaderTuple)]
                         for f in decoder.decode(bytes.fromhex(block), raw=True)]
                        for block in story])
        print(json.dumps(out))
        """

    /// Encodes `[{"headers": [[name hex, value hex, sensitive]], "huffman": bool,
    /// "table_size": int or null}, ...]` with one encoder, printing the blocks' hex.
    static let encodeScript = """
        import json, sys
        from hpack import Encoder, HeaderTuple, NeverIndexedHeaderTuple
        encoder = Encoder()
        out = []
        for item in json.load(sys.stdin):
            if item["table_size"] is not None:
                encoder.header_table_size = item["table_size"]
            fields = [(NeverIndexedHeaderTuple if s else HeaderTuple)(bytes.fromhex(n), bytes.fromhex(v))
                      for n, v, s in item["headers"]]
            out.append(encoder.encode(fields, huffman=item["huffman"]).hex())
        print(json.dumps(out))
        """

    /// Every raw-data story, encoded by us (automatic indexing, Huffman when shorter),
    /// decodes to the same header lists with our decoder and with Python's; both see
    /// the same fields as never-indexed.
    @Test func rawDataStoriesRoundTripThroughPython() throws {
        let stories = try Story.load(folder: "raw-data")
        #expect(stories.count == 32)
        var encoded: [[[UInt8]]] = []
        var ours: [[[HeaderField]]] = []
        for story in stories {
            var encoder = HPACKEncoder()
            var decoder = HPACKDecoder()
            let blocks = story.cases.map { encoder.encode($0.headers) }
            encoded.append(blocks)
            ours.append(try blocks.map { try decoder.decode($0) })
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: encoded.map { $0.map(\.hex) }), as: UTF8.self)
        let output = try PythonOracle.run(Self.decodeScript, input: input)
        let theirs = try Self.parseDecoded(output)
        #expect(theirs.count == stories.count)
        var neverIndexed = 0
        for (storyIndex, story) in stories.enumerated() {
            for (number, item) in story.cases.enumerated() {
                let label = "\(story.path) case \(number)"
                #expect(describe(ours[storyIndex][number]) == describe(item.headers), "\(label)")
                #expect(describe(theirs[storyIndex][number], flags: true) == describe(ours[storyIndex][number], flags: true), "\(label)")
                neverIndexed += ours[storyIndex][number].filter { $0.indexing == .neverIndexed }.count
            }
        }
        // Short cookies and authorization values are in the corpus: the policy must have hit some.
        #expect(neverIndexed > 0)
    }

    /// A few hundred seeded random header lists, encoded by Python's hpack on one
    /// connection (Huffman on and off, never-indexed fields, table size changes), read
    /// back by our decoder field for field, never-indexed flags included.
    @Test func decodesWhatPythonEncodes() throws {
        var random = SeededRandom(seed: 0x4850_4143_4b21)
        var lists: [[HeaderField]] = []
        var requests: [[String: Any]] = []
        for number in 0..<300 {
            let fields = (0..<Int.random(in: 0...24, using: &random)).map { _ in Self.randomField(&random) }
            lists.append(fields)
            // Every 37th list changes the table size (0 included), as SETTINGS would.
            let tableSize: Any = number % 37 == 36 ? [0, 256, 1024, 4096].randomElement(using: &random)! : NSNull()
            requests.append([
                "headers": fields.map { [$0.name.hex, $0.value.hex, $0.indexing == .neverIndexed] },
                "huffman": number % 3 != 0,
                "table_size": tableSize,
            ])
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: requests), as: UTF8.self)
        let output = try PythonOracle.run(Self.encodeScript, input: input)
        guard let blocks = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String] else {
            Issue.record("unexpected oracle output: \(output.prefix(200))")
            return
        }
        #expect(blocks.count == lists.count)
        var decoder = HPACKDecoder(maxHeaderListSize: 1 << 20)
        var neverIndexed = 0
        for (number, (hex, expected)) in zip(blocks, lists).enumerated() {
            let fields = try decoder.decode([UInt8](hex: hex))
            #expect(describe(fields) == describe(expected), "list \(number)")
            // Python sends a sensitive field as a never-indexed literal, or as an index when
            // the table already holds it; it never indexes one, nor marks any other field.
            for (field, sent) in zip(fields, expected) {
                let sensitive = sent.indexing == .neverIndexed
                #expect(sensitive ? field.indexing != .notIndexed : field.indexing != .neverIndexed, "list \(number): \(describe([field], flags: true))")
                neverIndexed += field.indexing == .neverIndexed ? 1 : 0
            }
        }
        #expect(neverIndexed > 200)
    }

    /// Names from the static table, a small custom pool (so the dynamic table gets hits)
    /// and fresh random tokens; values empty, short, long, or with non-ASCII octets.
    static func randomField(_ random: inout SeededRandom) -> HeaderField {
        let pool = [":method", ":path", ":authority", "accept", "cookie", "user-agent", "x-trace", "x-custom-a"]
        let name: [UInt8]
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<6: name = Array(pool.randomElement(using: &random)!.utf8)
        case 6..<8: name = Array(StaticNames.all.randomElement(using: &random)!.utf8)
        default: name = (0..<Int.random(in: 1...20, using: &random)).map { _ in UInt8.random(in: 0x61...0x7a, using: &random) }
        }
        let length = [0, 3, 12, 40, 300].randomElement(using: &random)!
        let value: [UInt8] = Int.random(in: 0..<5, using: &random) == 0
            ? random.bytes(count: length)
            : (0..<length).map { _ in UInt8.random(in: 0x20...0x7e, using: &random) }
        let sensitive = Int.random(in: 0..<10, using: &random) == 0
        return HeaderField(name: name, value: value, indexing: sensitive ? .neverIndexed : .indexable)
    }

    static func parseDecoded(_ output: String) throws -> [[[HeaderField]]] {
        guard let stories = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[[Any]]]] else {
            throw Story.StoryError(message: "unexpected oracle output: \(output.prefix(200))")
        }
        return stories.map { blocks in
            blocks.map { fields in
                fields.map { field in
                    HeaderField(
                        name: [UInt8](hex: field[0] as? String ?? ""), value: [UInt8](hex: field[1] as? String ?? ""),
                        indexing: field[2] as? Bool == true ? .neverIndexed : .indexable)
                }
            }
        }
    }
}

/// Names of the RFC 7541 static table, typed in from Appendix A, for random lists.
enum StaticNames {
    static let all = [
        ":authority", ":method", ":path", ":scheme", ":status", "accept-charset", "accept-encoding",
        "accept-language", "accept-ranges", "accept", "access-control-allow-origin", "age", "allow",
        "authorization", "cache-control", "content-disposition", "content-encoding", "content-language",
        "content-length", "content-location", "content-range", "content-type", "cookie", "date", "etag", "expect",
        "expires", "from", "host", "if-match", "if-modified-since", "if-none-match", "if-range",
        "if-unmodified-since", "last-modified", "link", "location", "max-forwards", "proxy-authenticate",
        "proxy-authorization", "range", "referer", "refresh", "retry-after", "server", "set-cookie",
        "strict-transport-security", "transfer-encoding", "user-agent", "vary", "via", "www-authenticate",
    ]
}
