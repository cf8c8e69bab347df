import HPACK
import HTTP2
import Testing
import TestSupport

/// Seeded random corruptions of a real client byte stream: the server engine must
/// answer each with events and frames (a GOAWAY at worst), never crash, and after a
/// connection error read nothing more.
struct MutatedInputTests {
    @Test func mutatedClientStreamsNeverCrashTheServer() throws {
        var client = HTTP2Connection(role: .client)
        for index in 0..<4 {
            let id = try client.sendRequest(EnginePair.post("/m\(index)") + [HeaderField(name: "x-n", value: "\(index)")], endStream: false)
            try client.sendData(EnginePair.pattern(3_000 * index), on: id, endStream: true)
        }
        client.ping(7)
        try client.changeSettings([HTTP2Setting(.initialWindowSize, 1_000)])
        let valid = client.takeOutbound()
        var random = SeededRandom(seed: 0x4832)
        var connectionErrors = 0
        for _ in 0..<3_000 {
            var bytes = valid
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let position = Wire.preface.count + Int(random.next() % UInt64(bytes.count - Wire.preface.count))
                bytes[position] = UInt8(truncatingIfNeeded: random.next())
            }
            var server = HTTP2Connection(role: .server)
            var offset = 0
            var events: [HTTP2Event] = []
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 + Int(random.next() % 700))
                events += server.receive(bytes[offset..<end])
                offset = end
            }
            let frames = Wire.parse(server.takeOutbound())
            if server.isClosed {
                connectionErrors += 1
                #expect(frames.last?.type == Wire.goAway)
                #expect(events.filter { if case .connectionError = $0 { true } else { false } }.count == 1)
            }
        }
        // Most corruptions land in DATA payloads and pass; the rest must reach the error paths.
        #expect(connectionErrors > 20)
    }
}
