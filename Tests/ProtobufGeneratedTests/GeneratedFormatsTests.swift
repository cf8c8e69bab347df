import Foundation
import Protobuf
import TestSupport
import XCTest

/// JSON and text format of generated messages (through their embedded descriptors) against
/// Python `protobuf` and protoc: random messages Python builds print exactly as Python's
/// `MessageToJson` and `protoc --decode` print them, and read back as Python's `Parse` and
/// `protoc --encode` read the same texts; extensions print and read by name, `Any` expanded.
final class GeneratedFormatsTests: XCTestCase {
    private static let types: [String: any GeneratedMessage.Type] = [
        "corpus.p3.v1.Everything": Corpus_P3_V1_Everything.self, "corpus.user.User": Corpus_User_User.self,
        "google.protobuf.Struct": Google_Protobuf_Struct.self, "corpus.p2.Scalars": Corpus_P2_Scalars.self,
        "corpus.required.Tree": Corpus_Required_Tree.self,
    ]
    private static let protoFiles = ["proto3_features.proto", "proto2_features.proto", "reexport_user.proto", "proto2_required.proto"]

    /// Our JSON options beside Python's (``PythonMessages/jsonOptions``).
    private static let jsonOptions: [(indent: Int?, options: JSONPrintOptions)] = [
        (2, JSONPrintOptions()),
        (nil, JSONPrintOptions(alwaysPrintFieldsWithNoPresence: true)),
        (0, JSONPrintOptions(preservingProtoFieldName: true, useIntegersForEnums: true)),
    ]

    /// Python's messages of the proto3 types (an `Any` packing a type of their file's imports)
    /// and of the proto2 ones (extensions set with `extensionProbability`).
    private func pythonMessages(seed: Int, perType: Int, extensionProbability: Double) throws -> [PythonMessage] {
        let set = try GeneratedCodeOracleTests.descriptorSet()
        return try PythonMessages.generate(
            set, types: ["corpus.p3.v1.Everything", "corpus.user.User", "google.protobuf.Struct"],
            .init(seed: seed, perType: perType, anyType: "corpus.shared.SharedMessage"))
            + PythonMessages.generate(
                set, types: ["corpus.required.Tree", "corpus.p2.Scalars"],
                .init(seed: seed + 1, perType: perType, extensionProbability: extensionProbability, anyType: "corpus.required.Leaf"))
    }

    func testJSONIsPythons() throws {
        var printed = 0
        for (index, python) in try pythonMessages(seed: 0x15, perType: 16, extensionProbability: 0).enumerated() {
            func check<M: GeneratedMessage>(_: M.Type) throws {
                let message = try M(serializedBytes: python.bytes, partial: true)
                for (option, (theirs, reparsed)) in zip(Self.jsonOptions, zip(python.json, python.jsonReparsed)) {
                    let context = "message \(index) of \(python.type), indent \(String(describing: option.indent))"
                    guard let theirs else {
                        XCTAssertThrowsError(
                            try message.jsonString(indent: option.indent, sortKeys: true, options: option.options), "\(context): \(python.jsonRefusals)")
                        continue
                    }
                    printed += 1
                    XCTAssertEqual(try message.jsonString(indent: option.indent, sortKeys: true, options: option.options), theirs, context)
                    guard let reparsed else { continue }
                    XCTAssertEqual(try M(jsonString: theirs, partial: true).serializedBytes(partial: true).hex, reparsed.hex, context)
                }
            }
            let type = try XCTUnwrap(Self.types[python.type])
            try check(type)
        }
        XCTAssertGreaterThan(printed, 120)
    }

    /// `protoc --decode` of the bytes prints our text; `protoc --encode` of our text gives a
    /// message equal to what we read from it; with `expandAny`, protoc reads our expanded text to
    /// the same message.
    func testTextFormatIsProtocs() throws {
        for (index, python) in try pythonMessages(seed: 0x7e, perType: 7, extensionProbability: 0.4).enumerated() {
            func check<M: GeneratedMessage>(_: M.Type) throws {
                let context = "message \(index) of \(python.type)"
                let message = try M(serializedBytes: python.bytes, partial: true)
                let text = try message.textFormatString()
                XCTAssertEqual(text, String(decoding: try protoc("decode", python.type, python.bytes), as: UTF8.self), context)
                let encoded = try protoc("encode", python.type, Array(text.utf8))
                XCTAssertEqual(try M(textFormat: text, partial: true), try M(serializedBytes: encoded, partial: true), context)
                let expanded = try message.textFormatString(expandAny: true)
                let encodedExpanded = try protoc("encode", python.type, Array(expanded.utf8))
                XCTAssertEqual(try M(textFormat: expanded, partial: true), try M(serializedBytes: encodedExpanded, partial: true), context)
                XCTAssertEqual(try M(serializedBytes: encodedExpanded, partial: true), try M(serializedBytes: encoded, partial: true), context)
            }
            let type = try XCTUnwrap(Self.types[python.type])
            try check(type)
        }
    }

    /// With `expandAny`, the text is Python's `text_format.MessageToString`, which expands `Any`
    /// and prints extensions by name (for ASCII strings and no floating-point value, which the
    /// two spell differently).
    func testExpandedTextIsPythons() throws {
        let messages = try PythonMessages.generate(
            try GeneratedCodeOracleTests.descriptorSet(), types: ["corpus.required.Tree"],
            .init(seed: 0xa5c, perType: 50, extensionProbability: 0.3, anyType: "corpus.required.Leaf", asciiStrings: true))
        var compared = 0
        var expanded = 0
        for (index, python) in messages.enumerated() where !python.text.contains("score") {
            compared += 1
            if python.text.contains("[type.googleapis.com/") { expanded += 1 }
            let tree = try Corpus_Required_Tree(serializedBytes: python.bytes, partial: true)
            XCTAssertEqual(try tree.textFormatString(expandAny: true), python.text, "message \(index)")
        }
        XCTAssertGreaterThan(compared, 15)
        XCTAssertGreaterThan(expanded, 5)
    }

    /// A generated value and the dynamic message of its bytes convert into each other; a dynamic
    /// message of another type is refused.
    func testDynamicMessagesConvertOnlyToTheirOwnType() throws {
        var tree = Corpus_Required_Tree()
        tree.name = "t"
        tree.leaves = [{ var leaf = Corpus_Required_Leaf(); leaf.id = 4; return leaf }()]
        let dynamic = try tree.dynamicMessage()
        XCTAssertEqual(dynamic.type.fullName, "corpus.required.Tree")
        XCTAssertEqual(try dynamic.serializedBytes(), try tree.serializedBytes())
        XCTAssertEqual(try Corpus_Required_Tree(dynamicMessage: dynamic), tree)
        XCTAssertThrowsError(try Corpus_Required_Leaf(dynamicMessage: dynamic)) { error in
            guard case .descriptor? = error as? GeneratedMessageError else { return XCTFail("\(error)") }
        }
    }

    /// `protoc --MODE=TYPE` of `input` over the corpus: what it writes to standard output.
    private func protoc(_ mode: String, _ type: String, _ input: [UInt8]) throws -> [UInt8] {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/protoc"),
            ["--\(mode)=\(type)", "-I\(GeneratedCodeOracleTests.corpus)", "-I/usr/include"] + Self.protoFiles, input: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }
}
