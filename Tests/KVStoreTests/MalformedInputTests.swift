import KVStore
import ManyModules
import RaftHost
import Testing
import TestSupport
import Transport

/// Seeded corpora of malformed input: decoders answer with typed errors, the state machine
/// with `badCommand`, the HTTP service with 4xx answers; nothing traps and the store keeps
/// working. Mutations of valid encodings reach deeper than random bytes.
struct MalformedInputTests {
    static let validCommands: [[UInt8]] = [
        KVCommand.put(key: [1, 2], value: [3]).encoded(),
        KVCommand.compareAndSet(key: [1], expected: [2], new: nil).encoded(),
        KVCommand.manyDisable(sender: KVFixtures.alice, KVStoreDisableArgs(key: [1], reason: Reason(code: 1, message: "m", arguments: ["a": "b"]))).encoded(),
        KVCommand.initialize(KVInitialState(identity: KVFixtures.bob, acl: [[1]: KVFixtures.alice],
                                            accounts: [KVAccount(address: KVFixtures.carol, roles: [KVFixtures.alice: ["owner"]])])).encoded(),
    ]

    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var out = bytes
        switch random.next() % 4 {
        case 0: if !out.isEmpty { out[Int(random.next() % UInt64(out.count))] = UInt8(truncatingIfNeeded: random.next()) }
        case 1: out = Array(out.prefix(Int(random.next() % UInt64(out.count + 1))))
        case 2: out.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(out.count + 1)))
        default: out = random.bytes(count: Int(random.next() % 64))
        }
        return out
    }

    @Test func commandsQueriesAndSnapshotsNeverTrap() throws {
        var random = SeededRandom(seed: 0x6b76)
        let driver = MachineDriver()
        driver.apply(.put(key: [1], value: [1]))
        let snapshot = try driver.machine.saveSnapshot()
        var badCommands = 0
        for round in 0..<4000 {
            let command = Self.mutate(Self.validCommands[round % Self.validCommands.count], &random)
            if (try? KVCommand(decoding: command)) == nil {
                badCommands += 1
                #expect(driver.applyRaw(command).value == KVOutcome.badCommand.rawValue)
            } else {
                _ = driver.applyRaw(command)
            }
            _ = try? KVQuery(decoding: Self.mutate(KVQuery.list(prefix: [1], limit: 3).encoded(), &random))
            _ = try? driver.machine.lookup(Self.mutate(KVQuery.entry(key: [1]).encoded(), &random))
            let fresh = KVStateMachine()
            if (try? fresh.recoverFromSnapshot(Self.mutate(snapshot, &random))) == nil {
                #expect(try fresh.saveSnapshot() == KVStateMachine().saveSnapshot())  // a refused snapshot changes nothing
            }
        }
        #expect(badCommands > 1000)
        #expect(driver.outcome(.put(key: [0xee], value: [1])) == .ok)
        #expect(driver.get([0xee]) == .value([1]))
    }

    @Test func theHTTPServiceAnswersGarbageWithClientErrors() async throws {
        var random = SeededRandom(seed: 0x4854)
        let service = KVHTTPService(store: KVStore(backend: LocalKVBackend(groupCount: 2)))
        let paths = ["/key", "/key/", "/key/a", "/db/", "/db/a", "/set", "/get", "/del", "/join", "/raft/join", "/raft/leave",
                     "/v1/kv/a", "/v1/cas", "/v1/list", "/v1/members/add", "/v1/members/transfer-leader", "/x"]
        let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
        let bodies = [#"{"a": "b"}"#, #"{"key": "k", "value": "v"}"#, #"{"id": 2, "address": "h:1"}"#, "key=a&val=b", "{", "%%%", "[1,2]"]
        for _ in 0..<2000 {
            let path = paths[Int(random.next() % UInt64(paths.count))]
            let query = random.next() % 2 == 0 ? "" : "?" + String(decoding: random.bytes(count: Int(random.next() % 12)).map { 0x21 + $0 % 94 }, as: UTF8.self)
            let body = random.next() % 3 == 0
                ? random.bytes(count: Int(random.next() % 40))
                : Self.mutate(Array(bodies[Int(random.next() % UInt64(bodies.count))].utf8), &random)
            let method = methods[Int(random.next() % UInt64(methods.count))]
            let response = await service.handle(HTTPRequest(method: method, target: path + query, body: body))
            #expect([200, 400, 403, 404, 405, 409, 413, 501].contains(response.status), "\(method) \(path)\(query) → \(response.status)")
        }
        #expect(await service.handle(HTTPRequest(method: "POST", target: "/db/after", body: [1])).status == 200)
        #expect(await service.handle(HTTPRequest(method: "GET", target: "/db/after")).body == [1])
    }
}
