import Testing
import Transport

/// An echo server: answers 200 with the request's method, path and body.
private func echoServer(bodySizeBytesMax: Int = 1024) async throws -> HTTPServer {
    try await HTTPServer.start(configuration: HTTPServerConfiguration(port: 0, bodySizeBytesMax: bodySizeBytesMax)) { request in
        HTTPResponse(
            status: 200,
            headers: [HTTPHeader(name: "X-Method", value: request.method), HTTPHeader(name: "X-Path", value: request.path),
                      HTTPHeader(name: "X-Peer", value: request.remoteAddress ?? "")],
            body: request.body)
    }
}

struct HTTPServerTests {
    @Test func postRoundTrip() async throws {
        let server = try await echoServer()
        let client = HTTPClient()
        let body: [UInt8] = Array(0...255)
        let response = try await client.post("http://127.0.0.1:\(server.port)/some/path?q=1", body: body)
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.header("x-method") == "POST")
        #expect(response.header("X-Path") == "/some/path")
        await client.shutdown()
        await server.shutdown()
    }

    @Test func ephemeralPortIsReported() async throws {
        let server = try await echoServer()
        #expect(server.port > 0)
        await server.shutdown()
    }

    @Test func keepAliveReusesTheConnection() async throws {
        let server = try await echoServer()
        let client = HTTPClient()
        var peers: Set<String> = []
        for index in 0..<5 {
            let response = try await client.post("http://127.0.0.1:\(server.port)/", body: [UInt8(index)])
            #expect(response.body == [UInt8(index)])
            peers.insert(response.header("x-peer") ?? "")
        }
        #expect(peers.count == 1)  // one client port: the same connection every time
        await client.shutdown()
        await server.shutdown()
    }

    @Test func declaredOversizedBodyIs413() async throws {
        let server = try await echoServer(bodySizeBytesMax: 1024)
        let client = HTTPClient()
        let response = try await client.post("http://127.0.0.1:\(server.port)/", body: [UInt8](repeating: 7, count: 1025))
        #expect(response.status == 413)
        let fits = try await client.post("http://127.0.0.1:\(server.port)/", body: [UInt8](repeating: 7, count: 1024))
        #expect(fits.status == 200)
        #expect(fits.body.count == 1024)
        await client.shutdown()
        await server.shutdown()
    }

    @Test func chunkedOversizedBodyIs413WhileStreaming() async throws {
        let server = try await echoServer(bodySizeBytesMax: 1024)
        let chunk = "400\r\n" + String(repeating: "a", count: 1024) + "\r\n"
        let request = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n"
        let reply = try await RawSocket.exchange(port: server.port, bytes: Array(request.utf8))
        #expect(String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 413"))
        await server.shutdown()
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "\u{0}\u{1}\u{2}\u{3} HTTP/1.1\r\n\r\n",
    ])
    func malformedRequestIs400AndTheServerKeepsServing(raw: String) async throws {
        let server = try await echoServer()
        let reply = try await RawSocket.exchange(port: server.port, bytes: Array(raw.utf8))
        #expect(String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 400"))
        let client = HTTPClient()
        let response = try await client.post("http://127.0.0.1:\(server.port)/", body: [1, 2, 3])
        #expect(response.status == 200)
        #expect(response.body == [1, 2, 3])
        await client.shutdown()
        await server.shutdown()
    }

    @Test func expectContinueGetsAn100First() async throws {
        let server = try await echoServer()
        let request = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        let reply = String(decoding: try await RawSocket.exchange(port: server.port, bytes: Array(request.utf8)), as: UTF8.self)
        #expect(reply.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"))
        #expect(reply.hasSuffix("\r\n\r\nhi"))
        await server.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let server = try await echoServer()
        let one = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
        let two = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\ntwo"
        let reply = String(decoding: try await RawSocket.exchange(port: server.port, bytes: Array((one + two).utf8)), as: UTF8.self)
        let first = try #require(reply.firstRange(of: "\r\n\r\none"))
        let second = try #require(reply.firstRange(of: "\r\n\r\ntwo"))
        #expect(first.lowerBound < second.lowerBound)
        await server.shutdown()
    }

    @Test func concurrentRequests() async throws {
        let server = try await echoServer()
        let client = HTTPClient()
        let port = server.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let body = [UInt8](repeating: UInt8(index), count: index + 1)
                    let response = try await client.post("http://127.0.0.1:\(port)/", body: body)
                    #expect(response.status == 200)
                    #expect(response.body == body)
                }
            }
            try await group.waitForAll()
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test func shutdownLetsTheRequestInProgressFinish() async throws {
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()
        let server = try await HTTPServer.start(configuration: HTTPServerConfiguration(port: 0)) { request in
            started.continuation.yield()
            for await _ in release.stream { break }
            return HTTPResponse(status: 200, body: request.body)
        }
        let client = HTTPClient()
        let port = server.port
        let inFlight = Task { try await client.post("http://127.0.0.1:\(port)/", body: [42]) }
        for await _ in started.stream { break }
        let shutdown = Task { await server.shutdown() }
        release.continuation.yield()
        let response = try await inFlight.value
        #expect(response.status == 200)
        #expect(response.body == [42])
        await shutdown.value
        await #expect(throws: HTTPClientError.self) {
            _ = try await client.post("http://127.0.0.1:\(port)/", body: [1])
        }
        await client.shutdown()
    }
}
