import HPACK
import HTTP2
import Testing

/// RFC 9218 scheduling of a server's queued DATA: lower urgency first, non-incremental
/// responses one after another, incremental ones interleaved; the request's `priority`
/// field sets it and the application may override it. The connection window (65,535
/// octets, never raised by this client) is what makes responses wait.
struct PrioritySchedulingTests {
    static func request(_ path: String, priority: String?) -> [HeaderField] {
        EnginePair.get(path) + (priority.map { [HeaderField(name: "priority", value: $0)] } ?? [])
    }

    /// Opens one request per priority, answers each with `size` octets, then lets the
    /// client consume everything; returns the stream of each DATA frame in order.
    static func dataOrder(_ priorities: [String?], size: Int, override: ((inout HTTP2Connection, [HTTP2StreamID]) -> Void)? = nil) throws
        -> (streams: [HTTP2StreamID], frames: [HTTP2StreamID])
    {
        var client = HTTP2Connection(role: .client, configuration: .init(connectionWindowBytes: 65_535))
        var server = HTTP2Connection(role: .server)
        var ids: [HTTP2StreamID] = []
        for (index, priority) in priorities.enumerated() {
            ids.append(try client.sendRequest(Self.request("/\(index)", priority: priority)))
        }
        _ = server.receive(client.takeOutbound())
        override?(&server, ids)
        for id in ids {
            try server.sendHeaders([HeaderField(name: ":status", value: "200")], on: id, endStream: false)
            try server.sendData([UInt8](repeating: 7, count: size), on: id, endStream: true)
        }
        var frames: [HTTP2StreamID] = []
        for _ in 0..<1_000 {
            let bytes = server.takeOutbound()
            if bytes.isEmpty { break }
            for event in client.receive(bytes) {
                guard case let .dataReceived(id, data, _) = event else { continue }
                if !data.isEmpty { frames.append(id) }
                client.dataConsumed(data.count, on: id)
            }
            _ = server.receive(client.takeOutbound())
        }
        return (ids, frames)
    }

    /// The order in which streams first and last appear in `frames`, once the first
    /// window (spent on whatever was queued first) is gone.
    static func completionOrder(_ frames: [HTTP2StreamID]) -> [HTTP2StreamID] {
        var order: [HTTP2StreamID] = []
        for id in frames.reversed() where !order.contains(id) { order.insert(id, at: 0) }
        return order
    }

    @Test func lowerUrgencyIsSentFirst() throws {
        let run = try Self.dataOrder(["u=5", "u=1", "u=3", nil], size: 100_000)
        #expect(run.frames.count > 8)
        #expect(Self.completionOrder(run.frames) == [run.streams[1], run.streams[2], run.streams[3], run.streams[0]],
                "u=1, then u=3 and the default 3 by stream id, then u=5")
    }

    @Test func nonIncrementalResponsesAreNotInterleaved() throws {
        let run = try Self.dataOrder(["u=2", "u=2", "u=2"], size: 60_000)
        // After the first window, each response's frames are contiguous.
        var switches = 0
        for (previous, next) in zip(run.frames, run.frames.dropFirst()) where previous != next { switches += 1 }
        #expect(switches == 2, "\(run.frames)")
    }

    @Test func incrementalResponsesShareTheWindow() throws {
        let run = try Self.dataOrder(["u=3, i", "u=3, i"], size: 150_000)
        // Once the queue waits on the window, the two streams alternate frame by frame.
        let tail = Array(run.frames.dropFirst(4).prefix(10))
        var alternations = 0
        for (previous, next) in zip(tail, tail.dropFirst()) where previous != next { alternations += 1 }
        #expect(alternations >= 7, "\(run.frames)")
    }

    @Test func theApplicationMayOverrideTheSignal() throws {
        let run = try Self.dataOrder(["u=1", "u=6"], size: 100_000) { server, ids in
            #expect(server.priority(of: ids[0]) == HTTP2Priority(urgency: 1))
            server.setPriority(HTTP2Priority(urgency: 7), on: ids[0])
            server.setPriority(HTTP2Priority(urgency: 0), on: ids[1])
        }
        #expect(Self.completionOrder(run.frames) == [run.streams[1], run.streams[0]])
    }
}
