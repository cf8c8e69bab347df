import Foundation
import Testing
import TestSupport
import SHA3

/// Compares every function with Python's `hashlib` (OpenSSL or Python's own Keccak) on
/// seeded pseudo-random inputs of every length from 0 to 1,000 bytes.
///
/// python3 is a required test dependency (scripts/test installs it): when it is missing
/// the test fails rather than skips, so a machine without it cannot pass silently.
struct PythonOracleTests {
    static let maxInputByteCount = 1000

    /// Reads one hex message a line from argv[1] and writes, for each, the six digests
    /// separated by spaces to argv[2], in `HashUnderTest.all` order.
    static let oracleScript = """
        import hashlib, sys
        with open(sys.argv[1]) as source, open(sys.argv[2], "w") as sink:
            for line in source:
                message = bytes.fromhex(line.strip())
                digests = [
                    hashlib.sha3_224(message).hexdigest(),
                    hashlib.sha3_256(message).hexdigest(),
                    hashlib.sha3_384(message).hexdigest(),
                    hashlib.sha3_512(message).hexdigest(),
                    hashlib.shake_128(message).hexdigest(\(HashUnderTest.shakeOutputByteCount)),
                    hashlib.shake_256(message).hexdigest(\(HashUnderTest.shakeOutputByteCount)),
                ]
                sink.write(" ".join(digests) + "\\n")
        """

    @Test func everyLengthUpTo1000MatchesHashlib() throws {
        var generator = SeededRandom(seed: 202)
        let messages = (0...Self.maxInputByteCount).map { generator.bytes(count: $0) }

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sha3-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("messages.hex")
        let outputURL = directory.appendingPathComponent("digests.hex")
        let input = messages.map(\.hex).joined(separator: "\n") + "\n"
        try input.write(to: inputURL, atomically: true, encoding: .utf8)

        _ = try PythonOracle.run(Self.oracleScript, arguments: [inputURL.path, outputURL.path])

        let lines = try String(contentsOf: outputURL, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast()
        try #require(lines.count == messages.count, "hashlib printed \(lines.count) lines")
        var mismatchCount = 0
        for (message, line) in zip(messages, lines) {
            let expectedDigests = line.split(separator: " ").map(String.init)
            try #require(expectedDigests.count == HashUnderTest.all.count)
            for (function, expected) in zip(HashUnderTest.all, expectedDigests)
            where function.hash(message).hex != expected {
                mismatchCount += 1
                Issue.record("\(function) differs from hashlib for a \(message.count)-byte input")
            }
            if mismatchCount > 20 { break }  // Enough to diagnose; do not flood the log.
        }
    }
}
