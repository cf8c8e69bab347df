import Foundation
import TestSupport

/// Runs the built `many` and `many-mock` tools, and makes the keys they read.
enum ManyTool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The folder holding the built tools: the test bundle's products folder, else
    /// `.build-tools/debug` or `.build/debug` under the package.
    static var productsDirectory: URL {
        get throws {
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let candidates = [
                ProductBinary.productsDirectory,
                package.appendingPathComponent(".build-tools/debug"),
                package.appendingPathComponent(".build/debug"),
            ]
            for directory in candidates where FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("many").path) {
                return directory
            }
            throw Failure(description: "the `many` tool is not built; run `swift build` first (looked in \(candidates.map(\.path)))")
        }
    }

    static func url(_ product: String) throws -> URL { try productsDirectory.appendingPathComponent(product) }

    /// Runs `many` with `arguments` to completion.
    static func many(_ arguments: String...) throws -> ChildProcess.Output {
        try ChildProcess.run(try url("many"), arguments)
    }

    static func many(arguments: [String]) throws -> ChildProcess.Output {
        try ChildProcess.run(try url("many"), arguments)
    }
}

/// A scratch folder with keys made by openssl.
final class KeyFolder {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("many-tool-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// A new Ed25519 (`ed25519`) or P-256 (`p256`) PEM private key made by openssl.
    func openssl(_ kind: String, name: String) throws -> String {
        let arguments = kind == "ed25519"
            ? ["genpkey", "-algorithm", "Ed25519", "-out", path(name)]
            : ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path(name)]
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let openssl else { throw ManyTool.Failure(description: "openssl is not installed; the tool tests need it to make keys") }
        let output = try ChildProcess.run(URL(fileURLWithPath: openssl), arguments)
        guard output.status == 0 else { throw ManyTool.Failure(description: "openssl failed: \(output.stderr)") }
        return path(name)
    }
}
