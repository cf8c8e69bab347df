import Foundation
import Raft
import RaftHost
import Synchronization

/// Messages/s and MB/s between two ``RaftTransport``s on loopback, in one process
/// (`scripts/bench raft-transport`). The sender queues single-entry appends of
/// `--payload` bytes over 16 groups, keeping at most `--window` unacknowledged (the
/// receiver's count is the acknowledgement), for `--seconds`. Prints one JSON line:
///
///     {"name": "raft-transport.plain.payload16", "impl": "ours", "msgs_per_s": ..., "mb_per_s": ...}
///
///     raft-transport-bench --payload BYTES [--seconds S] [--tls CERT_DIR] [--window N]
///     raft-transport-bench --payload BYTES --write-stream FILE    the same messages, framed
///         as the transport frames them (one batch per 256 KiB), for the peer to replay
@main
struct RaftTransportBench {
    static func main() async throws {
        var payloadBytes = 16
        var seconds = 2.0
        var certificates: String?
        var window = 32_768
        var streamPath: String?
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--payload": payloadBytes = Int(arguments.popFirst() ?? "") ?? payloadBytes
            case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
            case "--tls": certificates = arguments.popFirst()
            case "--window": window = Int(arguments.popFirst() ?? "") ?? window
            case "--write-stream": streamPath = arguments.popFirst()
            default:
                FileHandle.standardError.write(Data("usage: raft-transport-bench --payload BYTES [--seconds S] [--tls DIR] [--write-stream FILE]\n".utf8))
                exit(2)
            }
        }
        let payload = (0..<payloadBytes).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        func message(_ sequence: Int) -> GroupMessage {
            let index = UInt64(sequence + 1)
            let append = AppendEntries(prevIndex: index - 1, prevTerm: 1, entries: [Entry(term: 1, index: index, data: payload)], commit: index)
            return GroupMessage(group: UInt64(sequence % 16), message: Message(from: 1, to: 2, term: 1, kind: .appendEntries(append)))
        }
        let wireBytes = wireBytesPerMessage(message(0))
        if let streamPath {
            try writeStream(to: streamPath, message: message, wireBytes: wireBytes)
            return
        }

        let received = Counter()
        let mode = certificates == nil ? "plain" : "tls"
        func configuration(_ host: UInt64, _ node: String) -> RaftTransportConfiguration {
            var configuration = RaftTransportConfiguration(hostID: host, queueLengthMax: window * 2)
            configuration.logger.logLevel = .warning
            if let certificates {
                configuration.tls = RaftTLSConfiguration(
                    certificateChainPath: "\(certificates)/\(node).pem", privateKeyPath: "\(certificates)/\(node).key",
                    trustRootsPath: "\(certificates)/ca.pem")
            }
            return configuration
        }
        let receiver = try await RaftTransport.start(configuration: configuration(2, "node2")) { event in
            if case let .received(batch) = event { received.add(batch.messages.count) }
        }
        let sender = try await RaftTransport.start(configuration: configuration(1, "node1")) { _ in }
        let destination = receiver.localAddress

        // Messages are made ahead so that the timed loop measures the transport.
        let prepared = (0..<4096).map(message)
        let sendBatch = 256
        var sent = 0
        func run(for duration: Double) -> (messages: Int, seconds: Double) {
            let start = ContinuousClock.now
            let startCount = received.value
            let deadline = start + .milliseconds(Int64(duration * 1000))
            while ContinuousClock.now < deadline {
                while sent - received.value > window { usleep(20) }
                let offset = sent % prepared.count
                sender.send(Array(prepared[offset..<min(prepared.count, offset + sendBatch)]), to: destination)
                sent += min(sendBatch, prepared.count - offset)
            }
            // Count what arrives of what was sent, up to a bound.
            let drainDeadline = ContinuousClock.now + .seconds(10)
            while received.value < sent - Int(sender.droppedMessages(to: destination)), ContinuousClock.now < drainDeadline { usleep(100) }
            return (received.value - startCount, (ContinuousClock.now - start).seconds)
        }
        _ = run(for: min(0.5, seconds / 4))  // warm-up: connection, TLS handshake, allocator
        let (messages, elapsed) = run(for: seconds)
        let dropped = sender.droppedMessages(to: destination)
        await sender.shutdown()
        await receiver.shutdown()
        let perSecond = Double(messages) / elapsed
        print("{\"name\": \"raft-transport.\(mode).payload\(payloadBytes)\", \"impl\": \"ours\", \"payload_bytes\": \(payloadBytes), "
            + "\"wire_bytes_per_msg\": \(wireBytes), \"messages\": \(messages), \"dropped\": \(dropped), "
            + "\"seconds\": \(String(format: "%.3f", elapsed)), \"msgs_per_s\": \(String(format: "%.1f", perSecond)), "
            + "\"mb_per_s\": \(String(format: "%.2f", perSecond * Double(wireBytes) / 1e6))}")
    }

    /// Bytes one message adds to a batch frame: a frame of two minus a frame of one.
    static func wireBytesPerMessage(_ message: GroupMessage) -> Int {
        let codec = RaftMessageCodec()
        func frame(_ count: Int) -> Int {
            codec.encode(.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "127.0.0.1:1", messages: Array(repeating: message, count: count)))).count
        }
        return frame(2) - frame(1)
    }

    /// About 64 MiB of batch frames cut at 256 KiB, as the transport cuts them, and a
    /// JSON sidecar with the message count.
    static func writeStream(to path: String, message: (Int) -> GroupMessage, wireBytes: Int) throws {
        let codec = RaftMessageCodec()
        let perFrame = max(1, (256 << 10) / wireBytes)
        let frames = max(1, (64 << 20) / (perFrame * wireBytes))
        var stream: [UInt8] = []
        for frame in 0..<frames {
            let messages = (0..<perFrame).map { message(frame * perFrame + $0) }
            stream += codec.encode(.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "127.0.0.1:1", messages: messages)))
        }
        try Data(stream).write(to: URL(fileURLWithPath: path))
        let sidecar = "{\"messages\": \(frames * perFrame), \"frames\": \(frames), \"wire_bytes_per_msg\": \(wireBytes)}\n"
        try Data(sidecar.utf8).write(to: URL(fileURLWithPath: path + ".json"))
    }

}

/// The receiver's running count of messages.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ value: Int) { count.add(value, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
