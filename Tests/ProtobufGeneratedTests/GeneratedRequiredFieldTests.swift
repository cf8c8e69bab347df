import Protobuf
import TestSupport
import XCTest

/// proto2 `required` fields in generated code against Python `protobuf` (upb): random messages
/// with required fields left unset at every depth (fields, list items, map values, oneof
/// members, groups) are complete exactly when Python's `IsInitialized()` says so; decoding and
/// encoding them without `partial` fails naming one of the paths Python's
/// `FindInitializationErrors()` lists; with `partial` both succeed, with Python's bytes.
final class GeneratedRequiredFieldTests: XCTestCase {
    func testMissingRequiredFieldsAreTheOnesPythonFinds() throws {
        let messages = try PythonMessages.generate(
            try GeneratedCodeOracleTests.descriptorSet(), types: ["corpus.required.Tree", "corpus.p2.Scalars"],
            .init(seed: 20261126, perType: 60, requiredProbability: 0.85, anyType: "corpus.required.Leaf"))
        var complete = 0
        var incomplete = 0
        for (index, python) in messages.enumerated() {
            func check<M: GeneratedMessage>(_: M.Type) throws {
                let context = "message \(index) of \(python.type), Python: \(python.missingRequired)"
                let partial = try M(serializedBytes: python.bytes, partial: true)
                XCTAssertEqual(try partial.serializedBytes(partial: true).hex, python.bytes.hex, context)
                XCTAssertEqual(partial.isInitialized, python.missingRequired.isEmpty, context)
                if python.missingRequired.isEmpty {
                    complete += 1
                    XCTAssertEqual(try M(serializedBytes: python.bytes), partial, context)
                    XCTAssertEqual(try partial.serializedBytes().hex, python.bytes.hex, context)
                    return
                }
                incomplete += 1
                XCTAssertThrowsError(try M(serializedBytes: python.bytes), context) { error in
                    self.assertNamesMissingField(error, python.missingRequired, context)
                }
                XCTAssertThrowsError(try partial.serializedBytes(), context) { error in
                    self.assertNamesMissingField(error, python.missingRequired, context)
                }
            }
            switch python.type {
            case "corpus.required.Tree": try check(Corpus_Required_Tree.self)
            default: try check(Corpus_P2_Scalars.self)
            }
        }
        XCTAssertGreaterThan(complete, 20)
        XCTAssertGreaterThan(incomplete, 40)
    }

    private func assertNamesMissingField(_ error: any Error, _ paths: [String], _ context: String) {
        guard case let .missingRequiredField(path)? = error as? GeneratedMessageError else {
            return XCTFail("\(context): \(error)")
        }
        XCTAssertTrue(paths.contains(path), "\(context): ours \(path)")
    }

    /// Messages built through the API: the check runs on encoding, and names the first gap,
    /// as Python's `SerializeToString` refuses the same message.
    func testBuiltMessagesAreCheckedWhenEncoded() throws {
        var tree = Corpus_Required_Tree()
        XCTAssertThrowsError(try tree.serializedBytes()) { XCTAssertEqual($0 as? GeneratedMessageError, .missingRequiredField(path: "name")) }
        tree.name = "t"
        tree.byName = ["a\"b": Corpus_Required_Leaf()]
        tree.byFlag = [true: { var leaf = Corpus_Required_Leaf(); leaf.id = 1; return leaf }()]
        XCTAssertThrowsError(try tree.serializedBytes()) {
            XCTAssertEqual($0 as? GeneratedMessageError, .missingRequiredField(path: #"by_name["a\"b"].id"#))
        }
        tree.byName["a\"b"]?.id = 2
        tree.extra = Corpus_Required_Tree.Extra()
        XCTAssertThrowsError(try tree.serializedBytes()) { XCTAssertEqual($0 as? GeneratedMessageError, .missingRequiredField(path: "extra.weight")) }
        tree.extra.weight = 3
        let script = """
            import sys
            from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
            lines = sys.stdin.read().split("\\n")
            pool = descriptor_pool.DescriptorPool()
            for f in descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0])).file:
                pool.Add(f)
            tree = message_factory.GetMessageClass(pool.FindMessageTypeByName("corpus.required.Tree"))()
            text_format.Parse(lines[1], tree)
            print(tree.SerializeToString(deterministic=True).hex())
            """
        let text = #"name: "t" by_name { key: "a\"b" value { id: 2 } } by_flag { key: true value { id: 1 } } Extra { weight: 3 }"#
        let theirs = try PythonOracle.run(script, input: try GeneratedCodeOracleTests.descriptorSet().serializedBytes().hex + "\n" + text)
        XCTAssertEqual(try tree.serializedBytes().hex, theirs.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
