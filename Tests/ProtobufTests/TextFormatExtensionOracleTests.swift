import Foundation
import Protobuf
import TestSupport
import XCTest

/// Text format's extensions by name and expanded `Any`, and `--decode_raw`, against protoc 3.21:
/// hand-written texts are accepted exactly when `protoc --encode` accepts them, into its bytes,
/// and refused at its line and column with its wording; raw bytes print as `protoc --decode_raw`
/// prints them.
final class TextFormatExtensionOracleTests: XCTestCase {
    private static let files = ["proto2_required.proto", "proto2_features.proto"]

    func testHandWrittenExtensionAndAnyTextsReadAsProtocReadsThem() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(Self.files)
        let pool = try DescriptorPool(set)
        let extensions = ExtensionFields(files: set.file)
        let tree = try XCTUnwrap(pool.messageType("corpus.required.Tree"))
        let texts = [
            #"name: "t" [corpus.required.rank]: 5 [corpus.required.tags]: ["a", "b"] [corpus.required.tags]: "c""#,
            "[corpus.required.packed_ext]: [1, -2] name: \"x\" [corpus.required.packed_ext]: 3 [corpus.required.packed_ext]: []",
            "[corpus.required.leaf_ext] { id: 1 } [corpus.required.Holder.nested_leaves] < id: 2 > [corpus.required.Holder.nested_leaves]: { }",
            "[corpus.required.note] { text: \"n\" } [ corpus . required . note ] {}",
            "[corpus.required.kind_ext]: KIND_B [corpus.required.score]: -inf; [corpus.required.rank]: 0x10,",
            "[corpus.required.kind_ext]: 7",
            "[corpus.required.rank]: 1 [corpus.required.rank]: 2",
            "[corpus.required.leaf_ext] { } [corpus.required.leaf_ext] { }",
            "[corpus.required.nope]: 1",
            "[corpus.p2.top_ext]: \"x\"",
            "[corpus.required.rank] 1",
            "[corpus.required.rank",
            "[]",
            "any { [type.googleapis.com/corpus.required.Leaf] { id: 1 note: \"n\" } }",
            "any { [type.googleprod.com/corpus.required.Tree]: < name: \"in\" [corpus.required.rank]: 2 any { [type.googleapis.com/corpus.required.Leaf] {} } > }",
            "anys { [type.googleapis.com/corpus.required.Leaf] { id: 1 } } anys { type_url: \"u\" value: \"\\001\" } anys {}",
            "any { [type.googleapis.com/corpus.required.Nope] { } }",
            "any { [example.com/corpus.required.Leaf] { } }",
            "any { [type.googleapis.com/corpus.required.Leaf] { } [type.googleapis.com/corpus.required.Leaf] { } }",
            "any { type_url: \"x\" [type.googleapis.com/corpus.required.Leaf] { id: 1 } }",
            "any { [type.googleapis.com/corpus.required.Leaf] { id: 1 } value: \"\" }",
            "any { [type.googleapis.com/a/corpus.required.Leaf] { } }",
            "leaf { [type.googleapis.com/corpus.required.Leaf] { } }",
            "any { [type.googleapis.com/corpus.required.Leaf] id: 1 }",
            "any { [type.googleapis.com/corpus.required.Leaf] { [corpus.required.rank]: 1 } }",
        ]
        for text in texts {
            let theirs = try ChildProcess.run(
                ProtocOracle.protoc, ["--encode=corpus.required.Tree", "-I\(ProtocOracle.corpus)", "-I\(ProtocOracle.systemInclude)"] + Self.files,
                input: Array(text.utf8))
            do {
                let ours = try DynamicMessage(textFormat: text, type: tree, pool: pool, extensions: extensions)
                XCTAssertEqual(theirs.status, 0, "protoc refused what we read: \(text)\n\(theirs.stderr)")
                XCTAssertEqual(try ours.serializedBytes(deterministic: false, checkRequired: false).hex, theirs.stdout.hex, text)
                let printed = ours.textFormat(pool: pool, extensions: extensions)
                XCTAssertEqual(try DynamicMessage(textFormat: printed, type: tree, pool: pool, extensions: extensions), ours, text)
            } catch {
                XCTAssertNotEqual(theirs.status, 0, "we refused what protoc reads: \(text): \(error)")
                XCTAssertTrue(theirs.stderr.contains("input:\(error)\n"), "\(text)\nours: \(error)\nprotoc: \(theirs.stderr)")
            }
        }
    }

    /// Extension fields whose occurrences do not all fit their declaration (another wire type,
    /// a closed enum's unnamed number, a packed run beside single values, a group sent
    /// length-delimited): protoc prints the fitting ones by name and the rest as unknown fields,
    /// and so do we.
    func testExtensionOccurrencesThatDoNotFitStayUnknownAsInProtoc() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(Self.files)
        let pool = try DescriptorPool(set)
        let tree = try XCTUnwrap(pool.messageType("corpus.required.Tree"))
        var writer = WireWriter()
        writer.writeStringField(1, "t")
        writer.writeVarintField(100, 5)  // rank, int32
        writer.writeTag(100, .fixed32)
        writer.writeFixed32(1)
        writer.writeVarintField(105, 7)  // kind_ext, closed: 7 is unnamed
        writer.writeVarintField(105, 2)
        writer.writeBytesField(103, [2, 3])  // packed_ext (sint32): 1, -2 packed, then 2 alone
        writer.writeVarintField(103, 4)
        writer.writeVarintField(102, 1)  // leaf_ext as a varint
        writer.writeVarintField(101, 1)  // tags as a varint, then a string
        writer.writeStringField(101, "x")
        writer.writeBytesField(104, [])  // note (a group) length-delimited, then as a group
        writer.writeTag(104, .startGroup)
        writer.writeStringField(1, "n")
        writer.writeTag(104, .endGroup)
        writer.writeVarintField(106, 1)  // score (double) as a varint
        let bytes = writer.bytes
        let theirs = try ChildProcess.run(
            ProtocOracle.protoc, ["--decode=corpus.required.Tree", "-I\(ProtocOracle.corpus)", "-I\(ProtocOracle.systemInclude)"] + Self.files,
            input: bytes)
        XCTAssertEqual(theirs.status, 0, theirs.stderr)
        let message = try DynamicMessage(serializedBytes: bytes, type: tree, pool: pool, checkRequired: false)
        XCTAssertEqual(message.textFormat(pool: pool, extensions: ExtensionFields(files: set.file)), theirs.text)
    }

    /// Bytes of random corpus messages, the same bytes mutated, and nested values past protoc's
    /// budget of ten levels: `RawTextFormat` prints what `protoc --decode_raw` prints, and refuses
    /// what it refuses.
    func testRawBytesPrintAsProtocDecodesThemRaw() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let pool = try DescriptorPool(try compiler.compile(["proto3_features.proto", "proto2_features.proto"]))
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 0xdec0de))
        var random = SeededRandom(seed: 0x4a3)
        var inputs: [[UInt8]] = [[], [0x0a, 0x05], [0x0b], [0x0c]]
        for name in ["corpus.p3.v1.Everything", "corpus.p2.Scalars"] {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<12 {
                var bytes = try generator.message(type).serializedBytes(checkRequired: false)
                inputs.append(bytes)
                if !bytes.isEmpty {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                    inputs.append(bytes)
                }
            }
        }
        for (groups, lengths) in [(0, 12), (3, 8), (8, 3), (100, 0), (101, 0)] {
            var bytes: [UInt8] = [0x08, 0x01]
            for _ in 0..<lengths { bytes = [0x0a, UInt8(bytes.count)] + bytes }
            for _ in 0..<groups { bytes = [0x0b] + bytes + [0x0c] }
            inputs.append(bytes)
        }
        var parsed = 0
        for (index, bytes) in inputs.enumerated() {
            let theirs = try ChildProcess.run(ProtocOracle.protoc, ["--decode_raw"], input: bytes)
            do {
                let ours = try RawTextFormat.print(bytes)
                XCTAssertEqual(ours, String(decoding: theirs.stdout, as: UTF8.self), "input \(index): \(bytes.hex)")
                XCTAssertEqual(theirs.status, 0, "input \(index): \(bytes.hex)")
                parsed += 1
            } catch {
                XCTAssertNotEqual(theirs.status, 0, "input \(index): \(bytes.hex): \(error)")
            }
        }
        XCTAssertGreaterThan(parsed, 30)
    }
}
