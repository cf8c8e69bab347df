import Testing
import Transport

struct HTTPClientTests {
    @Test(arguments: ["https://127.0.0.1/", "ftp://x/", "http://", "http:///x", "http://host:0/", "http://host:99999/",
                      "http://user@host/", "http://[::1/", "127.0.0.1:80"])
    func invalidURLs(url: String) async {
        let client = HTTPClient()
        await #expect(throws: HTTPClientError.invalidURL(url)) {
            _ = try await client.post(url, body: [])
        }
    }

    @Test func connectionRefusedIsATypedError() async throws {
        // Bind a server, learn its port, stop it: nothing listens there any more.
        let server = try await HTTPServer.start { _ in HTTPResponse(status: 200) }
        let port = server.port
        await server.shutdown()
        let client = HTTPClient()
        do {
            _ = try await client.post("http://127.0.0.1:\(port)/", body: [1])
            Issue.record("expected a connection error")
        } catch {
            guard case .connectFailed(_, port, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func responseTimeout() async throws {
        let server = try await HTTPServer.start { _ in
            try? await Task.sleep(for: .seconds(30))
            return HTTPResponse(status: 200)
        }
        let client = HTTPClient(configuration: HTTPClientConfiguration(requestTimeoutSeconds: 1))
        await #expect(throws: HTTPClientError.timedOut) {
            _ = try await client.post("http://127.0.0.1:\(server.port)/", body: [1])
        }
        await client.shutdown()
        // Shutdown waits for the sleeping handler; do not hold the test for it.
        Task { await server.shutdown() }
    }

    @Test func cancellationEndsTheWait() async throws {
        let server = try await HTTPServer.start { _ in
            try? await Task.sleep(for: .seconds(30))
            return HTTPResponse(status: 200)
        }
        let client = HTTPClient()
        let port = server.port
        let call = Task { try await client.post("http://127.0.0.1:\(port)/", body: [1]) }
        try await Task.sleep(for: .milliseconds(100))
        call.cancel()
        await #expect(throws: HTTPClientError.cancelled) { _ = try await call.value }
        await client.shutdown()
        Task { await server.shutdown() }
    }

    @Test func responseBodyLimit() async throws {
        let server = try await HTTPServer.start { _ in HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 4096)) }
        let client = HTTPClient(configuration: HTTPClientConfiguration(responseBodySizeBytesMax: 1000))
        await #expect(throws: HTTPClientError.responseTooLarge(max: 1000)) {
            _ = try await client.post("http://127.0.0.1:\(server.port)/", body: [])
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test func reconnectsWhenThePooledConnectionWasClosed() async throws {
        // The pooled connection dies with the first server; the second request must not fail
        // on it but connect again to the new server on the same port.
        let first = try await HTTPServer.start { request in HTTPResponse(status: 200, body: request.body) }
        let port = first.port
        let client = HTTPClient()
        #expect(try await client.post("http://127.0.0.1:\(port)/", body: [1]).body == [1])
        await first.shutdown()
        let second = try await HTTPServer.start(configuration: HTTPServerConfiguration(port: port)) { request in
            HTTPResponse(status: 200, body: request.body)
        }
        #expect(try await client.post("http://127.0.0.1:\(port)/", body: [2]).body == [2])
        await client.shutdown()
        await second.shutdown()
    }
}
