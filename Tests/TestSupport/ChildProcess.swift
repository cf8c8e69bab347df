import Foundation

/// Runs an executable product of this package (the `cbor` or `many` tool) the way a
/// user would, from the build folder the tests were built in.
public enum ProductBinary {
    /// The build products folder: where the test bundle itself lives.
    public static var productsDirectory: URL {
        var url = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            url = bundle.bundleURL.deletingLastPathComponent()
        }
        // On Linux the runner's main bundle is the products folder itself.
        return url.pathExtension == "xctest" ? url.deletingLastPathComponent() : url
    }

    /// Runs product `name` with `arguments`, feeding `input` on standard input.
    public static func run(_ name: String, _ arguments: [String], input: [UInt8] = []) throws -> ChildProcess.Output {
        try ChildProcess.run(productsDirectory.appendingPathComponent(name), arguments, input: input)
    }
}

/// A child process run to completion, its pipes drained concurrently.
public enum ChildProcess {
    /// What a run printed and how it exited.
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: [UInt8]
        public let stderr: String
        /// Standard output as UTF-8 text.
        public var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input.
    public static func run(_ executable: URL, _ arguments: [String], input: [UInt8] = []) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = PipeDrain(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: [UInt8](output), stderr: errors.text())
    }
}

/// Reads a pipe to its end on its own thread, so the other pipe cannot block the child.
final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
