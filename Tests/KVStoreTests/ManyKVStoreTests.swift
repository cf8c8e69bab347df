import ManyClient
import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer
import Testing
@testable import KVStore

/// The MANY kvstore endpoints through `ManyServer` over HTTP and `ManyClient`, with
/// many-rs's error codes (`many-kvstore/src/error.rs`) and `deny_anonymous`.
@Suite(.serialized)
struct ManyKVStoreTests {
    static func withMany<T>(_ body: (KVTestServer, ManyServer) async throws -> T) async throws -> T {
        let many = ManyServer(identity: KVFixtures.identity(1), name: "many-kvstore")
        return try await KVTestServer.with(many: many) { (server) async throws in try await body(server, many) }
    }

    static func client(_ server: KVTestServer, _ seed: UInt8?) -> ManyClient {
        ManyClient(url: server.base + "/", identity: seed.map { KVFixtures.identity($0) as any Identity } ?? AnonymousIdentity())
    }

    static func code(_ call: () async throws -> Void) async -> Int64? {
        do { try await call() } catch let error as ManyClientError { return error.manyError.code } catch { return nil }
        return nil
    }

    @Test func putGetQueryAsOwner() async throws {
        try await Self.withMany { (server, many) async throws in
            #expect(many.endpoints.methods.contains("kvstore.transfer"))
            let alice = Self.client(server, 2)
            defer { Task { await alice.shutdown() } }
            _ = try await alice.call(method: "kvstore.put", argument: KVStorePutArgs(key: [1], value: [2]), as: KVStorePutReturn.self)
            let got = try await alice.call(method: "kvstore.get", argument: KVStoreGetArgs(key: [1]), as: KVStoreGetReturn.self)
            #expect(got.value == [2])
            let missing = try await alice.call(method: "kvstore.get", argument: KVStoreGetArgs(key: [9]), as: KVStoreGetReturn.self)
            #expect(missing.value == nil)
            let query = try await alice.call(method: "kvstore.query", argument: KVStoreQueryArgs(key: [1]), as: KVStoreQueryReturn.self)
            #expect(query == KVStoreQueryReturn(owner: KVFixtures.alice, disabled: .flag(false)))
            let info = try await alice.call(method: "kvstore.info", as: KVStoreInfoReturn.self)
            #expect(info.hash.count == 32)
        }
    }

    @Test func errorsAreManyRsCodes() async throws {
        try await Self.withMany { (server, _) async throws in
            let alice = Self.client(server, 2), bob = Self.client(server, 3), anonymous = Self.client(server, nil)
            defer { Task { await alice.shutdown(); await bob.shutdown(); await anonymous.shutdown() } }
            _ = try await alice.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [1], value: [2])))
            // -30001 permission denied
            #expect(await Self.code { _ = try await bob.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [1], value: [3]))) } == -30001)
            // -104 sender cannot be anonymous (deny_anonymous)
            #expect(await Self.code { _ = try await anonymous.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [5], value: [3]))) } == -104)
            // -30006 key not found
            #expect(await Self.code { _ = try await alice.callRaw(method: "kvstore.query", data: ManyCodec.encode(KVStoreQueryArgs(key: [8]))) } == -30006)
            // -30007 cannot disable an empty key
            #expect(await Self.code { _ = try await alice.callRaw(method: "kvstore.disable", data: ManyCodec.encode(KVStoreDisableArgs(key: [8]))) } == -30007)
            // -30004 anonymous new owner
            let toAnonymous = KVStoreTransferArgs(key: [1], newOwner: .anonymous)
            #expect(await Self.code { _ = try await alice.callRaw(method: "kvstore.transfer", data: ManyCodec.encode(toAnonymous)) } == -30004)
            // -3 a key over 254 bytes (put.rs decoding)
            let long = KVStorePutArgs(key: [UInt8](repeating: 1, count: 255), value: [1])
            #expect(await Self.code { _ = try await alice.callRaw(method: "kvstore.put", data: ManyCodec.encode(long)) } == -3)

            let reason = Reason(code: 123_456, message: "gone")
            _ = try await alice.callRaw(method: "kvstore.disable", data: ManyCodec.encode(KVStoreDisableArgs(key: [1], reason: reason)))
            // -30003 key disabled
            #expect(await Self.code { _ = try await bob.callRaw(method: "kvstore.get", data: ManyCodec.encode(KVStoreGetArgs(key: [1]))) } == -30003)
            let query = try await bob.call(method: "kvstore.query", argument: KVStoreQueryArgs(key: [1]), as: KVStoreQueryReturn.self)
            #expect(query.disabled == .reason(reason))
        }
    }

    @Test func transferThroughMany() async throws {
        try await Self.withMany { (server, _) async throws in
            let alice = Self.client(server, 2), bob = Self.client(server, 3)
            defer { Task { await alice.shutdown(); await bob.shutdown() } }
            _ = try await alice.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [1], value: [2])))
            _ = try await alice.callRaw(method: "kvstore.transfer", data: ManyCodec.encode(KVStoreTransferArgs(key: [1], newOwner: KVFixtures.bob)))
            let query = try await bob.call(method: "kvstore.query", argument: KVStoreQueryArgs(key: [1]), as: KVStoreQueryReturn.self)
            #expect(query.owner == KVFixtures.bob)
            #expect(query.previousOwner == KVFixtures.alice)
            _ = try await bob.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [1], value: [3])))
            // The MANY key is now off limits to the plain HTTP APIs.
            #expect(try await server.send("POST", "/db/%01", "x").status == 403)
        }
    }

    /// many-rs `tests/kvstore.rs` `list`: ascending, descending, disabled keys left out
    /// unless a filter asks for them.
    @Test func listThroughMany() async throws {
        try await Self.withMany { (server, _) async throws in
            let alice = Self.client(server, 2)
            defer { Task { await alice.shutdown() } }
            for key in 1...5 { _ = try await alice.callRaw(method: "kvstore.put", data: ManyCodec.encode(KVStorePutArgs(key: [UInt8(key)], value: [1]))) }
            _ = try await server.send("POST", "/db/plain", "not owned")
            func list(_ args: KVStoreListArgs) async throws -> [[UInt8]] {
                try await alice.call(method: "kvstore.list", argument: args, as: KVStoreListReturn.self).keys
            }
            #expect(try await list(KVStoreListArgs(order: .ascending)) == [[1], [2], [3], [4], [5]])
            #expect(try await list(KVStoreListArgs(order: .descending)) == [[5], [4], [3], [2], [1]])
            _ = try await alice.callRaw(method: "kvstore.disable", data: ManyCodec.encode(KVStoreDisableArgs(key: [1])))
            #expect(try await list(KVStoreListArgs(order: .ascending)) == [[2], [3], [4], [5]])
            #expect(try await list(KVStoreListArgs(filter: [.disabled(true)])) == [[1]])
            #expect(try await list(KVStoreListArgs(count: 2, filter: [.owner(KVFixtures.alice)])) == [[2], [3]])
            #expect(try await list(KVStoreListArgs(filter: [.owner(KVFixtures.bob)])) == [])
        }
    }

    @Test func manyRsStagingStateFile() async throws {
        let (state, hash) = try KVInitialState.parse(json5: KVFixtures.manyRsStagingState)
        #expect(hash == nil)
        #expect(state.identity.description == "mahukzwuwgt3porn6q4vq4xu3mwy5gyskhouryzbscq7wb2iow")
        #expect(state.acl == [[1, 2, 3]: try Address(string: KVFixtures.manyRsAddress)])
        #expect(throws: KVStateFileError.self) { try KVInitialState.parse(json5: "{ acl: {} }") }
        #expect(throws: KVStateFileError.self) { try KVInitialState.parse(json5: "{ identity: 'maa', acl: { 'zz': { owner: 'maa' } } }") }
        #expect(throws: KVStateFileError.self) { try KVInitialState.parse(json5: "{ identity: \"maa\", ") }
    }
}
