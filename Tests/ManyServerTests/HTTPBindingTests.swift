import ManyClient
import ManyModules
import ManyIdentity
import ManyProtocol
import ManyServer
import Testing
import Transport

/// The HTTP side of the server: statuses for what is not a MANY request, signed errors for
/// bodies that are not envelopes, and a server that keeps serving.
struct HTTPBindingTests {
    @Test func otherPathsMethodsAndSizes() async throws {
        let server = ManyServer(identity: Fixtures.server, name: "http")
        let http = try await server.listen(
            configuration: HTTPServerConfiguration(port: 0, bodySizeBytesMax: 4096))
        let base = "http://127.0.0.1:\(http.port)"
        let client = HTTPClient()
        let envelope = Fixtures.envelope(Fixtures.request("heartbeat"))

        #expect(try await client.post(base + "/other", body: envelope).status == 404)
        let get = try await client.execute(method: "GET", url: base + "/")
        #expect(get.status == 405)
        #expect(get.header("allow") == "POST")
        #expect(try await client.post(base + "/", body: [UInt8](repeating: 0, count: 4097)).status == 413)

        // Not an envelope: a signed deserialization error, HTTP 200.
        let garbage = try await client.post(base + "/", body: Array("hello".utf8))
        #expect(garbage.status == 200)
        #expect(garbage.header("content-type") == "application/cbor")
        let (response, signer) = try Envelope.verifyResponse(garbage.body)
        #expect(signer == Fixtures.server.address)
        guard case let .failure(error) = response.data else {
            Issue.record("expected an error")
            return
        }
        #expect(error.code == -3)

        // And the server still answers a good request, on the same connection pool.
        let good = try await client.post(base + "/", body: envelope)
        let (answer, _) = try Envelope.verifyResponse(good.body)
        #expect(try answer.data.get() == [0xf6])
        await client.shutdown()
        await http.shutdown()
    }

    @Test func oversizedBodyThroughTheClient() async throws {
        let server = ManyServer(identity: Fixtures.server, name: "http")
        let http = try await server.listen(configuration: HTTPServerConfiguration(port: 0, bodySizeBytesMax: 1024))
        let client = ManyClient(url: "http://127.0.0.1:\(http.port)", identity: Fixtures.alice)
        let big = try ManyCodec.encode([UInt8](repeating: 1, count: 2000))
        do throws(ManyClientError) {
            _ = try await client.callRaw(method: "heartbeat", data: big)
            Issue.record("expected HTTP 413")
        } catch {
            guard case .httpStatus(413) = error else { throw error }
        }
        try await client.heartbeat()
        await client.shutdown()
        await http.shutdown()
    }
}
