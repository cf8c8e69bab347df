import HPACK
import Testing

/// Decodes every story that four other HPACK implementations (nghttp2, Go, Python hpack,
/// node-http2) encoded, one decoder per story, and compares each header list exactly.
struct SharedStoryTests {
    @Test func decodesEveryEncodedStory() throws {
        var storyCount = 0
        var blockCount = 0
        for folder in try Story.folders() where folder != "raw-data" {
            for story in try Story.load(folder: folder) {
                var decoder = HPACKDecoder()
                for (number, item) in story.cases.enumerated() {
                    guard let wire = item.wire else { continue }
                    if let size = item.headerTableSize {
                        decoder.setMaxTableSizeLimit(size)
                    }
                    do {
                        let fields = try decoder.decode(wire)
                        #expect(describe(fields) == describe(item.headers), "\(story.path) case \(number)")
                    } catch {
                        Issue.record("\(story.path) case \(number): \(error)")
                        break
                    }
                    blockCount += 1
                }
                storyCount += 1
            }
        }
        // 5 encoder folders of 31-32 stories each, 20,000-odd blocks in all.
        #expect(storyCount >= 159)
        #expect(blockCount > 16_000)
    }

    /// nghttp2-change-table-size lowers the table mid-story: those blocks must begin
    /// with a size update, which a decoder told of the lower limit insists on.
    @Test func tableSizeChangesAreAnnounced() throws {
        var changes = 0
        for story in try Story.load(folder: "nghttp2-change-table-size") {
            var decoder = HPACKDecoder()
            for item in story.cases {
                guard let wire = item.wire else { continue }
                if let size = item.headerTableSize, size != decoder.tableSize {
                    decoder.setMaxTableSizeLimit(size)
                    changes += 1
                }
                _ = try decoder.decode(wire)
                if let size = item.headerTableSize {
                    #expect(decoder.tableSize == size, "\(story.path)")
                }
            }
        }
        #expect(changes > 0)
    }
}
