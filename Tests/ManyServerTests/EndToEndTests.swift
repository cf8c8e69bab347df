import CBOR
import ManyClient
import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer
import Testing
import Transport

/// A running server on loopback and a client for it.
func withServer(
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

    @Test func customModuleWithTypedArguments() async throws {
        try await withServer(modules: [CalculatorModule()]) { _, client, _ in
            let sum = try await client.call(method: "calc.add", argument: AddArgs(a: 20, b: 22), as: AddReturn.self)
            #expect(sum == AddReturn(sum: 42))
            let whoami = try await client.call(method: "calc.whoami", as: String.self)
            #expect(whoami == Fixtures.alice.address.description)
            let status = try await client.status()
            #expect(status.attributes.contains(id: 1000))
            let endpoints = try await client.endpoints()
            #expect(endpoints.contains("calc.add"))
        }
    }

    @Test func serverErrorsAreTyped() async throws {
        try await withServer(modules: [CalculatorModule()]) { _, client, _ in
            do throws(ManyClientError) {
                _ = try await client.call(method: "calc.add", argument: AddArgs(a: .max, b: 1), as: AddReturn.self)
                Issue.record("expected an application error")
            } catch {
                guard case let .server(manyError) = error else { throw error }
                #expect(manyError.code == 1)
                #expect(manyError.description == "Overflow adding 9223372036854775807 and 1.")
            }
            do throws(ManyClientError) {
                _ = try await client.callRaw(method: "no.such.method", data: [])
                Issue.record("expected -8")
            } catch {
                guard case let .server(manyError) = error else { throw error }
                #expect(manyError.code == -8)
            }
            do throws(ManyClientError) {
                _ = try await client.call(method: "calc.add", argument: "not a map", as: AddReturn.self)
                Issue.record("expected -3")
            } catch {
                guard case let .server(manyError) = error else { throw error }
                #expect(manyError.code == -3)
            }
        }
    }

    @Test func responseFromAnotherServerIsRefused() async throws {
        try await withServer { _, _, http in
            let client = ManyClient(url: "http://127.0.0.1:\(http.port)", identity: Fixtures.alice, serverAddress: Fixtures.bob.address)
            do throws(ManyClientError) {
                _ = try await client.status()
                Issue.record("expected a refusal")
            } catch {
                // Addressed to bob, the server answers -1003 signed by itself: the client
                // refuses the signer before reading the error.
                guard case let .unexpectedResponder(expected, actual) = error else { throw error }
                #expect(expected == Fixtures.bob.address)
                #expect(actual == Fixtures.server.address)
            }
            await client.shutdown()
        }
    }

    @Test func asyncTokenAndPolling() async throws {
        let gate = Gate()
        let configuration = ManyServerConfiguration(asyncThresholdMilliseconds: 20)
        try await withServer(configuration: configuration, modules: [gate.module]) { _, client, _ in
            let status = try await client.status()
            #expect(status.attributes.contains(id: 8))
            #expect(try await client.endpoints().contains("async.status"))

            // The endpoint waits for the gate, so the answer must be a token.
            let first = try await client.send(client.request(method: "gate.wait", data: ManyCodec.encode("x")))
            #expect(try first.data.get() == [])
            let token = try #require(try AsyncAttribute.token(in: first.attributes))
            #expect(token.count == 16)

            // Another sender does not see the call.
            let other = ManyClient(url: client.url, identity: Fixtures.bob, serverAddress: Fixtures.server.address)
            let foreign = try await other.call(method: "async.status", argument: AsyncStatusArgs(token: token), as: AsyncStatusReturn.self)
            #expect(foreign == .unknown)
            let pending = try await client.call(method: "async.status", argument: AsyncStatusArgs(token: token), as: AsyncStatusReturn.self)
            #expect(pending == .processing)
            await other.shutdown()

            gate.open()
            let value = try await client.result(of: first)
            #expect(try ManyCodec.decode(String.self, from: value) == "opened: x")
        }
    }

    @Test func asyncCallThroughCallRaw() async throws {
        let gate = Gate()
        let configuration = ManyServerConfiguration(asyncThresholdMilliseconds: 1)
        try await withServer(configuration: configuration, modules: [gate.module]) { _, client, _ in
            Task {
                try? await Task.sleep(for: .milliseconds(50))
                gate.open()
            }
            // Whether or not the answer was deferred, the client returns the final value.
            let value = try await client.call(method: "gate.wait", argument: "y", as: String.self)
            #expect(value == "opened: y")
        }
    }

    @Test func concurrentClients() async throws {
        try await withServer(modules: [CalculatorModule()]) { _, client, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in Int64(0)..<32 {
                    group.addTask {
                        let sum = try await client.call(method: "calc.add", argument: AddArgs(a: index, b: index), as: AddReturn.self)
                        #expect(sum.sum == 2 * index)
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
