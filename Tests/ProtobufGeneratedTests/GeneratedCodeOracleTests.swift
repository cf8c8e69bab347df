import Foundation
import Protobuf
import TestSupport
import XCTest

/// The generated code under `Generated/` against a fresh run of the generator and against
/// Python `protobuf` (upb): random messages Python builds for each type decode into our
/// generated structs and encode back to exactly the bytes Python writes with `deterministic=True`.
final class GeneratedCodeOracleTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../ProtobufTests/Protos/corpus").standardized.path
    static let generated = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Generated").path
    /// The files the committed code was generated from (`scripts/regenerate-protos` writes it).
    static let protoFiles = [
        "proto3_features.proto", "proto2_features.proto", "reexport_user.proto", "comments.proto", "proto3_shared.proto",
        "proto2_required.proto", "custom_options.proto", "google/protobuf/any.proto", "google/protobuf/timestamp.proto", "google/protobuf/duration.proto",
        "google/protobuf/struct.proto", "google/protobuf/wrappers.proto", "google/protobuf/field_mask.proto",
        "google/protobuf/empty.proto", "google/protobuf/descriptor.proto",
    ]

    /// `swift-many-protoc --swift_out` run now writes exactly the committed files.
    func testCommittedCodeEqualsFreshGeneration() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("swift-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ProductBinary.run(
            "swift-many-protoc", ["--swift_out=\(out.path)", "-I\(Self.corpus)", "-I/usr/include"] + Self.protoFiles)
        XCTAssertEqual(result.status, 0, result.stderr)
        for file in Self.protoFiles {
            let name = SwiftGenerator.outputName(for: file)
            let fresh = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let committed = try String(contentsOfFile: Self.generated + "/" + name, encoding: .utf8)
            XCTAssertEqual(fresh, committed, "\(name) is stale: run scripts/regenerate-protos")
        }
    }

    static func descriptorSet() throws -> FileDescriptorSet {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [corpus, "/usr/include"]))
        return try compiler.compile(protoFiles)
    }

    /// Decodes `bytes` as the generated type for `name` and encodes it again, checking
    /// that the decoded value equals a second decoding of its own encoding.
    private func roundTrip(_ name: String, _ bytes: [UInt8]) throws -> [UInt8] {
        func through<M: GeneratedMessage>(_: M.Type) throws -> [UInt8] {
            XCTAssertEqual(M.protoMessageName, name)
            let message = try M(serializedBytes: bytes)
            let encoded = try message.serializedBytes()
            let again = try M(serializedBytes: encoded)
            XCTAssertEqual(again, message, name)
            XCTAssertEqual(again.hashValue, message.hashValue, name)
            return encoded
        }
        switch name {
        case "corpus.p3.v1.Everything": return try through(Corpus_P3_V1_Everything.self)
        case "corpus.p2.Scalars": return try through(Corpus_P2_Scalars.self)
        case "corpus.user.User": return try through(Corpus_User_User.self)
        case "corpus.options.Rule": return try through(Corpus_Options_Rule.self)
        case "google.protobuf.Struct": return try through(Google_Protobuf_Struct.self)
        case "google.protobuf.FileDescriptorProto": return try through(Google_Protobuf_FileDescriptorProto.self)
        default: throw XCTSkip("no generated type for \(name)")
        }
    }

    func testPythonRandomMessagesRoundTripByteIdentically() throws {
        let types = ["corpus.p3.v1.Everything", "corpus.p2.Scalars", "corpus.user.User", "corpus.options.Rule",
                     "google.protobuf.Struct", "google.protobuf.FileDescriptorProto"]
        // Every field maybe set, required ones always; maps, oneofs, groups, open enums'
        // unnamed numbers, NaNs, non-UTF-8-free bytes, `Any` with random contents.
        let messages = try PythonMessages.generate(
            try Self.descriptorSet(), types: types, PythonMessages.Options(seed: 20261125, perType: 40))
        XCTAssertEqual(messages.count, types.count * 40)
        for (index, message) in messages.enumerated() {
            XCTAssertEqual(try roundTrip(message.type, message.bytes).hex, message.bytes.hex, "message \(index) of \(message.type)")
        }
    }

    /// Messages built through the generated API (defaults, presence, oneofs, maps, groups,
    /// enum aliases) encode to the bytes Python writes for the same text-format message.
    func testBuiltMessagesEncodeAsPythonDoes() throws {
        var scalars = Corpus_P2_Scalars()
        XCTAssertEqual(scalars.fDouble, 1e10)
        XCTAssertEqual(scalars.fEnum, .high)
        XCTAssertEqual(scalars.fBytes, [0, 1, 0xff] + Array(" 'q' \"dq\" \\ \n".utf8))
        XCTAssertFalse(scalars.hasFDouble)
        scalars.id = "x"
        scalars.fSint32 = -15
        scalars.result.url = "u"
        scalars.result.snippet = [.init(), { var s = Corpus_P2_Scalars.Result.Snippet(); s.text = "t"; return s }()]
        scalars.choice = .chosen({ var c = Corpus_P2_Scalars.Chosen(); c.a = 7; return c }())
        scalars.children = [{ var inner = Corpus_P2_Scalars.Nested.Inner(); inner.color = .crimson; return inner }()]
        var everything = Corpus_P3_V1_Everything()
        everything.labels = ["b": "2", "a": "1", "ab": ""]
        everything.byId = [-1: everything, 5: Corpus_P3_V1_Everything()]
        everything.kinds = [.b, .unrecognized(77)]
        everything.payload = .child({ var child = Corpus_P3_V1_Everything(); child.aInt32 = -1; return child }())
        everything.maybeInt = 0
        everything.recursive.recursive.aString = "deep"
        let texts = [
            ("corpus.p2.Scalars", #"id: "x" f_sint32: -15 Result { url: "u" Snippet {} Snippet { text: "t" } } Chosen { a: 7 } children { color: RED }"#),
            ("corpus.p3.v1.Everything", #"labels { key: "b" value: "2" } labels { key: "a" value: "1" } labels { key: "ab" } by_id { key: -1 value { labels { key: "b" value: "2" } labels { key: "a" value: "1" } labels { key: "ab" } } } by_id { key: 5 value {} } kinds: [KIND_B, 77] child { a_int32: -1 } maybe_int: 0 recursive { recursive { a_string: "deep" } }"#),
        ]
        let script = """
            import sys
            from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
            lines = sys.stdin.read().split("\\n")
            pool = descriptor_pool.DescriptorPool()
            for f in descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0])).file:
                pool.Add(f)
            for line in lines[1:]:
                name, text = line.split(" ", 1)
                message = text_format.Parse(text, message_factory.GetMessageClass(pool.FindMessageTypeByName(name))())
                print(message.SerializeToString(deterministic=True).hex())
            """
        let input = ([try Self.descriptorSet().serializedBytes().hex] + texts.map { "\($0.0) \($0.1)" }).joined(separator: "\n")
        let theirs = try PythonOracle.run(script, input: input).split(separator: "\n").map(String.init)
        XCTAssertEqual(theirs, [try scalars.serializedBytes().hex, try everything.serializedBytes().hex])
    }

    /// Seeded mutations of Python's bytes (bytes replaced, inserted, dropped, truncated):
    /// the generated decoders either read a message that re-encodes and decodes to an equal
    /// value, or throw a `GeneratedMessageError` (malformed, or a required field lost); they never crash.
    func testMutatedBytesDecodeOrFailWithWireErrors() throws {
        let messages = try PythonMessages.generate(
            try Self.descriptorSet(), types: ["corpus.p3.v1.Everything", "corpus.p2.Scalars"], PythonMessages.Options(seed: 7, perType: 30))
        var random = SeededRandom(seed: 0x9e7)
        var failures = 0
        func check<M: GeneratedMessage>(_: M.Type, _ bytes: [UInt8]) {
            do {
                let message = try M(serializedBytes: bytes)
                XCTAssertEqual(try M(serializedBytes: message.serializedBytes()).serializedBytes(), try message.serializedBytes())
            } catch {
                failures += 1
            }
        }
        for message in messages {
            var bytes = message.bytes
            for _ in 0..<10 {
                for _ in 0..<(1 + random.next() % 3) where !bytes.isEmpty {
                    let index = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 4 {
                    case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: index)
                    case 2: bytes.remove(at: index)
                    default: bytes = Array(bytes.prefix(index))
                    }
                }
                if message.type == "corpus.p2.Scalars" { check(Corpus_P2_Scalars.self, bytes) } else { check(Corpus_P3_V1_Everything.self, bytes) }
            }
        }
        XCTAssertGreaterThan(failures, 50)
    }
}
