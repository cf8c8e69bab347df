import Testing
import TestSupport
@testable import RaftHost

/// CRC32C against the published vectors (RFC 3720 B.4, the "123456789" check value of
/// the CRC catalogue) and against Python's `crc32c` package (ICRAR's, which uses the
/// SSE 4.2 instruction: an implementation that shares nothing with ours).
@Suite struct CRC32CTests {
    @Test func rfc3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        let readCommand = [UInt8](hex: """
            01c00000 00000000 00000000 00000000 14000000 00000400 00000014 00000018
            28000000 00000000 02000000 00000000
            """)
        #expect(CRC32C.checksum(readCommand) == 0xD996_3A56)
    }

    @Test func catalogueCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func agreesWithPythonCrc32cOnEveryLengthAndAlignment() throws {
        var random = SeededRandom(seed: 3720)
        let inputs = (0..<300).map { length in random.bytes(count: length) } + [random.bytes(count: 100_003)]
        let script = """
            import sys, crc32c
            for line in sys.stdin.read().split():
                print(crc32c.crc32c(bytes.fromhex(line)))
            """
        let expected = try PythonOracle.run(script, input: inputs.map { $0.isEmpty ? "" : $0.hex }.joined(separator: "\n"))
            .split(separator: "\n").map { UInt32($0)! }
        // An empty line splits to nothing: the empty input is checked above.
        let nonEmpty = inputs.filter { !$0.isEmpty }
        #expect(expected.count == nonEmpty.count)
        for (input, value) in zip(nonEmpty, expected) {
            #expect(CRC32C.checksum(input) == value, "length \(input.count)")
            // Fed in uneven pieces (unaligned starts, short tails) it must come out the same.
            var crc = CRC32C()
            var start = 0
            var piece = 1
            while start < input.count {
                let end = min(input.count, start + piece)
                crc.update(input[start..<end])
                start = end
                piece = piece * 3 % 17 + 1
            }
            #expect(crc.value == value, "length \(input.count) in pieces")
        }
    }
}
