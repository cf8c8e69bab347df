import HPACK
import HTTP2
import Testing

/// The server side of HTTP/1.1 `Upgrade: h2c` (RFC 7540 §3.2) in the engine: the
/// HTTP2-Settings payload is the client's first SETTINGS (not acknowledged) and the request
/// is stream 1, half-closed (remote). Over sockets, nghttp and curl check it (TransportTests).
struct UpgradeTests {
    static let get = [
        HeaderField(name: ":method", value: "GET"), HeaderField(name: ":scheme", value: "http"),
        HeaderField(name: ":path", value: "/"), HeaderField(name: ":authority", value: "example.com"),
    ]

    @Test func theUpgradedRequestIsStreamOneAndItsSettingsApply() throws {
        var server = HTTP2Connection(role: .server)
        _ = server.takeOutbound()
        let window = Wire.setting(4, 1_000)  // SETTINGS_INITIAL_WINDOW_SIZE
        let events = try server.acceptUpgrade(settingsPayload: window, request: Self.get)
        #expect(events == [
            .settingsChanged([HTTP2Setting(.initialWindowSize, 1_000)]),
            .headersReceived(HTTP2StreamID(1), Self.get, endStream: true),
        ])
        #expect(!server.hasOutbound, "RFC 7540 §3.2.1: HTTP2-Settings is not acknowledged")
        #expect(server.state(of: HTTP2StreamID(1)) == .halfClosedRemote)

        try server.sendHeaders([HeaderField(name: ":status", value: "200")], on: HTTP2StreamID(1), endStream: false)
        try server.sendData([UInt8](repeating: 7, count: 2_500), on: HTTP2StreamID(1), endStream: true)
        let sent = Wire.parse(server.takeOutbound())
        #expect(sent.map(\.type) == [Wire.headers, Wire.data], "the window of 1,000 from HTTP2-Settings holds the rest")
        #expect(sent.last?.payload.count == 1_000)
        #expect(server.bufferedOutboundBytes(on: HTTP2StreamID(1)) == 1_500)

        // The client's preface follows the 101: magic octets, SETTINGS, then a new stream 3.
        let request = Wire.headersFrame(3, [(":method", "GET"), (":scheme", "http"), (":path", "/a")])
        let next = server.receive(Wire.preface + Wire.settingsFrame() + request)
        let opened = next.compactMap { event -> [String]? in
            guard case let .headersReceived(stream, fields, true) = event, stream == HTTP2StreamID(3) else { return nil }
            return fields.map { "\($0.nameText): \($0.valueText)" }
        }
        #expect(opened == [[":method: GET", ":scheme: http", ":path: /a"]], "\(next)")
        #expect(!next.contains { if case .connectionError = $0 { true } else { false } })
    }

    @Test func anUpgradeIsRefusedWhenItCannotBeTheConnectionsStart() {
        var client = HTTP2Connection(role: .client)
        #expect(throws: HTTP2UsageError.self) { try client.acceptUpgrade(settingsPayload: [], request: Self.get) }

        var started = HTTP2Connection(role: .server)
        _ = started.receive(Wire.preface + Wire.settingsFrame())
        #expect(throws: HTTP2UsageError.self) { try started.acceptUpgrade(settingsPayload: [], request: Self.get) }

        var server = HTTP2Connection(role: .server)
        #expect(throws: HTTP2UsageError.invalidUpgrade("HTTP2-Settings of 5 octets")) {
            try server.acceptUpgrade(settingsPayload: [0, 4, 0, 0, 1], request: Self.get)
        }
        #expect(throws: HTTP2UsageError.self, "SETTINGS_ENABLE_PUSH = 2 is out of range") {
            try server.acceptUpgrade(settingsPayload: Wire.setting(2, 2), request: Self.get)
        }
        var other = HTTP2Connection(role: .server)
        #expect(throws: HTTP2UsageError.self, "a request without :path") {
            try other.acceptUpgrade(settingsPayload: [], request: Array(Self.get.prefix(2)))
        }
    }
}
