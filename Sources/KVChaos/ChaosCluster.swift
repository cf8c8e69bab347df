import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The nodes under test: `many-kvstore` processes on loopback, each with its own data
/// directory, HTTP port and Raft port, whose Raft traffic to each other goes through one
/// ``LinkProxy`` per direction.
final class ChaosCluster: @unchecked Sendable {
    /// One node: its process (while it runs) and its ports.
    final class Node: @unchecked Sendable {
        let id: Int
        let httpPort: UInt16
        let raftPort: UInt16
        var process: Process?
        var isStopped = false

        init(id: Int, httpPort: UInt16, raftPort: UInt16) {
            self.id = id
            self.httpPort = httpPort
            self.raftPort = raftPort
        }
    }

    let nodes: [Node]
    /// `proxies[i][j]`: node i's way to node j.
    private let proxies: [[Int: LinkProxy]]
    private let binary: String
    private let directory: String
    private let pem: String

    /// Extra flags every node starts with.
    private let nodeFlags: [String]

    init(size: Int, binary: String, directory: String, nodeFlags: [String] = []) throws {
        self.binary = binary
        self.directory = directory
        self.nodeFlags = nodeFlags
        pem = directory + "/identity.pem"
        try Self.run("/usr/bin/openssl", ["genpkey", "-algorithm", "Ed25519", "-out", pem])
        var nodes: [Node] = []
        for id in 1...size {
            nodes.append(Node(id: id, httpPort: try Self.freePort(), raftPort: try Self.freePort()))
        }
        self.nodes = nodes
        var proxies: [[Int: LinkProxy]] = []
        for from in nodes {
            var row: [Int: LinkProxy] = [:]
            for to in nodes where to.id != from.id { row[to.id] = try LinkProxy(target: to.raftPort) }
            proxies.append(row)
        }
        self.proxies = proxies
    }

    func start(_ node: Node) throws {
        var arguments = [
            "--pem", pem, "--port", String(node.httpPort), "--persistent", "\(directory)/n\(node.id)", "-q",
            "--id", String(node.id), "--raft-addr", "127.0.0.1:\(node.raftPort)",
        ] + nodeFlags
        for peer in nodes {
            let port = peer.id == node.id ? peer.raftPort : proxies[node.id - 1][peer.id]!.port
            arguments += ["--peer", "\(peer.id)=127.0.0.1:\(port)"]
        }
        let logPath = "\(directory)/n\(node.id).log"
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let logFile = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        logFile.seekToEndOfFile()
        for attempt in 1... {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.standardOutput = logFile
            process.standardError = logFile
            do {
                try process.run()
                node.process = process
                node.isStopped = false
                return
            } catch where attempt < 5 && Self.isSpawnRace(error) {
                continue
            }
        }
    }

    /// Foundation's `Process` has the child close every descriptor the parent had open
    /// when it looked; one that a client or proxy thread closed in between fails the
    /// spawn with EBADF (seen once in about 40 rounds, seed 10205). Trying again is safe:
    /// nothing was started.
    private static func isSpawnRace(_ error: any Error) -> Bool {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(EBADF)
    }

    func kill(_ node: Node) {
        guard let process = node.process else { return }
        if node.isStopped { Glibc.kill(process.processIdentifier, SIGCONT) }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        node.process = nil
        node.isStopped = false
    }

    func pause(_ node: Node) {
        guard let process = node.process, !node.isStopped else { return }
        Glibc.kill(process.processIdentifier, SIGSTOP)
        node.isStopped = true
    }

    func resume(_ node: Node) {
        guard let process = node.process, node.isStopped else { return }
        Glibc.kill(process.processIdentifier, SIGCONT)
        node.isStopped = false
    }

    /// Cuts every link to and from `node`.
    func isolate(_ node: Node) {
        for (index, row) in proxies.enumerated() {
            if index == node.id - 1 { row.values.forEach { $0.cut() } } else { row[node.id]?.cut() }
        }
    }

    func healAll() {
        proxies.forEach { $0.values.forEach { $0.heal() } }
    }

    /// Every node running and unpaused, every link healed.
    func restoreAll() throws {
        healAll()
        for node in nodes {
            if node.process == nil { try start(node) } else { resume(node) }
        }
    }

    /// Stops every node with SIGTERM (a clean stop), then closes the proxies.
    func stopAll() {
        for node in nodes {
            resume(node)
            guard let process = node.process else { continue }
            process.terminate()
            process.waitUntilExit()
            node.process = nil
        }
        proxies.forEach { $0.values.forEach { $0.close() } }
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ChaosError("no free port") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ChaosError("\(executable) \(arguments) failed") }
    }
}
