import Foundation
import HPACK
import TestSupport

/// The hpack-test-case stories under `../shared/testdata/hpack/<encoder>/story_NN.json`.
struct Story {
    /// One header block: its header list, and where the encoder wrote one, its bytes.
    struct Case {
        let headers: [HeaderField]
        let wire: [UInt8]?
        /// The table size the encoder switched to before this block, if it did.
        let headerTableSize: Int?
    }

    let path: String
    let cases: [Case]

    static var directory: URL { SharedTestData.root.appendingPathComponent("hpack") }

    /// The encoder folders (`go-hpack`, `nghttp2`, ..., `raw-data`), sorted.
    static func folders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Every story in `folder`, sorted by name.
    static func load(folder: String) throws -> [Story] {
        let folderURL = directory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: folderURL.path)
            .filter { $0.hasPrefix("story_") && $0.hasSuffix(".json") }.sorted()
            .map { try Story(url: folderURL.appendingPathComponent($0)) }
    }

    init(url: URL) throws {
        path = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
              let cases = object["cases"] as? [[String: Any]]
        else { throw StoryError(message: "\(path): no cases") }
        self.cases = try cases.map { item in
            guard let headers = item["headers"] as? [[String: String]] else {
                throw StoryError(message: "\(url.path): a case without headers")
            }
            return Case(
                headers: try headers.map { pair in
                    guard pair.count == 1, let (name, value) = pair.first else {
                        throw StoryError(message: "\(url.path): a header that is not one name-value pair")
                    }
                    return HeaderField(name: name, value: value)
                },
                wire: (item["wire"] as? String).map { [UInt8](hex: $0) },
                headerTableSize: item["header_table_size"] as? Int)
        }
    }

    struct StoryError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// A header list as comparable text: `name: value` per field, octets as hex when not
/// printable, and `[never]` on never-indexed fields when `flags` is set.
func describe(_ fields: [HeaderField], flags: Bool = false) -> [String] {
    fields.map { field in
        func text(_ bytes: [UInt8]) -> String {
            bytes.allSatisfy({ (0x20..<0x7f).contains($0) }) ? String(decoding: bytes, as: UTF8.self) : "0x" + bytes.hex
        }
        let never = flags && field.indexing == .neverIndexed ? " [never]" : ""
        return "\(text(field.name)): \(text(field.value))\(never)"
    }
}
