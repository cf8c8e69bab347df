import Foundation
import HPACK

/// HPACK encode and decode over the whole shared corpus (`../shared/testdata/hpack`),
/// timed beside Python `hpack` (Benchmarks/peers/hpack_peer.py, `scripts/bench hpack`).
/// Prints one JSON line per workload:
///
///     {"name": "hpack.decode", "headers_per_s": 9123456.7, "headers": 195214, ...}
///
/// - `hpack.decode`: every story that has `wire` (nghttp2, Go, Python, node-http2 and
///   nghttp2-change-table-size), one decoder per story, each block in order, honouring
///   `header_table_size` as a SETTINGS change.
/// - `hpack.encode`: every story's header lists (raw-data included), one encoder per story
///   (automatic indexing, Huffman when shorter).
///
/// One iteration is the whole corpus; each workload is calibrated to about
/// `--min-seconds`, then timed for `--rounds` rounds; the fastest round is reported.
///
///     hpack-bench --corpus DIR [--min-seconds S] [--rounds N]
@main
struct HPACKBench {
    static func main() throws {
        var corpus = "../shared/testdata/hpack"
        var minSeconds = 1.0
        var rounds = 5
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--corpus": corpus = arguments.popFirst() ?? corpus
            case "--min-seconds": minSeconds = Double(arguments.popFirst() ?? "") ?? minSeconds
            case "--rounds": rounds = Int(arguments.popFirst() ?? "") ?? rounds
            default:
                FileHandle.standardError.write(Data("usage: hpack-bench --corpus DIR [--min-seconds S] [--rounds N]\n".utf8))
                exit(2)
            }
        }
        let stories = try Corpus.load(directory: corpus)
        let encoded = stories.filter(\.hasWire)
        let decodeHeaders = encoded.reduce(0) { $0 + $1.headerCount }
        let encodeHeaders = stories.reduce(0) { $0 + $1.headerCount }

        var decodedCount = 0
        let decode = try measure(minSeconds: minSeconds, rounds: rounds) {
            decodedCount = try decodeAll(encoded)
        }
        guard decodedCount == decodeHeaders else {
            throw BenchError(message: "decoded \(decodedCount) headers, the corpus has \(decodeHeaders)")
        }
        print(line("hpack.decode", decode, headers: decodeHeaders, stories: encoded.count,
                   blocks: encoded.reduce(0) { $0 + $1.blocks.count }, bytes: encoded.reduce(0) { $0 + $1.wireBytes }))

        var encodedBytes = 0
        let encode = measure(minSeconds: minSeconds, rounds: rounds) {
            encodedBytes = encodeAll(stories)
        }
        print(line("hpack.encode", encode, headers: encodeHeaders, stories: stories.count,
                   blocks: stories.reduce(0) { $0 + $1.blocks.count }, bytes: encodedBytes))
    }

    /// Decodes every block of every story; returns the number of header fields.
    static func decodeAll(_ stories: [Story]) throws -> Int {
        var count = 0
        for story in stories {
            var decoder = HPACKDecoder()
            for block in story.blocks {
                if let size = block.headerTableSize { decoder.setMaxTableSizeLimit(size) }
                count += try decoder.decode(block.wire).count
            }
        }
        return count
    }

    /// Encodes every story's header lists; returns the bytes written.
    static func encodeAll(_ stories: [Story]) -> Int {
        var bytes = 0
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        for story in stories {
            var encoder = HPACKEncoder()
            for block in story.blocks {
                output.removeAll(keepingCapacity: true)
                encoder.encode(block.headers, into: &output)
                bytes += output.count
            }
        }
        return bytes
    }

    /// Seconds of the fastest of `rounds` rounds, and the iterations in each round.
    static func measure(minSeconds: Double, rounds: Int, _ body: () throws -> Void) rethrows -> (Double, Int) {
        let clock = ContinuousClock()
        var iterations = 1
        var elapsed = 0.0
        while true {
            elapsed = try time(clock, iterations, body)
            if elapsed >= 0.05 { break }
            iterations *= 2
        }
        iterations = max(1, Int((Double(iterations) * minSeconds / elapsed).rounded(.up)))
        var best = Double.infinity
        for _ in 0..<rounds {
            best = min(best, try time(clock, iterations, body))
        }
        return (best, iterations)
    }

    static func time(_ clock: ContinuousClock, _ iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = clock.now
        for _ in 0..<iterations { try body() }
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func line(_ name: String, _ result: (Double, Int), headers: Int, stories: Int, blocks: Int, bytes: Int) -> String {
        let (seconds, iterations) = result
        let perSecond = Double(headers * iterations) / seconds
        return "{\"name\": \"\(name)\", \"headers_per_s\": \(String(format: "%.1f", perSecond)), "
            + "\"corpus_per_s\": \(String(format: "%.3f", Double(iterations) / seconds)), \"headers\": \(headers), "
            + "\"blocks\": \(blocks), \"stories\": \(stories), \"wire_bytes\": \(bytes), \"iterations\": \(iterations)}"
    }

    struct BenchError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
