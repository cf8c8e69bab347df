import Foundation
import Raft
import Synchronization
@testable import RaftHost

#if canImport(Glibc)
import Glibc
#endif

/// Everything a transport reported, for tests to wait on.
final class Inbox: Sendable {
    private let events = Mutex<[RaftTransportEvent]>([])

    var handler: @Sendable (RaftTransportEvent) -> Void {
        { event in self.events.withLock { $0.append(event) } }
    }

    var all: [RaftTransportEvent] { events.withLock { $0 } }

    /// Messages received in batches, with the sending host, in arrival order.
    var received: [(host: UInt64, message: GroupMessage)] {
        all.flatMap { event -> [(host: UInt64, message: GroupMessage)] in
            guard case let .received(batch) = event else { return [] }
            return batch.messages.map { (batch.sourceHost, $0) }
        }
    }

    func received(from host: UInt64) -> [GroupMessage] { received.filter { $0.host == host }.map(\.message) }

    var snapshots: [GroupMessage] {
        all.compactMap { if case let .receivedSnapshot(_, message) = $0 { message } else { nil } }
    }

    var inboundErrors: [RaftTransportError] {
        all.compactMap { if case let .inboundError(_, error) = $0 { error } else { nil } }
    }

    func unreachable(_ address: PeerAddress) -> Bool {
        all.contains { if case .unreachable(address) = $0 { true } else { false } }
    }

    var snapshotStatuses: [Bool] {
        all.compactMap { if case let .snapshotStatus(_, _, _, delivered) = $0 { delivered } else { nil } }
    }

    /// Waits until `condition` holds; the timeout is only a guard against hangs.
    func wait(timeout: Duration = .seconds(60), until condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// A transport on an ephemeral loopback port.
func startTransport(
    host: UInt64, inbox: Inbox, port: Int = 0, tls: RaftTLSConfiguration? = nil,
    limits: RaftCodecLimits = RaftCodecLimits(), queueLengthMax: Int = 100_000, inboundConnectionsMax: Int = 1024
) async throws -> RaftTransport {
    let configuration = RaftTransportConfiguration(
        hostID: host, listenAddress: PeerAddress(host: "127.0.0.1", port: port), limits: limits,
        queueLengthMax: queueLengthMax, inboundConnectionsMax: inboundConnectionsMax, tls: tls)
    return try await RaftTransport.start(configuration: configuration, handler: inbox.handler)
}

/// A plain TCP client for sending bytes that are not Raft frames.
struct RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 { throw POSIXError(.ECONNREFUSED) }
    }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Blocks until the peer closes (read returns 0) or fails; true if it closed.
    func waitForClose() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return count == 0 || errno == ECONNRESET }
        }
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// The repository's root, for scripts.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
