import Foundation
import Testing
import TestSupport
@testable import CBOR

/// Helpers the diagnostic-notation tests share: hex, the shared vectors, the
/// cbor-diag oracle and a seeded generator of values.
enum DiagnosticFixtures {
    /// Bytes of a hex string (lowercase or uppercase, no separators).
    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var high: UInt8?
        for byte in hex.utf8 {
            guard let nibble = DiagnosticParser.hexValue(byte) else { continue }
            if let first = high { out.append(first << 4 | nibble); high = nil } else { high = nibble }
        }
        return out
    }

    /// `<root>/shared/testdata`, found from this file: the repository is `<root>/main`.
    static var sharedTestData: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }

    struct OracleFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// `cbor_diag.cbor2diag(bytes)` for each item, from one python3 process that
    /// reads hex lines from a temporary file and prints a JSON list.
    static func cborDiag(_ items: [[UInt8]]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let input = directory.appendingPathComponent("diagnostic-\(id).hex")
        let errors = directory.appendingPathComponent("diagnostic-\(id).err")
        try items.map(DiagnosticFormatting.hex).joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: errors)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", oracleScript, input.path]
        var environment = ProcessInfo.processInfo.environment
        environment["RUST_BACKTRACE"] = "0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw OracleFailure(description: """
                python3 with cbor_diag is required (scripts/test installs it: pip install cbor-diag); \
                exit status \(process.terminationStatus): \(stderr)
                """)
        }
        return try JSONDecoder().decode([String].self, from: data)
    }

    private static let oracleScript = """
        import json, sys
        try:
            import cbor_diag
        except ImportError as error:
            sys.stderr.write("cannot import cbor_diag: %s\\n" % error)
            sys.exit(3)
        results = []
        for line in open(sys.argv[1]):
            line = line.strip()
            try:
                results.append(cbor_diag.cbor2diag(bytes.fromhex(line)))
            except BaseException as error:
                results.append("!cbor_diag failed: %s" % error)
        json.dump(results, sys.stdout)
        """
}

@Suite struct DiagnosticFixtureTests {
    @Test func generatorIsDeterministic() {
        var a = DiagnosticRandomValues(seed: 7)
        var b = DiagnosticRandomValues(seed: 7)
        for _ in 0..<50 { #expect(a.value() == b.value()) }
    }

    @Test func generatorCoversEveryCase() {
        var generator = DiagnosticRandomValues(seed: 1)
        var seen = Set<String>()
        for _ in 0..<2000 { collectCases(generator.value(), into: &seen) }
        let all = ["unsigned", "negative", "bytes", "text", "array", "map", "tagged", "simple", "bool", "null",
                   "undefined", "half", "float", "double", "indefiniteBytes", "indefiniteText", "indefiniteArray",
                   "indefiniteMap"]
        #expect(Set(all).subtracting(seen).isEmpty, "missing \(Set(all).subtracting(seen))")
    }

    @Test func sharedVectorsAreFound() {
        #expect(FileManager.default.fileExists(atPath: DiagnosticFixtures.sharedTestData.appendingPathComponent("cbor/appendix_a.json").path))
    }

    private func collectCases(_ value: CBOR, into seen: inout Set<String>) {
        seen.insert(caseName(value))
        for child in value.arrayValue ?? [] { collectCases(child, into: &seen) }
        for entry in value.mapValue ?? [] { collectCases(entry.key, into: &seen); collectCases(entry.value, into: &seen) }
        if case let .tagged(_, content) = value { collectCases(content, into: &seen) }
    }

    private func caseName(_ value: CBOR) -> String {
        switch value {
        case .unsigned: "unsigned"
        case .negative: "negative"
        case .bytes: "bytes"
        case .text: "text"
        case .array: "array"
        case .map: "map"
        case .tagged: "tagged"
        case .simple: "simple"
        case .bool: "bool"
        case .null: "null"
        case .undefined: "undefined"
        case .half: "half"
        case .float: "float"
        case .double: "double"
        case .indefiniteBytes: "indefiniteBytes"
        case .indefiniteText: "indefiniteText"
        case .indefiniteArray: "indefiniteArray"
        case .indefiniteMap: "indefiniteMap"
        }
    }
}
