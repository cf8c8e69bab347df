import Foundation
import Protobuf
import TestSupport
import XCTest

/// Our FileDescriptorSet bytes against `protoc --include_imports --descriptor_set_out` on the same files.
final class DescriptorSetOracleTests: XCTestCase {
    private func assertSameAsProtoc(
        _ files: [String], includePaths: [String], sourceInfo: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let expected = try ProtocOracle.descriptorSet(files, includePaths: includePaths, sourceInfo: sourceInfo)
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: includePaths))
        let set = try compiler.compile(files, includeSourceInfo: sourceInfo)
        XCTAssertTrue(set.file.allSatisfy { ($0.sourceCodeInfo != nil) == sourceInfo }, file: file, line: line)
        let ours = set.serializedBytes()
        if ours != expected {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("protobuf-mismatch")
            try? FileManager.default.createDirectory(at: dump, withIntermediateDirectories: true)
            try? Data(ours).write(to: dump.appendingPathComponent("ours.pb"))
            try? Data(expected).write(to: dump.appendingPathComponent("protoc.pb"))
            let theirs = try FileDescriptorSet(serializedBytes: expected)
            let mine = try FileDescriptorSet(serializedBytes: ours)
            for (a, b) in zip(mine.file, theirs.file) where a != b {
                XCTFail("\(a.name ?? "?") differs:\nours   \(a)\nprotoc \(b)", file: file, line: line)
                return
            }
            XCTFail("sets differ: \(mine.file.map(\.name)) vs \(theirs.file.map(\.name))", file: file, line: line)
        }
    }

    func testEachSystemProtoMatchesProtoc() throws {
        let files = try ProtocOracle.systemProtos()
        XCTAssertTrue(files.contains("google/protobuf/descriptor.proto"))
        for name in files {
            try assertSameAsProtoc([name], includePaths: [ProtocOracle.systemInclude])
        }
    }

    func testAllSystemProtosTogetherMatchProtoc() throws {
        try assertSameAsProtoc(try ProtocOracle.systemProtos(), includePaths: [ProtocOracle.systemInclude])
    }

    func testProto2CorpusMatchesProtoc() throws {
        try assertSameAsProtoc(["proto2_features.proto"], includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude])
    }

    func testProto3CorpusMatchesProtoc() throws {
        try assertSameAsProtoc(["proto3_features.proto"], includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude])
    }

    func testWholeCorpusMatchesProtoc() throws {
        try assertSameAsProtoc(
            ["proto3_features.proto", "proto2_features.proto", "custom_options.proto", "reexport_user.proto", "message_set.proto"],
            includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude])
    }

    func testSystemProtosWithSourceInfoMatchProtoc() throws {
        for name in try ProtocOracle.systemProtos() {
            try assertSameAsProtoc([name], includePaths: [ProtocOracle.systemInclude], sourceInfo: true)
        }
    }

    func testCorpusWithSourceInfoMatchesProtoc() throws {
        try assertSameAsProtoc(
            ["proto3_features.proto", "proto2_features.proto", "custom_options.proto", "reexport_user.proto", "message_set.proto"],
            includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude], sourceInfo: true)
    }

    /// protoc's bytes decode into our descriptor types and encode back unchanged.
    func testProtocOutputRoundTripsThroughOurTypes() throws {
        let expected = try ProtocOracle.descriptorSet(
            ["proto2_features.proto", "proto3_features.proto"], includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude],
            sourceInfo: true)
        XCTAssertEqual(try FileDescriptorSet(serializedBytes: expected).serializedBytes(), expected)
    }
}
