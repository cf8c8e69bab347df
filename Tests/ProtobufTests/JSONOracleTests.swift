import Protobuf
import TestSupport
import XCTest

/// The proto3 JSON mapping against Python `protobuf`'s `json_format`: our text is
/// byte-identical to `MessageToJson` with the same options, Python's `Parse` of our text
/// gives back the message, and so does our reading of Python's text.
final class JSONOracleTests: XCTestCase {
    /// Reads a descriptor set, then `Type hex variant` lines; for each prints Python's
    /// `MessageToJson` (as hex of its UTF-8) and whether `Parse` of our text (the next line
    /// of input, hex) equals the message, or `error` when Python refuses.
    private static let oracle = """
        import sys
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, json_format
        lines = sys.stdin.read().split("\\n")
        files = descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0]))
        pool = descriptor_pool.DescriptorPool()
        for f in files.file:
            pool.Add(f)
        variants = {
            "a": dict(indent=2),
            "b": dict(indent=None, always_print_fields_with_no_presence=True),
            "c": dict(indent=0, preserving_proto_field_name=True, use_integers_for_enums=True),
        }
        for line in lines[1:]:
            if not line:
                continue
            name, data, variant, ours = line.split(" ")
            cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(name))
            message = cls.FromString(bytes.fromhex(data))
            try:
                text = json_format.MessageToJson(message, sort_keys=True, descriptor_pool=pool, **variants[variant])
            except Exception as error:
                print("error", type(error).__name__)
                continue
            parsed = json_format.Parse(bytes.fromhex(ours).decode(), cls(), descriptor_pool=pool)
            message.DiscardUnknownFields()
            same = parsed.SerializeToString(deterministic=True) == message.SerializeToString(deterministic=True)
            print(text.encode().hex(), "same" if same else "differs")
        """

    private static let variants: [(String, Int?, JSONPrintOptions)] = [
        ("a", 2, .init()),
        ("b", nil, .init(alwaysPrintFieldsWithNoPresence: true)),
        ("c", 0, .init(preservingProtoFieldName: true, useIntegersForEnums: true)),
    ]

    private func compiledCorpus() throws -> FileDescriptorSet {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        return try compiler.compile(["proto3_features.proto", "proto2_features.proto", "reexport_user.proto"])
    }

    /// Compares our JSON of each message (in each variant) with Python's.
    private func check(_ messages: [DynamicMessage], pool: DescriptorPool, set: FileDescriptorSet, file: StaticString = #filePath, line: UInt = #line) throws {
        var inputs: [String] = [set.serializedBytes().hex]
        var ours: [String] = []
        for message in messages {
            for (variant, indent, options) in Self.variants {
                let text = try message.jsonText(pool: pool, indent: indent, sortKeys: true, options: options)
                ours.append(text)
                inputs.append("\(message.type.fullName) \(try message.serializedBytes().hex) \(variant) \(Array(text.utf8).hex)")
            }
        }
        let lines = try PythonOracle.run(Self.oracle, input: inputs.joined(separator: "\n")).split(separator: "\n")
        XCTAssertEqual(lines.count, ours.count, file: file, line: line)
        for (index, (text, reply)) in zip(ours, lines).enumerated() {
            let parts = reply.split(separator: " ")
            let theirs = String(decoding: [UInt8](hex: parts[0]), as: UTF8.self)
            XCTAssertEqual(text, theirs, "message \(index / 3) variant \(index % 3)", file: file, line: line)
            let original = messages[index / 3]
            XCTAssertEqual(try DynamicMessage(jsonText: theirs, type: original.type, pool: pool), original,
                           "our reading of Python's JSON, message \(index / 3) variant \(index % 3)", file: file, line: line)
            XCTAssertEqual(parts.last, "same", "Python's Parse of our JSON, message \(index / 3) variant \(index % 3)", file: file, line: line)
        }
    }

    func testRandomMessagesPrintLikePython() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 0x150_7), jsonExpressible: true)
        var messages: [DynamicMessage] = []
        let names = ["corpus.p3.v1.Everything", "corpus.p2.Scalars", "google.protobuf.Struct", "google.protobuf.Any",
                     "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask", "google.protobuf.DoubleValue"]
        for name in names {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<30 {
                // Through the binary form, so zeros and empty lists the generator set read as unset.
                messages.append(try DynamicMessage(serializedBytes: try generator.message(type).serializedBytes(), type: type, pool: pool))
            }
        }
        try check(messages, pool: pool, set: set)
    }
}
