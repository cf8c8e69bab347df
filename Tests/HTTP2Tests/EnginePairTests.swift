import HPACK
import HTTP2
import Testing

/// Our client engine against our server engine in memory: the scenarios of a real
/// connection (concurrency, flow control beyond the initial window, push, GOAWAY
/// drain, SETTINGS changes mid-stream), with every body checked octet for octet.
struct EnginePairTests {
    @Test func manyConcurrentStreamsWithBodiesLargerThanTheWindow() throws {
        var pair = EnginePair()
        var expected: [HTTP2StreamID: [UInt8]] = [:]
        for index in 0..<100 {
            let size = index * 2_311 % 150_000
            let id = try pair.client.sendRequest(EnginePair.get("/bytes/\(size)"))
            expected[id] = EnginePair.pattern(size, seed: Int(id.rawValue))
        }
        for index in 0..<10 {
            let body = EnginePair.pattern(200_000 + index, seed: index)
            let id = try pair.client.sendRequest(EnginePair.post("/echo"), endStream: false)
            try pair.client.sendData(body, on: id, endStream: true)
            expected[id] = body
        }
        pair.run()
        #expect(pair.responses.count == 110)
        for (id, body) in expected {
            #expect(pair.responses[id]?.status == "200")
            #expect(pair.responses[id]?.ended == true)
            #expect(same(pair.responses[id]?.body, body), "stream \(id)")
        }
        #expect(pair.client.activeStreamCount == 0 && pair.server.activeStreamCount == 0)
        #expect(!pair.clientEvents.contains { if case .connectionError = $0 { true } else { false } })
    }

    @Test func unconsumedDataStallsAtTheStreamWindowThenResumes() throws {
        var pair = EnginePair()
        pair.clientConsumes = false
        let id = try pair.client.sendRequest(EnginePair.get("/bytes/200000"))
        pair.run()
        #expect(pair.responses[id]?.body.count == 65_535, "the initial stream window (RFC 9113 §6.9.2)")
        #expect(pair.server.bufferedOutboundBytes(on: id) == 200_000 - 65_535)
        #expect(pair.client.inboundWindow(of: id) == 0 && pair.server.outboundWindow(of: id) == 0)
        #expect(pair.client.inboundWindow(of: .connection) == (1 << 20) - 65_535, "raised to 1 MiB at start")
        pair.clientConsumes = true
        pair.client.dataConsumed(65_535, on: id)
        pair.run()
        #expect(same(pair.responses[id]?.body, EnginePair.pattern(200_000, seed: 1)))
    }

    @Test func serverPushDeliversPromisedResponses() throws {
        var pair = EnginePair()
        pair.pushes = ["/style.css", "/app.js"]
        let id = try pair.client.sendRequest(EnginePair.get("/index.html"))
        pair.run()
        let promises = pair.clientEvents.compactMap { event -> (HTTP2StreamID, HTTP2StreamID, String?)? in
            guard case let .pushPromiseReceived(on, promised, fields) = event else { return nil }
            return (on, promised, fields.first { $0.nameText == ":path" }?.valueText)
        }
        #expect(promises.map(\.0) == [id, id])
        #expect(promises.map(\.1) == [HTTP2StreamID(2), HTTP2StreamID(4)])
        #expect(promises.map(\.2) == ["/style.css", "/app.js"])
        #expect(pair.responses[HTTP2StreamID(2)]?.body == Array("/style.css".utf8))
        #expect(pair.responses[HTTP2StreamID(4)]?.body == Array("/app.js".utf8))
        #expect(pair.responses[id]?.body == Array("/index.html".utf8))
        #expect(pair.client.activeStreamCount == 0 && pair.server.activeStreamCount == 0)
    }

    @Test func clientRefusesAPushAndCanDisablePush() throws {
        var client = HTTP2Connection(role: .client), server = HTTP2Connection(role: .server)
        let request = try client.sendRequest(EnginePair.get("/index.html"))
        _ = server.receive(client.takeOutbound())
        let promised = try server.sendPushPromise(EnginePair.get("/big"), on: request)
        let events = client.receive(server.takeOutbound())
        let promisedFields = events.compactMap { event -> [String]? in
            guard case let .pushPromiseReceived(on, id, fields) = event, on == request, id == promised else { return nil }
            return fields.map { "\($0.nameText): \($0.valueText)" }
        }
        #expect(promisedFields == [EnginePair.get("/big").map { "\($0.nameText): \($0.valueText)" }])
        #expect(client.state(of: promised) == .reservedRemote)
        try client.resetStream(promised, code: .refusedStream)
        #expect(server.receive(client.takeOutbound()).contains(.streamReset(promised, .refusedStream, byPeer: true)))
        #expect(throws: HTTP2UsageError.streamNotWritable(promised)) {
            try server.sendHeaders([HeaderField(name: ":status", value: "200")], on: promised, endStream: true)
        }

        var settings = HTTP2Settings()
        settings.enablePush = false
        var noPush = EnginePair(client: .init(settings: settings))
        let second = try noPush.client.sendRequest(EnginePair.get("/index.html"))
        _ = noPush.server.receive(noPush.client.takeOutbound())
        #expect(throws: HTTP2UsageError.pushNotAllowed) { _ = try noPush.server.sendPushPromise(EnginePair.get("/x"), on: second) }
    }

    @Test func goAwayDrainsOpenStreamsAndRefusesLaterOnes() throws {
        var pair = EnginePair()
        pair.run()
        let first = try pair.client.sendRequest(EnginePair.post("/a"), endStream: false)
        let second = try pair.client.sendRequest(EnginePair.post("/b"), endStream: false)
        pair.handleServer(pair.server.receive(pair.client.takeOutbound()))
        // The client opens a third stream while the server's GOAWAY is in flight.
        pair.server.goAway()
        let late = try pair.client.sendRequest(EnginePair.get("/late"))
        try pair.client.sendData(Array("one".utf8), on: first, endStream: true)
        try pair.client.sendData(Array("two".utf8), on: second, endStream: true)
        pair.run()
        #expect(pair.serverEvents.filter { if case .headersReceived = $0 { true } else { false } }.count == 2, "stream 5 ignored")
        #expect(pair.responses[first]?.body == Array("one".utf8))
        #expect(pair.responses[second]?.body == Array("two".utf8))
        #expect(pair.responses[late]?.reset == .refusedStream)
        #expect(pair.clientEvents.contains(.goAwayReceived(lastStreamID: second, .noError, debugData: [])))
        #expect(throws: HTTP2UsageError.cannotOpenStream) { _ = try pair.client.sendRequest(EnginePair.get("/")) }
        #expect(pair.client.isDrained && pair.server.isDrained)
    }

    @Test func settingsChangesMidStreamAdjustWindowsAndFrameSizes() throws {
        var pair = EnginePair()
        pair.clientConsumes = false
        let id = try pair.client.sendRequest(EnginePair.get("/bytes/300000"))
        pair.run()
        #expect(pair.server.outboundWindow(of: id) == 0)
        // RFC 9113 §6.9.2: the new initial window shifts the open stream's window by the difference.
        try pair.client.changeSettings([HTTP2Setting(.initialWindowSize, 100_000), HTTP2Setting(.maxFrameSize, 65_536)])
        _ = pair.server.receive(pair.client.takeOutbound())
        #expect(pair.server.remoteSettings.initialWindowSize == 100_000)
        let released = pair.server.takeOutbound()
        pair.handleClient(pair.client.receive(released))
        let frames = Wire.parse(released)
        #expect(frames.filter { $0.type == Wire.data }.map(\.payload.count) == [34_465], "the 100,000 - 65,535 octets just opened")
        #expect(frames.contains { $0.type == Wire.settings && $0.flags == Wire.ack })
        pair.handleClient(pair.client.receive(Wire.frame(Wire.settings, flags: Wire.ack)))
        #expect(pair.client.localSettings.initialWindowSize == 100_000)
        // Shrinking makes the window negative; nothing more is sent until it recovers.
        try pair.client.changeSettings([HTTP2Setting(.initialWindowSize, 10_000)])
        _ = pair.server.receive(pair.client.takeOutbound())
        #expect(pair.server.outboundWindow(of: id) == -90_000)
        try pair.client.changeSettings([HTTP2Setting(.initialWindowSize, 1_000_000)])
        _ = pair.server.receive(pair.client.takeOutbound())
        // -90,000 + 990,000 opened: the remaining 200,000 octets went out at once, ending the stream.
        #expect(pair.server.state(of: id) == .closed)
        pair.clientConsumes = true
        pair.client.dataConsumed(100_000, on: id)
        pair.run()
        #expect(same(pair.responses[id]?.body, EnginePair.pattern(300_000, seed: 1)))
        #expect(pair.largestDataFrame > 16_384 && pair.largestDataFrame <= 65_536, "the client's larger SETTINGS_MAX_FRAME_SIZE is used")
    }

    @Test func largeFieldBlocksTravelAsHeadersAndContinuations() throws {
        var pair = EnginePair()
        pair.run()
        let big = String(repeating: "v", count: 40_000)
        let id = try pair.client.sendRequest(EnginePair.get("/") + [HeaderField(name: "x-big", value: big)])
        let wire = pair.client.takeOutbound()
        #expect(Wire.parse(wire).map(\.type) == [Wire.headers, Wire.continuation, Wire.continuation])
        let events = pair.server.receive(wire)
        #expect(events.contains { if case let .headersReceived(got, fields, true) = $0 { got == id && fields.last?.valueText == big } else { false } })
    }

    @Test func trailersFollowQueuedData() throws {
        var pair = EnginePair()
        pair.run()
        let id = try pair.client.sendRequest(EnginePair.post("/t"), endStream: false)
        try pair.client.sendData(EnginePair.pattern(100_000), on: id)
        try pair.client.sendHeaders([HeaderField(name: "x-checksum", value: "abc")], on: id, endStream: true)
        pair.run()
        #expect(same(pair.requestBodies[id], EnginePair.pattern(100_000)))
        #expect(pair.serverEvents.contains(.trailersReceived(id, [HeaderField(name: "x-checksum", value: "abc")])))
        #expect(same(pair.responses[id]?.body, EnginePair.pattern(100_000)))
    }

    @Test func octetByOctetInputGivesTheSameEvents() throws {
        var whole = HTTP2Connection(role: .server)
        var trickle = HTTP2Connection(role: .server)
        var client = HTTP2Connection(role: .client)
        let id = try client.sendRequest(EnginePair.post("/"), endStream: false)
        try client.sendData(EnginePair.pattern(5_000), on: id, endStream: true)
        client.ping(42)
        let bytes = client.takeOutbound()
        let expected = whole.receive(bytes)
        var events: [HTTP2Event] = []
        for byte in bytes { events += trickle.receive([byte]) }
        #expect(expected.count == 4, "settings, connection window, headers, data")
        #expect(same(events, expected))
        #expect(same(whole.takeOutbound(), trickle.takeOutbound()))
    }

    @Test func usageErrorsNameTheProblem() throws {
        var client = HTTP2Connection(role: .client)
        #expect(throws: HTTP2UsageError.invalidHeaders("missing :path")) {
            _ = try client.sendRequest([HeaderField(name: ":method", value: "GET"), HeaderField(name: ":scheme", value: "http")])
        }
        let id = try client.sendRequest(EnginePair.get("/"))
        #expect(throws: HTTP2UsageError.streamNotWritable(id)) { try client.sendData([1], on: id) }
        #expect(throws: HTTP2UsageError.invalidSetting(.maxFrameSize, 100)) { try client.changeSettings([HTTP2Setting(.maxFrameSize, 100)]) }
    }

    @Test(arguments: [
        ("u=1, i", HTTP2Priority(urgency: 1, incremental: true)),
        ("i=?0,u=7", HTTP2Priority(urgency: 7, incremental: false)),
        ("u=9, x=1", HTTP2Priority()),
        ("", HTTP2Priority()),
    ])
    func rfc9218PrioritySignal(_ value: String, _ expected: HTTP2Priority) {
        #expect(HTTP2Priority(fields: [HeaderField(name: "priority", value: value)]) == expected)
    }
}

/// Equality without printing both sides (bodies are hundreds of kilobytes).
func same<T: Equatable>(_ a: T, _ b: T) -> Bool { a == b }
