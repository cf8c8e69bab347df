import Foundation
import Protobuf
import TestSupport
import XCTest

/// Text format against protoc 3.21 itself: `protoc --decode TYPE` of our bytes prints
/// exactly our text, and `protoc --encode TYPE` of our text writes exactly the bytes we
/// read from it; hand-written texts are accepted or refused as protoc does, at its line and column.
final class TextFormatOracleTests: XCTestCase {
    private static let corpusFiles = ["proto3_features.proto", "proto2_features.proto", "reexport_user.proto"]
    private static let includeArguments = ["-I\(ProtocOracle.corpus)", "-I\(ProtocOracle.systemInclude)"]

    private func corpusPool() throws -> DescriptorPool {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        return try DescriptorPool(try compiler.compile(Self.corpusFiles))
    }

    /// `protoc --decode` or `--encode` of `input`: standard output, or standard error when it failed.
    private func protoc(_ mode: String, _ type: String, _ input: [UInt8]) throws -> (ok: Bool, output: [UInt8], errors: String) {
        let result = try ChildProcess.run(ProtocOracle.protoc, ["--\(mode)=\(type)"] + Self.includeArguments + Self.corpusFiles, input: input)
        return (result.status == 0, result.stdout, result.stderr)
    }

    private func randomMessages(_ pool: DescriptorPool, seed: UInt64, perType: Int) throws -> [DynamicMessage] {
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: seed))
        var messages: [DynamicMessage] = []
        for name in ["corpus.p3.v1.Everything", "corpus.p2.Scalars", "corpus.user.User", "google.protobuf.Struct"] {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<perType { messages.append(try generator.message(type)) }
        }
        return messages
    }

    func testRandomMessagesPrintAsProtocDecodes() throws {
        let pool = try corpusPool()
        for (index, message) in try randomMessages(pool, seed: 0x7e47, perType: 25).enumerated() {
            let theirs = try protoc("decode", message.type.fullName, try message.serializedBytes())
            XCTAssertTrue(theirs.ok, theirs.errors)
            XCTAssertEqual(message.textFormat(pool: pool), String(decoding: theirs.output, as: UTF8.self), "message \(index) of \(message.type.fullName)")
        }
    }

    /// Bytes of one type read as another: the unknown fields (numbers, fixed values in hex,
    /// nested blocks for length-delimited values that parse as fields) print as protoc prints them.
    func testUnknownFieldsPrintAsProtocDecodes() throws {
        let pool = try corpusPool()
        let user = try XCTUnwrap(pool.messageType("corpus.user.User"))
        for (index, message) in try randomMessages(pool, seed: 0x0bad, perType: 6).enumerated() {
            let bytes = try message.serializedBytes()
            let theirs = try protoc("decode", "corpus.user.User", bytes)
            XCTAssertTrue(theirs.ok, theirs.errors)
            let asUser = try DynamicMessage(serializedBytes: bytes, type: user, pool: pool)
            XCTAssertEqual(asUser.textFormat(pool: pool), String(decoding: theirs.output, as: UTF8.self), "message \(index)")
        }
    }

    /// Our text of random messages, encoded by protoc and read by us, gives the same bytes
    /// (maps in text order, as protoc writes them), and reads back to the message we printed.
    func testRandomTextsEncodeAsProtocEncodes() throws {
        let pool = try corpusPool()
        for (index, message) in try randomMessages(pool, seed: 0x3e4c, perType: 25).enumerated() {
            let text = message.textFormat(pool: pool)
            let theirs = try protoc("encode", message.type.fullName, Array(text.utf8))
            XCTAssertTrue(theirs.ok, theirs.errors)
            let ours = try DynamicMessage(textFormat: text, type: message.type, pool: pool)
            XCTAssertEqual(try ours.serializedBytes(deterministic: false, checkRequired: false).hex, theirs.output.hex, "message \(index):\n\(text)")
            XCTAssertEqual(ours.textFormat(pool: pool), text, "message \(index) printed back")
        }
    }

    /// Hand-written texts of `corpus.p2.Scalars` and `corpus.p3.v1.Everything`: every spelling
    /// protoc takes, and mistakes it refuses, each refused at protoc's line and column.
    func testHandWrittenTextsReadAsProtocReadsThem() throws {
        let pool = try corpusPool()
        let everything = [
            "a_double: 1 a_float: 1.5f a_int32: -0x80000000 a_int64: 077 a_uint32: 4294967295",
            "a_double: -inf a_float: NaN a_bool: t a_string: 'single' \"joined\" a_bytes: \"\\x41\\101\\u00e9\\n\\?\"",
            "a_bool: 1; a_kind: KIND_B, kinds: [KIND_A, 2, 999] packed_default: [] names: [\"a\", 'b']",
            "recursive < a_int32: 1 > recursive_x: 1",
            "labels { key: \"b\" value: \"2\" } labels { key: \"a\" } by_id [{ key: 3 value { a_bool: true } }, { key: -1 }]",
            "text: \"x\" data: \"y\"",
            "maybe_int: 0 a_int32: 0 a_int32: 5",
            "a_uint32: -1",
            "a_int32: 2147483648",
            "a_int32: 1.0",
            "a_double: 0x10",
            "a_string: 5",
            "a_bool: yes",
            "a_kind: KIND_Z",
            "# a comment\n  a_int32: 3 # another\n\ta_int64: 4\n  recursive {\n    a_bool: true\n  \n",
            "at { seconds: 1 nanos: 2 } meta { fields { key: \"k\" value { number_value: 2.5 } } }",
            "a_int32 1",
            "deepest { kind: KIND_A deep { } }",
            "a_string: \"unterminated",
            "a_int32: 1\na_string: \"two\nlines\"",
            "a_float: 3.4028236e38 a_double: 1e400 a_sfixed64: -9223372036854775808",
        ]
        let scalars = [
            "id: \"x\" Result { url: \"u\" Snippet { text: \"t\" } Snippet { } }",
            "id: \"x\" result { url: \"u\" }",
            "f_enum: HIGH children { color: CRIMSON } children { color: -3 }",
            "children { color: 7 }",
            "name: \"n\" number: 3",
            "Chosen { a: 1 }",
            "f_bool: true f_bool: false",
            "unpacked: [-1, 2] packed_ints: 3 packed_ints: [4, 5]",
        ]
        for (typeName, texts) in [("corpus.p3.v1.Everything", everything), ("corpus.p2.Scalars", scalars)] {
            let type = try XCTUnwrap(pool.messageType(typeName))
            for text in texts {
                let theirs = try protoc("encode", typeName, Array(text.utf8))
                do {
                    let ours = try DynamicMessage(textFormat: text, type: type, pool: pool)
                    XCTAssertTrue(theirs.ok, "protoc refused what we read: \(text)\n\(theirs.errors)")
                    XCTAssertEqual(try ours.serializedBytes(deterministic: false, checkRequired: false).hex, theirs.output.hex, text)
                } catch {
                    XCTAssertFalse(theirs.ok, "we refused what protoc reads: \(text): \(error)")
                    XCTAssertTrue(theirs.errors.contains("\ninput:\(error)\n"), "\(text)\nours: \(error)\nprotoc: \(theirs.errors)")
                }
            }
        }
    }
}
