import Foundation

/// A peer process (Python `h2`) that exchanges octets with a test in lock step over its
/// standard input and output: each side sends one length-prefixed chunk (maybe empty)
/// per chunk it receives. The peer ends with the marker 0xFFFFFFFF and a JSON report.
final class PipePeer {
    enum Message {
        case bytes([UInt8])
        case finished([String: Any])
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process = Process()
    private let input = Pipe(), output = Pipe()

    /// Starts `python3 -c script mode`.
    init(script: String, mode: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, mode]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    func send(_ bytes: [UInt8]) throws {
        let length = UInt32(bytes.count)
        let prefix = [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
        try input.fileHandleForWriting.write(contentsOf: Data(prefix + bytes))
    }

    func receive() throws -> Message {
        let prefix = try read(4)
        let length = prefix.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard length == 0xffff_ffff else { return .bytes(try read(Int(length))) }
        let reportLength = try read(4).reduce(0) { $0 << 8 | Int($1) }
        let report = try JSONSerialization.jsonObject(with: Data(try read(reportLength)))
        process.waitUntilExit()
        guard let dictionary = report as? [String: Any] else { throw Failure(description: "report is not an object") }
        return .finished(dictionary)
    }

    private func read(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            guard let data = try output.fileHandleForReading.read(upToCount: count - bytes.count), !data.isEmpty else {
                throw Failure(description: "the h2 peer exited early (is python h2 installed? run scripts/test)")
            }
            bytes += data
        }
        return bytes
    }
}
