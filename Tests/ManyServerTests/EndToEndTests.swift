import CBOR
import ManyClient
import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer
import Testing
import Transport

/// A running server on loopback and a client for it.
private func withServer(
    configuration: ManyServerConfiguration = ManyServerConfiguration(serverVersion: "0.1.0"),
    modules: [any ManyModule] = [],
    clientIdentity: any Identity = Fixtures.alice,
    knowsServer: Bool = true,
    _ body: (ManyServer, ManyClient, HTTPServer) async throws -> Void
) async throws {
    let server = ManyServer(identity: Fixtures.server, name: "test-server", configuration: configuration)
    for module in modules { try server.register(module) }
    let http = try await server.listen(port: 0)
    let client = ManyClient(
        url: "http://127.0.0.1:\(http.port)", identity: clientIdentity,
        serverAddress: knowsServer ? Fixtures.server.address : .anonymous)
    do {
        try await body(server, client, http)
    } catch {
        await client.shutdown()
        await http.shutdown()
        throw error
    }
    await client.shutdown()
    await http.shutdown()
}

struct EndToEndTests {
    @Test func status() async throws {
        try await withServer { _, client, _ in
            let status = try await client.status()
            #expect(status.version == 1)
            #expect(status.name == "test-server")
            #expect(status.identity == Fixtures.server.address)
            #expect(status.publicKey == Fixtures.server.publicKey)
            #expect(status.attributes.contains(id: 0))
            #expect(status.serverVersion == "0.1.0")
            #expect(status.timeoutSeconds == 300)
            #expect(status.extras.isEmpty)
        }
    }

    @Test func heartbeatAndEndpoints() async throws {
        try await withServer { _, client, _ in
            try await client.heartbeat()
            let endpoints = try await client.endpoints()
            #expect(endpoints.methods == ["endpoints", "heartbeat", "status"])
        }
    }

    @Test func anonymousClient() async throws {
        try await withServer(clientIdentity: AnonymousIdentity(), knowsServer: false) { _, client, _ in
            let status = try await client.status()
            #expect(status.name == "test-server")
        }
    }
}
