import Foundation
import Protobuf
import TestSupport
import XCTest

/// Seeded small edits of the corpus sources (a keyword, symbol or character inserted,
/// replaced or dropped): we accept exactly the sources protoc accepts, and for those write
/// the same bytes (with source info).
final class ProtocDifferentialTests: XCTestCase {
    private static let names = ["proto2_features.proto", "proto3_features.proto", "custom_options.proto", "comments.proto", "message_set.proto"]
    private static let pieces = Array("{}[]()<>=;,.\"'/*-+0x9azAZ_ \n\\".utf8).map { [$0] }
        + "optional repeated required message enum group map oneof option reserved extensions to max stream returns"
        .split(separator: " ").map { Array(" \($0) ".utf8) }

    private func edit(_ input: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.next() % 2) where !bytes.isEmpty {
            let index = Int(random.next() % UInt64(bytes.count))
            let piece = Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            switch random.next() % 3 {
            case 0: bytes.replaceSubrange(index...index, with: piece)
            case 1: bytes.insert(contentsOf: piece, at: index)
            default: bytes.remove(at: index)
            }
        }
        return bytes
    }

    func testEditedSourcesAreAcceptedExactlyWhenProtocAcceptsThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("protoc-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in Self.names + ["proto3_shared.proto"] {
            try FileManager.default.copyItem(atPath: ProtocOracle.corpus + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        let includes = [directory.path, ProtocOracle.systemInclude]
        var random = SeededRandom(seed: 0xd1ff)
        var accepted = 0
        for round in 0..<200 {
            let name = Self.names[round % Self.names.count]
            let file = directory.appendingPathComponent(name)
            let original = try Data(contentsOf: file)
            let edited = edit(Array(original), &random)
            try Data(edited).write(to: file)
            defer { try? original.write(to: file) }
            let theirs = try? ProtocOracle.descriptorSet([name], includePaths: includes, sourceInfo: true)
            let ours = Result { () throws(ProtoError) in
                try ProtoCompiler(loader: IncludePathLoader(includePaths: includes)).compile([name], includeSourceInfo: true).serializedBytes()
            }
            switch (theirs, ours) {
            case let (theirs?, .success(ours)):
                accepted += 1
                XCTAssertEqual(ours, theirs, "round \(round): \(name) compiles differently:\n\(String(decoding: edited, as: UTF8.self))")
            case (nil, .failure):
                break
            case (nil, .success):
                XCTFail("round \(round): protoc rejects but we accept \(name):\n\(String(decoding: edited, as: UTF8.self))")
            case let (_?, .failure(error)):
                XCTFail("round \(round): protoc accepts but we reject \(name): \(error)\n\(String(decoding: edited, as: UTF8.self))")
            }
        }
        XCTAssertGreaterThan(accepted, 20)
    }
}
