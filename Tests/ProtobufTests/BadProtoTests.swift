import Foundation
import Protobuf
import TestSupport
import XCTest

/// Bad `.proto` input: each case is a typed error, and its file:line:column is where protoc reports it.
final class BadProtoTests: XCTestCase {
    private struct Case: Sendable {
        let name: String
        let source: String
        let matches: @Sendable (ProtoError.Reason) -> Bool
    }

    private static let cases: [Case] = [
        Case(name: "missing_semicolon", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 1\n}\n") {
            if case .expected("\";\"", _) = $0 { return true } else { return false }
        },
        Case(name: "unknown_syntax", source: "syntax = \"proto4\";\n") { if case .invalid = $0 { return true } else { return false } },
        Case(name: "unknown_import", source: "syntax = \"proto3\";\nimport \"nope.proto\";\n") { $0 == .fileNotFound("nope.proto") },
        Case(name: "unresolved_type", source: "syntax = \"proto3\";\nmessage A {\n  Missing m = 1;\n}\n") {
            $0 == .unresolvedType("Missing")
        },
        Case(name: "not_imported", source: "syntax = \"proto3\";\nmessage A {\n  google.protobuf.Any a = 1;\n}\n") {
            $0 == .unresolvedType("google.protobuf.Any")
        },
        Case(name: "duplicate_number", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n}\n") {
            $0 == .duplicateFieldNumber(1, field: "b", previous: "a")
        },
        Case(name: "duplicate_name", source: "syntax = \"proto3\";\nmessage A {}\nmessage A {}\n") {
            $0 == .duplicateSymbol("A", previous: "this file")
        },
        Case(name: "required_in_proto3", source: "syntax = \"proto3\";\nmessage A {\n  required int32 a = 1;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "missing_label_proto2", source: "syntax = \"proto2\";\nmessage A {\n  int32 a = 1;\n}\n") {
            if case .expected = $0 { return true } else { return false }
        },
        Case(name: "string_across_lines", source: "syntax = \"proto3\";\nmessage A {\n  string a = 1 [json_name = \"abc\n") {
            if case .invalidToken = $0 { return true } else { return false }
        },
        Case(name: "field_number_zero", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 0;\n}\n") {
            if case .invalidFieldNumber(0, _) = $0 { return true } else { return false }
        },
        Case(name: "implementation_reserved", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 19500;\n}\n") {
            if case .invalidFieldNumber(19500, _) = $0 { return true } else { return false }
        },
        Case(name: "enum_first_not_zero", source: "syntax = \"proto3\";\nenum E {\n  ONE = 1;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "unknown_option", source: "syntax = \"proto3\";\noption foo_bar = 1;\n") { $0 == .unknownOption("foo_bar") },
        Case(name: "option_wrong_type", source: "syntax = \"proto3\";\noption java_package = 5;\n") {
            if case .invalidValue = $0 { return true } else { return false }
        },
        Case(name: "default_in_proto3", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 1 [default = 5];\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "extension_out_of_range",
             source: "syntax = \"proto2\";\nmessage A {\n  extensions 100 to 200;\n}\nextend A {\n  optional int32 x = 5;\n}\n") {
            if case .invalidFieldNumber(5, _) = $0 { return true } else { return false }
        },
        Case(name: "field_used_as_type", source: "syntax = \"proto3\";\nmessage A {\n  int32 f = 1;\n  A.f g = 2;\n}\n") {
            $0 == .wrongKind("A.f", expected: "a type")
        },
        Case(name: "bad_escape", source: "syntax = \"proto3\";\noption java_package = \"a\\qb\";\n") {
            if case .invalidToken = $0 { return true } else { return false }
        },
        Case(name: "end_inside_message", source: "syntax = \"proto3\";\nmessage A {\n") {
            if case .expected(_, found: "end of input") = $0 { return true } else { return false }
        },
        Case(name: "float_map_key", source: "syntax = \"proto3\";\nmessage A {\n  map<float, int32> m = 1;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "enum_alias_without_option", source: "syntax = \"proto3\";\nenum E {\n  A = 0;\n  B = 0;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "integer_out_of_range", source: "syntax = \"proto3\";\nmessage A {\n  int32 a = 99999999999999999999;\n}\n") {
            if case .integerOutOfRange = $0 { return true } else { return false }
        },
        Case(name: "option_set_twice",
             source: "syntax = \"proto3\";\noption java_package = \"a\";\noption java_package = \"b\";\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "json_name_conflict_proto3", source: "syntax = \"proto3\";\nmessage A {\n  int32 foo_bar = 1;\n  int32 FooBar = 2;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "enum_value_scope", source: "syntax = \"proto3\";\nenum E { A = 0; }\nenum F { A = 0; }\n") {
            $0 == .duplicateSymbol("A", previous: "this file")
        },
        Case(name: "inner_scope_shadows",
             source: "syntax = \"proto3\";\nmessage Bar { message Baz {} }\nmessage Foo {\n  message Bar {}\n  Bar.Baz baz = 1;\n}\n") {
            $0 == .unresolvedType("Bar.Baz")
        },
        Case(name: "duplicate_extension_number",
             source: "syntax = \"proto2\";\nmessage A { extensions 10 to 20; }\nextend A { optional int32 x = 10; optional int32 y = 10; }\n") {
            $0 == .duplicateFieldNumber(10, field: "y", previous: "x")
        },
        Case(name: "enum_prefix_clash_proto3",
             source: "syntax = \"proto3\";\nenum Foo { FOO_UNKNOWN = 0; }\nenum Bar { BAR_UNKNOWN = 0; UNKNOWN = 1; }\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "empty_extend", source: "syntax = \"proto2\";\nmessage A { extensions 10 to 20; }\nextend A { }\n") {
            if case .expected = $0 { return true } else { return false }
        },
        Case(name: "label_in_oneof", source: "syntax = \"proto2\";\nmessage A { oneof x { optional int32 a = 1; } }\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "import_listed_twice",
             source: "syntax = \"proto3\";\nimport \"google/protobuf/any.proto\";\nimport \"google/protobuf/any.proto\";\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "json_name_on_extension",
             source: "syntax = \"proto2\";\nmessage A { extensions 1 to 10; }\nextend A { optional int32 x = 5 [json_name = \"y\"]; }\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "allow_alias_false",
             source: "syntax = \"proto3\";\nenum E {\n  option allow_alias = false;\n  A = 0;\n}\nmessage M {}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "allow_alias_unused", source: "syntax = \"proto3\";\nenum E {\n  option allow_alias = true;\n  A = 0;\n  B = 1;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "large_extension_of_plain_message",
             source: "syntax = \"proto2\";\nmessage A { extensions 100 to max; }\nextend A { optional int32 x = 1000000000; }\n") {
            if case .invalidFieldNumber(1_000_000_000, _) = $0 { return true } else { return false }
        },
        Case(name: "nested_block_comment", source: "syntax = \"proto3\";\n/* outer\n  /* inner */\nmessage A {}\n") {
            if case .invalidToken = $0 { return true } else { return false }
        },
        Case(name: "extension_range_backwards", source: "syntax = \"proto2\";\nmessage A {\n  extensions 70 to 7;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "extension_number_zero", source: "syntax = \"proto2\";\nmessage A {\n  extensions 0 to 5;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "extension_ranges_overlap", source: "syntax = \"proto2\";\nmessage A {\n  extensions 5 to 10, 8 to 12;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "extension_range_over_reserved",
             source: "syntax = \"proto2\";\nmessage A {\n  reserved 5 to 10;\n  extensions 8 to 12;\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "reserved_name_twice", source: "syntax = \"proto2\";\nmessage A {\n  reserved \"a\", \"a\";\n}\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "import_path_not_canonical", source: "syntax = \"proto3\";\nimport \"google//protobuf/any.proto\";\n") {
            if case .invalid = $0 { return true } else { return false }
        },
        Case(name: "negative_identifier_option", source: "syntax = \"proto3\";\noption java_package = -inf;\n") {
            if case .invalid = $0 { return true } else { return false }
        },
    ]

    /// The first `file:line:column` protoc prints for `source`.
    private func protocPosition(_ name: String, _ source: String, extraFiles: [String: String] = [:]) throws -> (String, Int, Int)? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-proto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, text) in extraFiles.merging([name: source], uniquingKeysWith: { $1 }) {
            try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let result = try ChildProcess.run(
            ProtocOracle.protoc, ["-I\(directory.path)", "--descriptor_set_out=/dev/null", name])
        XCTAssertNotEqual(result.status, 0, "protoc accepted \(name)")
        for line in result.stderr.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 3)
            if parts.count >= 3, let row = Int(parts[1]), let column = Int(parts[2]) { return (String(parts[0]), row, column) }
        }
        return nil
    }

    func testBadInputsFailWithProtocsPositions() throws {
        for item in Self.cases {
            let name = item.name + ".proto"
            let compiler = ProtoCompiler(loader: InMemoryProtoFiles([name: item.source]))
            do {
                _ = try compiler.compile([name])
                XCTFail("\(name) compiled")
            } catch {
                XCTAssertTrue(item.matches(error.reason), "\(name): unexpected \(error)")
                if let (file, line, column) = try protocPosition(name, item.source) {
                    XCTAssertEqual(error.file, file, "\(name): \(error)")
                    XCTAssertEqual(error.line, line, "\(name): \(error)")
                    XCTAssertEqual(error.column, column, "\(name): \(error)")
                }
            }
        }
    }

    /// Rules that involve a second file: proto2 enums in proto3 messages, proto3 extensions of non-option messages.
    func testCrossFileRulesFailWithProtocsPositions() throws {
        let shared = [
            "e2.proto": "syntax = \"proto2\";\nenum E2 { X = 1; }\n",
            "b2.proto": "syntax = \"proto2\";\nmessage B { extensions 1 to 10; }\n",
        ]
        let cases = [
            "enum_in_proto3.proto": "syntax = \"proto3\";\nimport \"e2.proto\";\nmessage A { E2 e = 1; }\n",
            "extension_in_proto3.proto": "syntax = \"proto3\";\nimport \"b2.proto\";\nextend B { int32 x = 5; }\n",
        ]
        for (name, source) in cases {
            let files = shared.merging([name: source]) { $1 }
            XCTAssertThrowsError(try ProtoCompiler(loader: InMemoryProtoFiles(files)).compile([name])) { error in
                guard let error = error as? ProtoError, case .invalid = error.reason else { return XCTFail("\(error)") }
                let position = try? self.protocPosition(name, source, extraFiles: shared)
                XCTAssertEqual("\(error.file):\(error.line):\(error.column)", position.map { "\($0.0):\($0.1):\($0.2)" })
            }
        }
    }

    func testImportCycleIsReportedAtTheImportThatStartsIt() throws {
        let files = [
            "cycle_a.proto": "syntax = \"proto3\";\nimport \"cycle_b.proto\";\n",
            "cycle_b.proto": "syntax = \"proto3\";\nimport \"cycle_a.proto\";\n",
        ]
        XCTAssertThrowsError(try ProtoCompiler(loader: InMemoryProtoFiles(files)).compile(["cycle_a.proto"])) { error in
            guard let error = error as? ProtoError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.reason, .importCycle(["cycle_a.proto", "cycle_b.proto", "cycle_a.proto"]))
            XCTAssertEqual("\(error.file):\(error.line):\(error.column)", "cycle_a.proto:2:1")
        }
        let position = try protocPosition("cycle_a.proto", files["cycle_a.proto"] ?? "", extraFiles: files)
        XCTAssertEqual(position.map { "\($0.0):\($0.1):\($0.2)" }, "cycle_a.proto:2:1")
    }

    func testErrorDescriptionReadsLikeProtoc() {
        let error = ProtoError(file: "a.proto", line: 3, column: 13, reason: .integerOutOfRange("99999999999999999999"))
        XCTAssertEqual(error.description, "a.proto:3:13: integer out of range: 99999999999999999999")
    }
}
