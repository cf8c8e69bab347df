import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Blocking TCP on 127.0.0.1 for the nghttp2 interop tests: enough to carry an engine's
/// octets, nothing more (the NIO adapter is separate work).
enum LoopbackSocket {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// A listening socket on an ephemeral port.
    static func listen() throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else { throw Failure(description: "bind/listen failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// Connects to 127.0.0.1:`port`, or returns nil when nothing listens there yet.
    static func connect(port: UInt16) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result == 0 {
            // A stuck exchange fails the test instead of hanging it.
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            return fd
        }
        close(fd)
        return nil
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Up to 64 KiB; empty at end of stream or on error.
    static func read(_ fd: Int32) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[..<count]) : []
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Our server engine behind a loopback listener, one connection at a time on its own
/// thread, answering like ``EnginePair``'s server (generated bodies, echoes, pushes).
final class LoopbackH2Server: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let finished = NSCondition()
    private var recorded: [HTTP2EventLog] = []
    private let pushes: [String]

    struct HTTP2EventLog {
        var requests = 0
        var connectionErrors: [String] = []
        var goAwayReceived = false
    }

    init(pushes: [String] = []) throws {
        (listener, port) = try LoopbackSocket.listen()
        self.pushes = pushes
        Thread { [self] in acceptLoop() }.start()
    }

    /// What each finished connection saw, once `count` have finished: a client that
    /// exited has closed its socket, but the server may not have read the end yet.
    func connections(count: Int) -> [HTTP2EventLog] {
        let deadline = Date(timeIntervalSinceNow: 10)
        finished.lock()
        defer { finished.unlock() }
        while recorded.count < count, finished.wait(until: deadline) {}
        return recorded
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            let log = serve(fd)
            close(fd)
            finished.lock()
            recorded.append(log)
            finished.broadcast()
            finished.unlock()
        }
    }

    private func serve(_ fd: Int32) -> HTTP2EventLog {
        var pair = EnginePair()
        pair.pushes = pushes
        var log = HTTP2EventLog()
        while LoopbackSocket.writeAll(fd, pair.server.takeOutbound()) {
            let bytes = LoopbackSocket.read(fd)
            if bytes.isEmpty { break }
            let events = pair.server.receive(bytes)
            for event in events {
                switch event {
                case .headersReceived: log.requests += 1
                case let .connectionError(code, reason): log.connectionErrors.append("\(code): \(reason)")
                case .goAwayReceived: log.goAwayReceived = true
                default: break
                }
            }
            pair.handleServer(events)
        }
        return log
    }
}
