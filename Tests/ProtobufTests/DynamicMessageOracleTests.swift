import Protobuf
import TestSupport
import XCTest

/// Dynamic messages against Python `protobuf` (upb): random messages of the corpus types
/// encode to the bytes Python re-serializes with `deterministic=True`, and decode back.
final class DynamicMessageOracleTests: XCTestCase {
    /// Reads a descriptor set and `Type hex` lines; prints each message re-serialized
    /// deterministically, or `error` when Python rejects it.
    private static let oracle = """
        import sys
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
        lines = sys.stdin.read().split("\\n")
        files = descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0]))
        pool = descriptor_pool.DescriptorPool()
        for f in files.file:
            pool.Add(f)
        for line in lines[1:]:
            if not line:
                continue
            name, data = line.split(" ") if " " in line else (line, "")
            cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(name))
            try:
                message = cls.FromString(bytes.fromhex(data))
                print(message.SerializeToString(deterministic=True).hex())
            except Exception as error:
                print("error")
        """

    private static let corpusFiles = ["proto3_features.proto", "proto2_features.proto", "reexport_user.proto"]

    private func compiledCorpus() throws -> FileDescriptorSet {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        return try compiler.compile(Self.corpusFiles)
    }

    /// Python's deterministic re-serialization of each `(type, bytes)`, nil where it raised.
    private func python(_ set: FileDescriptorSet, _ messages: [(String, [UInt8])]) throws -> [[UInt8]?] {
        let input = ([set.serializedBytes().hex] + messages.map { "\($0.0) \($0.1.hex)" }).joined(separator: "\n")
        let lines = try PythonOracle.run(Self.oracle, input: input).split(separator: "\n", omittingEmptySubsequences: false)
        return messages.indices.map { index in
            let line = index < lines.count ? String(lines[index]) : "error"
            return line == "error" ? nil : [UInt8](hex: line)
        }
    }

    func testRandomMessagesEncodeLikePythonAndDecodeBack() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let typeNames = ["corpus.p3.v1.Everything", "corpus.p2.Scalars", "corpus.user.User", "google.protobuf.Struct"]
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 0x5eed_7))
        var messages: [(String, DynamicMessage)] = []
        for name in typeNames {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<60 { messages.append((name, try generator.message(type))) }
        }
        let encoded = try messages.map { ($0.0, try $0.1.serializedBytes()) }
        let theirs = try python(set, encoded)
        for (index, (name, bytes)) in encoded.enumerated() {
            XCTAssertEqual(theirs[index]?.hex, bytes.hex, "message \(index) of \(name)")
            let decoded = try DynamicMessage(serializedBytes: theirs[index] ?? [], type: messages[index].1.type, pool: pool)
            XCTAssertEqual(decoded, messages[index].1, "message \(index) of \(name) decoded back")
        }
    }

    /// Bytes a type partly does not know: unknown fields kept and written after the known ones, as Python does.
    func testUnknownFieldsAreKeptLikePython() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 42))
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        let user = try XCTUnwrap(pool.messageType("corpus.user.User"))
        let inputs = try (0..<40).map { _ in try generator.message(everything).serializedBytes() }
        let theirs = try python(set, inputs.map { ("corpus.user.User", $0) })
        for (index, bytes) in inputs.enumerated() {
            let message = try DynamicMessage(serializedBytes: bytes, type: user, pool: pool)
            XCTAssertEqual(try message.serializedBytes().hex, theirs[index]?.hex, "input \(index)")
        }
    }

    /// Packed input for an unpacked field and unpacked input for a packed one both decode.
    func testPackedAndUnpackedAreBothAccepted() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        // packed_default = 30 written unpacked (f0 01 01, f0 01 02); unpacked = 31 written packed (fa 01 02 03 04).
        let bytes = [UInt8](hex: "f001 01 f001 02 fa01 02 03 04")
        let message = try DynamicMessage(serializedBytes: bytes, type: everything, pool: pool)
        XCTAssertEqual(message[30], .repeated([.int32(1), .int32(2)]))
        XCTAssertEqual(message[31], .repeated([.int32(3), .int32(4)]))
        XCTAssertEqual(try message.serializedBytes().hex, try python(set, [("corpus.p3.v1.Everything", bytes)])[0]?.hex)
    }

    /// Malformed input: each fails with a typed error, and Python rejects the same bytes.
    func testMalformedInputFailsLikePython() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        let cases: [(String, [UInt8], DynamicMessageError)] = [
            ("truncated varint", [UInt8](hex: "08 80"), .wire(.truncated(offset: 1))),
            ("length past the end", [UInt8](hex: "72 05 61"), .wire(.lengthBeyondInput(offset: 1, length: 5, available: 1))),
            ("invalid UTF-8 in string", [UInt8](hex: "72 02 c3 28"), .wire(.invalidUTF8(offset: 1))),
            ("wire type 7", [UInt8](hex: "0f"), .wire(.invalidWireType(offset: 0, value: 7))),
        ]
        let theirs = try python(set, cases.map { ("corpus.p3.v1.Everything", $0.1) })
        for (index, (name, bytes, expected)) in cases.enumerated() {
            XCTAssertThrowsError(try DynamicMessage(serializedBytes: bytes, type: everything, pool: pool), name) { error in
                XCTAssertEqual(error as? DynamicMessageError, expected, name)
            }
            XCTAssertNil(theirs[index], "python accepted \(name)")
        }
    }

    /// Messages nested deeper than the limit (default 100) fail before recursing further; Python's limit is also 100.
    func testNestingLimit() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        func nested(_ depth: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            for _ in 0..<depth {
                var writer = WireWriter()
                writer.writeBytesField(17, bytes)
                bytes = writer.bytes
            }
            return bytes
        }
        XCTAssertNoThrow(try DynamicMessage(serializedBytes: nested(100), type: everything, pool: pool))
        XCTAssertThrowsError(try DynamicMessage(serializedBytes: nested(101), type: everything, pool: pool)) { error in
            guard case .wire(.nestingTooDeep(_, 100))? = error as? DynamicMessageError else { return XCTFail("\(error)") }
        }
        let theirs = try python(set, [("corpus.p3.v1.Everything", nested(100)), ("corpus.p3.v1.Everything", nested(101))])
        XCTAssertNotNil(theirs[0])
        XCTAssertNil(theirs[1])
    }

    /// Values set by hand must fit their field's kind and shape.
    func testValuesMustFitTheirFields() throws {
        let pool = try DescriptorPool(try compiledCorpus())
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        var message = DynamicMessage(type: everything)
        XCTAssertNoThrow(try message.set(1, .single(.double(1.5))))
        XCTAssertThrowsError(try message.set(1, .single(.string("x"))))
        XCTAssertThrowsError(try message.set(30, .single(.int32(1))))
        XCTAssertNoThrow(try message.set(40, .map([.init(key: .string("k"), value: .string("v"))])))
        XCTAssertThrowsError(try message.set(40, .map([.init(key: .int32(1), value: .string("v"))])))
        XCTAssertThrowsError(try message.set(17, .single(.message(DynamicMessage(type: try XCTUnwrap(pool.messageType("corpus.user.User")))))))
        XCTAssertThrowsError(try message.set(999, .single(.int32(1))))
        // Setting one oneof member clears the others.
        try message.set(50, .single(.string("text")))
        try message.set(51, .single(.bytes([1])))
        XCTAssertNil(message[50])
        XCTAssertEqual(message[51], .single(.bytes([1])))
    }

    /// proto2 `required` fields: missing ones fail decoding and encoding, as Python's do.
    func testMissingRequiredFieldFails() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let scalars = try XCTUnwrap(pool.messageType("corpus.p2.Scalars"))
        XCTAssertThrowsError(try DynamicMessage(serializedBytes: [], type: scalars, pool: pool)) { error in
            XCTAssertEqual(error as? DynamicMessageError, .missingRequiredField(path: "corpus.p2.Scalars.id"))
        }
        XCTAssertThrowsError(try DynamicMessage(type: scalars).serializedBytes())
        XCTAssertNil(try python(set, [("corpus.p2.Scalars", [])])[0])
        XCTAssertNoThrow(try DynamicMessage(serializedBytes: [], type: scalars, pool: pool, checkRequired: false))
    }

    /// A closed (proto2) enum's field given a number the enum does not name keeps it as an unknown
    /// field, written after the known ones, as Python does.
    func testClosedEnumNumbersItDoesNotNameAreUnknownLikePython() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let scalars = try XCTUnwrap(pool.messageType("corpus.p2.Scalars"))
        // f_enum = 16 (Level: 0, 1, 2) as 7, then id = 30 "x", then f_enum as 2 (HIGH).
        let bytes = [UInt8](hex: "8001 07 f201 01 78 8001 02")
        let message = try DynamicMessage(serializedBytes: bytes, type: scalars, pool: pool)
        XCTAssertEqual(message[16], .single(.enum(2)))
        XCTAssertEqual(message.unknownFields, [WireField(number: 16, value: .varint(7))])
        XCTAssertEqual(try message.serializedBytes().hex, try python(set, [("corpus.p2.Scalars", bytes)])[0]?.hex)
    }

    /// A singular message field read twice is merged; a later oneof member replaces an earlier one.
    func testRepeatedOccurrencesMergeLikePython() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        // recursive = 17 twice ({a_bool: true}, then {a_string: "a"}); text = 50 "x", then data = 51 "y".
        let bytes = [UInt8](hex: "8a01 02 6801 8a01 03 720161 9203 01 78 9a03 01 79")
        let message = try DynamicMessage(serializedBytes: bytes, type: everything, pool: pool)
        XCTAssertNil(message[50])
        XCTAssertEqual(message[51], .single(.bytes([0x79])))
        XCTAssertEqual(try message.serializedBytes().hex, try python(set, [("corpus.p3.v1.Everything", bytes)])[0]?.hex)
    }

    /// A decoded message and its copy are independent values: changing the copy (a field, and one
    /// inside a nested message) leaves the original encoding as Python re-encodes its bytes.
    func testCopiesOfDecodedMessagesAreIndependent() throws {
        let set = try compiledCorpus()
        let pool = try DescriptorPool(set)
        let everything = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        let bytes = [UInt8](hex: "6801 7201 61 8a01 02 6801")
        let original = try DynamicMessage(serializedBytes: bytes, type: everything, pool: pool)
        var copy = original
        try copy.set(14, .single(.string("changed")))
        guard case var .single(.message(inner))? = copy[17] else { return XCTFail("no nested message") }
        try inner.set(13, nil)
        try copy.set(17, .single(.message(inner)))
        XCTAssertNotEqual(copy, original)
        XCTAssertEqual(try original.serializedBytes().hex, try python(set, [("corpus.p3.v1.Everything", bytes)])[0]?.hex)
    }
}

/// proto2 defaults of unset fields read as Python's getters return them.
final class DynamicMessageDefaultsTests: XCTestCase {
    func testDefaultsMatchPythonGetters() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(["proto2_features.proto"])
        let pool = try DescriptorPool(set)
        let type = try XCTUnwrap(pool.messageType("corpus.p2.Scalars"))
        let script = """
            import sys, struct
            from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
            files = descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(sys.stdin.read().strip()))
            pool = descriptor_pool.DescriptorPool()
            for f in files.file:
                pool.Add(f)
            message = message_factory.GetMessageClass(pool.FindMessageTypeByName("corpus.p2.Scalars"))()
            for field in message.DESCRIPTOR.fields:
                repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == 3
                if repeated or field.message_type is not None:
                    continue
                value = getattr(message, field.name)
                if isinstance(value, bool):
                    text = str(int(value))
                elif isinstance(value, float):
                    text = struct.pack(">d", value).hex()
                elif isinstance(value, bytes):
                    text = value.hex()
                elif isinstance(value, str):
                    text = value.encode().hex()
                else:
                    text = str(value)
                print(field.number, text)
            """
        let lines = try PythonOracle.run(script, input: set.serializedBytes().hex).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 20)
        let message = DynamicMessage(type: type)
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            let number = try XCTUnwrap(Int(parts[0]))
            let expected = parts.count > 1 ? String(parts[1]) : ""
            guard case let .single(value)? = message.value(number, pool: pool) else { return XCTFail("field \(number)") }
            let ours: String
            switch value {
            case let .int32(n), let .enum(n): ours = "\(n)"
            case let .int64(n): ours = "\(n)"
            case let .uint32(n): ours = "\(n)"
            case let .uint64(n): ours = "\(n)"
            case let .bool(flag): ours = flag ? "1" : "0"
            case let .float(f): ours = [UInt8](bigEndian: Double(f).bitPattern).hex
            case let .double(d): ours = [UInt8](bigEndian: d.bitPattern).hex
            case let .string(text): ours = Array(text.utf8).hex
            case let .bytes(bytes): ours = bytes.hex
            case .message: ours = "message"
            }
            XCTAssertEqual(ours, expected, "field \(number)")
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate init(bigEndian value: UInt64) {
        self = (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }
}
