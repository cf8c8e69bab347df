import Foundation
import Protobuf
import TestSupport
import XCTest

/// Seeded mutations of valid input (bytes flipped, inserted, dropped, truncated): the parser
/// and the binary decoder either succeed or throw their typed error; they never crash.
final class MutatedInputTests: XCTestCase {
    private func mutate(_ input: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        let alphabet = Array("{}[]()<>=;,.\"'/*-+0x9azAZ_ \n\\".utf8) + [0x00, 0xff, 0x80]
        for _ in 0..<(1 + random.next() % 4) where !bytes.isEmpty {
            let index = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 4 {
            case 0: bytes[index] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: index)
            case 2: bytes.remove(at: index)
            default: bytes = Array(bytes.prefix(index))
            }
        }
        return bytes
    }

    func testMutatedProtoSourcesFailWithTypedErrors() throws {
        let names = ["proto2_features.proto", "proto3_features.proto", "custom_options.proto", "comments.proto"]
        var files: [String: String] = [:]
        for name in names + ["proto3_shared.proto"] {
            files[name] = try String(contentsOfFile: ProtocOracle.corpus + "/" + name, encoding: .utf8)
        }
        for name in ["descriptor.proto", "any.proto", "timestamp.proto", "duration.proto", "struct.proto", "wrappers.proto",
                     "field_mask.proto", "empty.proto"] {
            files["google/protobuf/" + name] = try String(contentsOfFile: ProtocOracle.systemInclude + "/google/protobuf/" + name, encoding: .utf8)
        }
        var random = SeededRandom(seed: 0xf022)
        var failures = 0
        for round in 0..<400 {
            let name = names[round % names.count]
            var mutated = files
            mutated[name] = String(decoding: mutate(Array((files[name] ?? "").utf8), &random), as: UTF8.self)
            do {
                _ = try ProtoCompiler(loader: InMemoryProtoFiles(mutated)).compile([name], includeSourceInfo: round % 2 == 0)
            } catch {
                XCTAssertGreaterThanOrEqual(error.line, 1)
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 100)
    }

    func testMutatedMessagesFailWithTypedErrors() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(["proto3_features.proto", "proto2_features.proto"])
        let pool = try DescriptorPool(set)
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 99))
        var random = SeededRandom(seed: 0xdec0de)
        var failures = 0
        for name in ["corpus.p3.v1.Everything", "corpus.p2.Scalars"] {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<300 {
                let bytes = mutate(try generator.message(type).serializedBytes(), &random)
                do {
                    let message = try DynamicMessage(serializedBytes: bytes, type: type, pool: pool, checkRequired: false)
                    _ = try message.serializedBytes(checkRequired: false)
                } catch {
                    failures += 1
                }
            }
        }
        XCTAssertGreaterThan(failures, 50)
        // The descriptor decoder too, on mutated FileDescriptorSet bytes.
        let descriptorBytes = set.serializedBytes()
        for _ in 0..<300 {
            _ = try? FileDescriptorSet(serializedBytes: mutate(descriptorBytes, &random))
        }
    }

    /// Mutated JSON texts of random messages: reading either succeeds or throws a typed
    /// `JSONParseError`, and whatever it reads prints again (or throws a typed `JSONError`).
    func testMutatedJSONFailsWithTypedErrors() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let pool = try DescriptorPool(try compiler.compile(["proto3_features.proto", "proto2_features.proto"]))
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 0x150), jsonExpressible: true)
        var random = SeededRandom(seed: 0x150_de)
        var failures = 0
        for name in ["corpus.p3.v1.Everything", "corpus.p2.Scalars"] {
            let type = try XCTUnwrap(pool.messageType(name))
            for round in 0..<300 {
                let text = try generator.message(type).jsonText(pool: pool, indent: round % 2 == 0 ? nil : 1)
                let mutated = String(decoding: mutate(Array(text.utf8), &random), as: UTF8.self)
                do {
                    let message = try DynamicMessage(jsonText: mutated, type: type, pool: pool)
                    _ = try? message.jsonText(pool: pool)
                } catch {
                    failures += 1
                }
            }
        }
        XCTAssertGreaterThan(failures, 100)
    }

    /// Mutated text-format messages: reading either succeeds or throws a `TextFormatError`
    /// with a position, and whatever it reads prints and reads back to the same text.
    func testMutatedTextFormatFailsWithTypedErrors() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let pool = try DescriptorPool(try compiler.compile(["proto3_features.proto", "proto2_features.proto"]))
        var generator = RandomMessages(pool: pool, random: SeededRandom(seed: 0x7e7))
        var random = SeededRandom(seed: 0x7e7_de)
        var failures = 0
        for name in ["corpus.p3.v1.Everything", "corpus.p2.Scalars"] {
            let type = try XCTUnwrap(pool.messageType(name))
            for _ in 0..<300 {
                let text = try generator.message(type).textFormat(pool: pool)
                let mutated = String(decoding: mutate(Array(text.utf8), &random), as: UTF8.self)
                do {
                    let printed = try DynamicMessage(textFormat: mutated, type: type, pool: pool).textFormat(pool: pool)
                    XCTAssertEqual(try DynamicMessage(textFormat: printed, type: type, pool: pool).textFormat(pool: pool), printed)
                } catch {
                    XCTAssertGreaterThanOrEqual(error.line, 1)
                    XCTAssertGreaterThanOrEqual(error.column, 1)
                    failures += 1
                }
            }
        }
        XCTAssertGreaterThan(failures, 100)
    }

    /// Seeded mutations of texts with extensions by name and expanded `Any`s read to a message
    /// (which prints, expanded or not, and reads back to the same text) or a `TextFormatError`.
    func testMutatedExtensionAndAnyTextsFailWithTypedErrors() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(["proto2_required.proto"])
        let pool = try DescriptorPool(set)
        let extensions = ExtensionFields(files: set.file)
        let type = try XCTUnwrap(pool.messageType("corpus.required.Tree"))
        let text = """
            name: "t" [corpus.required.rank]: 3 [corpus.required.tags]: ["a", "b"] [corpus.required.packed_ext]: [1, -1]
            any { [type.googleapis.com/corpus.required.Tree] { name: "in" anys { [type.googleapis.com/corpus.required.Leaf] { id: 1 } } } }
            [corpus.required.note] { text: "n" } [corpus.required.Holder.nested_leaves] < id: 2 > [corpus.required.kind_ext]: KIND_B
            """
        var random = SeededRandom(seed: 0xe7a)
        var failures = 0
        for _ in 0..<400 {
            let mutated = String(decoding: mutate(Array(text.utf8), &random), as: UTF8.self)
            do {
                let message = try DynamicMessage(textFormat: mutated, type: type, pool: pool, extensions: extensions)
                for expandAny in [false, true] {
                    let printed = message.textFormat(pool: pool, extensions: extensions, expandAny: expandAny)
                    let again = try DynamicMessage(textFormat: printed, type: type, pool: pool, extensions: extensions)
                    XCTAssertEqual(again.textFormat(pool: pool, extensions: extensions, expandAny: expandAny), printed)
                }
            } catch {
                XCTAssertGreaterThanOrEqual(error.line, 1)
                XCTAssertGreaterThanOrEqual(error.column, 1)
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 100)
    }
}
