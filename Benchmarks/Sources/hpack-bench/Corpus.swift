import Foundation
import HPACK

/// One hpack-test-case story: its blocks in order.
struct Story {
    struct Block {
        var headers: [HeaderField]
        var wire: [UInt8]
        /// The table size the story's encoder switched to before this block.
        var headerTableSize: Int?
    }

    var blocks: [Block]
    var hasWire: Bool
    var headerCount: Int { blocks.reduce(0) { $0 + $1.headers.count } }
    var wireBytes: Int { blocks.reduce(0) { $0 + $1.wire.count } }
}

/// Loads `<directory>/<encoder>/story_NN.json` in sorted order, as the Python peer does.
enum Corpus {
    static func load(directory: String) throws -> [Story] {
        let files = FileManager.default
        var stories: [Story] = []
        for folder in try files.contentsOfDirectory(atPath: directory).sorted() {
            let path = directory + "/" + folder
            for name in try files.contentsOfDirectory(atPath: path).sorted() where name.hasSuffix(".json") {
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
                let cases = (json as? [String: Any])?["cases"] as? [[String: Any]] ?? []
                let blocks = cases.map { item in
                    Story.Block(
                        headers: (item["headers"] as? [[String: String]] ?? []).flatMap { pair in
                            pair.map { HeaderField(name: $0.key, value: $0.value) }
                        },
                        wire: hex(item["wire"] as? String ?? ""),
                        headerTableSize: item["header_table_size"] as? Int)
                }
                stories.append(Story(blocks: blocks, hasWire: cases.first?["wire"] != nil))
            }
        }
        return stories
    }

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8).map { $0 <= 0x39 ? $0 - 0x30 : ($0 | 0x20) - 0x61 + 10 }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }
}
