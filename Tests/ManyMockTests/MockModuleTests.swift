import CBOR
import ManyClient
import ManyIdentity
import ManyProtocol
import ManyServer
import Testing

@testable import ManyMock

/// The mock module inside a real server, called through the client over loopback HTTP.
struct MockModuleTests {
    @Test func serverAnswersFromTheMockFileAndKeepsItsOwnStatus() async throws {
        let identity = Ed25519Identity(privateKey: .init())
        let server = ManyServer(identity: identity, name: "mock-test")
        let file = try MockFile(toml: """
            status = '"shadowed"'
            simplefield = '"hello"'
            echo = '{"id": "${id}", "method": "${method}"}'
            """)
        let module = MockModule(file, excluding: Set(server.endpoints.methods))
        #expect(module.methods == ["simplefield", "echo"])
        try server.register(module)
        let http = try await server.listen(port: 0)
        let client = ManyClient(url: "http://127.0.0.1:\(http.port)", identity: identity, serverAddress: identity.address)
        defer { Task { await client.shutdown(); await http.shutdown() } }

        #expect(try CBOR(decoding: try await client.callRaw(method: "simplefield", data: [])) == .text("hello"))
        let request = client.request(method: "echo")
        let response = try await client.send(request)
        let echoed = try CBOR(decoding: try response.data.get())
        #expect(echoed == .map([(key: .text("id"), value: .unsigned(request.id ?? 0)), (key: .text("method"), value: .text("echo"))]))
        #expect(try await client.status().name == "mock-test")
        await #expect(throws: ManyClientError.self) { _ = try await client.callRaw(method: "missing", data: []) }
    }
}
