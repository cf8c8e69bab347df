import HPACK
import HTTP2
import Testing

/// Our engine against Python `h2` 4.x (hyper-h2), an independent HTTP/2 implementation,
/// in both roles: GETs and POSTs with bodies beyond the initial window, 44 streams at
/// once, and a server push each way.
struct PythonH2InteropTests {
    @Test func h2ClientFetchesFromOurServer() throws {
        var pair = EnginePair()
        pair.pushes = ["/style.css"]
        let peer = try PipePeer(script: PythonH2Peer.script, mode: "client")
        var report: [String: Any]?
        for _ in 0..<50_000 {
            switch try peer.receive() {
            case let .finished(result):
                report = result
            case let .bytes(bytes):
                pair.handleServer(pair.server.receive(bytes))
                try peer.send(pair.server.takeOutbound())
                continue
            }
            break
        }
        let result = try #require(report)
        #expect(result["errors"] as? [String] == [])
        let responses = try #require(result["responses"] as? [[String: Any]])
        #expect(responses.count == 45)
        for response in responses {
            #expect(response["status"] as? String == "200", "\(response)")
            #expect(response["ok"] as? Bool == true, "\(response)")
        }
        let pushes = try #require(result["pushes"] as? [[String: Any]])
        #expect(pushes.map { $0["path"] as? String } == ["/style.css"])
        #expect(pushes.map { $0["body"] as? String } == ["/style.css"])
        #expect(pair.serverEvents.contains { if case .goAwayReceived(_, .noError, _) = $0 { true } else { false } })
        #expect(!pair.serverEvents.contains { if case .connectionError = $0 { true } else { false } })
    }

    @Test func ourClientFetchesFromH2Server() throws {
        var pair = EnginePair()
        var expected: [HTTP2StreamID: [UInt8]] = [:]
        let sizes = [0, 1, 1000, 16384, 16385, 65535, 65536, 100000, 300000] + (0..<30).map { $0 * 997 }
        for size in sizes {
            let id = try pair.client.sendRequest(EnginePair.get("/bytes/\(size)"))
            expected[id] = EnginePair.pattern(size, seed: Int(id.rawValue))
        }
        for size in [0, 10, 70000, 150000, 400000] {
            let body = EnginePair.pattern(size, seed: size % 251)
            let id = try pair.client.sendRequest(EnginePair.post("/echo"), endStream: false)
            try pair.client.sendData(body, on: id, endStream: true)
            expected[id] = body
        }
        let page = try pair.client.sendRequest(EnginePair.get("/index.html"))
        expected[page] = Array("/index.html".utf8)

        let peer = try PipePeer(script: PythonH2Peer.script, mode: "server")
        try peer.send(pair.client.takeOutbound())
        var report: [String: Any]?
        for _ in 0..<50_000 {
            switch try peer.receive() {
            case let .finished(result):
                report = result
            case let .bytes(bytes):
                pair.handleClient(pair.client.receive(bytes))
                let complete = expected.keys.allSatisfy { pair.responses[$0]?.ended == true }
                    && pair.responses.values.allSatisfy(\.ended)
                if complete && pair.client.goAwaySent == nil { pair.client.goAway() }
                try peer.send(pair.client.takeOutbound())
                continue
            }
            break
        }
        let result = try #require(report)
        #expect(result["errors"] as? [String] == [])
        #expect(result["served"] as? Int == expected.count)
        for (id, body) in expected {
            #expect(pair.responses[id]?.status == "200")
            #expect(same(pair.responses[id]?.body, body), "stream \(id)")
        }
        let promised = pair.clientEvents.compactMap { event -> HTTP2StreamID? in
            if case let .pushPromiseReceived(on, promised, fields) = event, on == page,
               fields.contains(HeaderField(name: ":path", value: "/pushed.txt", indexing: fields.first { $0.nameText == ":path" }?.indexing ?? .indexable)) {
                return promised
            }
            return nil
        }
        #expect(promised.count == 1)
        #expect(promised.first.flatMap { pair.responses[$0]?.body } == Array("pushed by h2".utf8))
        #expect(!pair.clientEvents.contains { if case .connectionError = $0 { true } else { false } })
    }
}
