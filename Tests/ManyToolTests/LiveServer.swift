import Foundation

/// A `many server` or `many-mock` process on a free loopback port, stopped with SIGTERM.
final class LiveServer: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    private let lock = NSLock()
    private var log = ""
    private let portFound = DispatchSemaphore(value: 0)

    /// Starts `product` with `arguments` (which must include `--port 0`) and waits until
    /// its startup log line names the port.
    init(_ product: String, _ arguments: [String], startupTimeoutSeconds: Double = 30) throws {
        process.executableURL = try ManyTool.url(product)
        process.arguments = arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let handle = stderr.fileHandleForReading
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { portFound.signal(); return }
                lock.withLock { log += String(decoding: data, as: UTF8.self) }
                if let port = Self.port(in: lock.withLock({ log })), lock.withLock({ self.port == 0 }) {
                    lock.withLock { self.port = port }
                    portFound.signal()
                }
            }
        }.start()
        _ = portFound.wait(timeout: .now() + startupTimeoutSeconds)
        guard lock.withLock({ self.port }) != 0 else {
            stop()
            throw ManyTool.Failure(description: "\(product) did not start:\n\(lock.withLock { log })")
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// What the server logged so far.
    var logText: String { lock.withLock { log } }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { stop() } }

    private static func port(in log: String) -> Int? {
        guard let range = log.range(of: #"port=[0-9]+"#, options: .regularExpression) else { return nil }
        return Int(log[range].dropFirst(5))
    }
}
