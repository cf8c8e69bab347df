import Foundation
import Protobuf
import TestSupport

/// Runs the real `protoc` (Debian `protobuf-compiler`) as the oracle for descriptors.
enum ProtocOracle {
    static let protoc = URL(fileURLWithPath: "/usr/bin/protoc")
    /// Where Debian's `libprotobuf-dev` and `libprotoc-dev` install descriptor.proto and the well-known types.
    static let systemInclude = "/usr/include"
    /// The `.proto` files written for these tests.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Protos/corpus").path

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `protoc --include_imports --descriptor_set_out=OUT -I ... files...`, returning OUT's bytes.
    static func descriptorSet(_ files: [String], includePaths: [String], sourceInfo: Bool = false) throws -> [UInt8] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("protoc-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: out) }
        var arguments = ["--include_imports", "--descriptor_set_out=\(out.path)"]
        if sourceInfo { arguments.append("--include_source_info") }
        arguments += includePaths.map { "-I\($0)" } + files
        let result = try ChildProcess.run(protoc, arguments)
        guard result.status == 0 else {
            throw Failure(description: "protoc failed (install protobuf-compiler via scripts/test): \(result.stderr)")
        }
        return Array(try Data(contentsOf: out))
    }

    /// The `.proto` files under `include/google/protobuf`, as import names (e.g. `google/protobuf/any.proto`).
    static func systemProtos() throws -> [String] {
        let root = URL(fileURLWithPath: systemInclude)
        let base = root.appendingPathComponent("google/protobuf")
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".proto") }.sorted().map { "google/protobuf/" + $0 }
    }
}
