import Foundation

/// Runs a Python script as an outside oracle and returns what it printed.
///
/// The oracles (cbor2, cbor-diag, pycose, hashlib) are installed by `scripts/test`;
/// a missing one fails the test with the reason rather than skipping it.
public enum PythonOracle {
    /// The oracle could not run or exited with an error.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `script` with `python3 -c script arguments...`, feeding `input` on stdin.
    public static func run(_ script: String, arguments: [String] = [], input: String = "") throws -> String {
        // Shared peers (Tests/TestSupport/Python) are importable from every script.
        let modules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Python").path
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["PYTHONPATH=\(modules)", "python3", "-c", script] + arguments,
            input: Array(input.utf8))
        guard result.status == 0 else {
            throw Failure(description: "python3 oracle failed (status \(result.status)); run scripts/test to install the oracles:\n\(result.stderr)")
        }
        return result.text
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex, two digits per byte.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes from hex digits (either case); whitespace is skipped. Traps on
    /// anything else, which only a test's own literal can supply.
    public init(hex: some StringProtocol) {
        let digits = hex.utf8.filter { $0 != 0x20 && $0 != 0x0a }
        precondition(digits.count.isMultiple(of: 2), "odd number of hex digits")
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: preconditionFailure("not a hex digit: \(c)")
            }
        }
        self = stride(from: 0, to: digits.count, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    /// Bytes from unpadded base64url (RFC 7515 §2), as JWK coordinates are written.
    public init(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self = Array(Data(base64Encoded: base64) ?? Data())
    }
}

/// Paths of the shared conformance vectors (`../shared/testdata` beside the repository).
public enum SharedTestData {
    /// `<workspace>/shared/testdata`, found from this file's path.
    public static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }
}

/// SplitMix64: a tiny seeded generator, so every corpus is reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    public mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
