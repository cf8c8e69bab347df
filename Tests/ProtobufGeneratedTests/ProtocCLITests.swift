import Foundation
import TestSupport
import XCTest

/// `swift-many-protoc` run beside the real `protoc` with the same arguments and input:
/// the same bytes out, the same errors at the same places, a non-zero exit on failure.
final class ProtocCLITests: XCTestCase {
    private static let protoc = URL(fileURLWithPath: "/usr/bin/protoc")
    private static let include = ["-I\(GeneratedCodeOracleTests.corpus)", "-I/usr/include"]
    private static let files = ["proto3_features.proto", "proto2_features.proto", "reexport_user.proto"]

    private func both(_ arguments: [String], input: [UInt8] = []) throws -> (ours: ChildProcess.Output, theirs: ChildProcess.Output) {
        (try ProductBinary.run("swift-many-protoc", arguments, input: input), try ChildProcess.run(Self.protoc, arguments, input: input))
    }

    func testDescriptorSetsEqualProtocs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for flags in [[], ["--include_imports"], ["--include_imports", "--include_source_info"]] {
            let ours = directory.appendingPathComponent("ours.pb").path, theirs = directory.appendingPathComponent("theirs.pb").path
            let results = try both(["--descriptor_set_out=\(ours)"] + flags + Self.include + Self.files)
            _ = try ChildProcess.run(Self.protoc, ["-o", theirs] + flags + Self.include + Self.files)
            XCTAssertEqual(results.ours.status, 0, results.ours.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ours)), try Data(contentsOf: URL(fileURLWithPath: theirs)), "\(flags)")
        }
    }

    /// A text message encoded by both, then those bytes decoded by both.
    func testEncodeAndDecodeEqualProtocs() throws {
        let text = """
            a_double: 2.5 a_int64: -7 a_string: "h\\303\\251llo" a_bytes: "\\000\\377"
            labels { key: "z" value: "1" } labels { key: "a" value: "2" }
            by_id { key: 3 value { a_bool: true kinds: [KIND_B, 9] } }
            child { maybe_int: 0 } any { type_url: "x" value: "\\001" } deepest { kind: KIND_A }
            """
        let encoded = try both(["--encode=corpus.p3.v1.Everything"] + Self.include + Self.files, input: Array(text.utf8))
        XCTAssertEqual(encoded.ours.status, 0, encoded.ours.stderr)
        XCTAssertEqual(encoded.ours.stdout.hex, encoded.theirs.stdout.hex)
        // Read as another type, so unknown fields are printed too.
        for type in ["corpus.p3.v1.Everything", "corpus.user.User"] {
            let decoded = try both(["--decode", type] + Self.include + Self.files, input: encoded.theirs.stdout)
            XCTAssertEqual(decoded.ours.status, 0, decoded.ours.stderr)
            XCTAssertEqual(decoded.ours.text, decoded.theirs.text, type)
        }
    }

    /// Extensions by name and an expanded `Any` encoded by both; `--decode` prints the
    /// extensions by name, `--decode_raw` every field by number, as protoc does.
    func testExtensionsAnyAndDecodeRawEqualProtocs() throws {
        let text = """
            name: "t" [corpus.required.rank]: 3 any { [type.googleapis.com/corpus.required.Leaf] { id: 7 } }
            [corpus.required.packed_ext]: [1, -1] [corpus.required.note] { text: "n" } leaves { id: 1 }
            """
        let files = ["proto2_required.proto"]
        let encoded = try both(["--encode=corpus.required.Tree"] + Self.include + files, input: Array(text.utf8))
        XCTAssertEqual(encoded.ours.status, 0, encoded.ours.stderr)
        XCTAssertEqual(encoded.ours.stdout.hex, encoded.theirs.stdout.hex)
        let decoded = try both(["--decode=corpus.required.Tree"] + Self.include + files, input: encoded.theirs.stdout)
        XCTAssertEqual(decoded.ours.status, 0, decoded.ours.stderr)
        XCTAssertEqual(decoded.ours.text, decoded.theirs.text)
        XCTAssertTrue(decoded.ours.text.contains("[corpus.required.note] {"), decoded.ours.text)
        let raw = try both(["--decode_raw"], input: encoded.theirs.stdout)
        XCTAssertEqual(raw.ours.status, 0, raw.ours.stderr)
        XCTAssertEqual(raw.ours.text, raw.theirs.text)
        let bad = try both(["--decode_raw"], input: [0x0a, 0x05])
        XCTAssertEqual(bad.ours.status, 1)
        XCTAssertNotEqual(bad.theirs.status, 0)
        XCTAssertEqual(bad.ours.stderr, bad.theirs.stderr)
    }

    func testErrorsAreProtocsAndExitNonZero() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "syntax = \"proto3\";\nmessage M {\n  int32 a = 1\n}\n".write(to: directory.appendingPathComponent("bad.proto"), atomically: true, encoding: .utf8)
        let bad = try both(["--encode=M", "-I\(directory.path)", "bad.proto"])
        XCTAssertEqual(bad.ours.status, 1)
        XCTAssertNotEqual(bad.theirs.status, 0)
        // The same place (`file:line:column:`); the wording is ours.
        func place(_ text: String) -> String { text.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(place(bad.ours.stderr), "bad.proto:4:1:")
        XCTAssertEqual(place(bad.ours.stderr), place(bad.theirs.stderr))

        let text = try both(["--encode=corpus.p3.v1.Everything"] + Self.include + Self.files, input: Array("a_int32: 1\n  nope: 2".utf8))
        XCTAssertEqual(text.ours.status, 1)
        XCTAssertTrue(text.theirs.stderr.contains(text.ours.stderr), "ours: \(text.ours.stderr)\nprotoc: \(text.theirs.stderr)")

        let type = try both(["--decode=corpus.Missing"] + Self.include + Self.files)
        XCTAssertEqual(type.ours.status, 1)
        XCTAssertTrue(type.theirs.stderr.contains(type.ours.stderr), "ours: \(type.ours.stderr)\nprotoc: \(type.theirs.stderr)")

        let usage = try ProductBinary.run("swift-many-protoc", ["--bogus"])
        XCTAssertEqual(usage.status, 1)
        XCTAssertTrue(usage.stderr.hasPrefix("Unknown flag: --bogus"))
    }
}
