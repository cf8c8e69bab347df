import Foundation
import KVStore
import RaftHost
import Testing
import Transport

/// Our JSON API (compare-and-set, prefix list, status), follower redirects and sharding.
@Suite(.serialized)
struct JSONAPITests {
    @Test func keysAndCompareAndSet() async throws {
        try await KVTestServer.with { (server) async throws in
            #expect(try await server.send("PUT", "/v1/kv/k", "v1").text == "{}")
            #expect(try await server.get("/v1/kv/k").text == #"{"key":"k","value":"v1"}"#)
            #expect(try await server.get("/v1/kv/k?level=readIndex").status == 200)
            #expect(try await server.get("/v1/kv/k?level=bogus").status == 400)
            let swap = try await server.send("POST", "/v1/cas", #"{"key": "k", "expected": "v1", "value": "v2"}"#)
            #expect(swap.text == #"{"succeeded":true}"#)
            let stale = try await server.send("POST", "/v1/cas", #"{"key": "k", "expected": "v1", "value": "v3"}"#)
            #expect(stale.text == #"{"succeeded":false}"#)
            #expect(try await server.send("POST", "/v1/cas", #"{"key": "new", "expected": null, "value": "x"}"#).text == #"{"succeeded":true}"#)
            #expect(try await server.send("POST", "/v1/cas", #"{"key": "k", "expected": 5}"#).status == 400)
            #expect(try await server.send("DELETE", "/v1/kv/k").text == #"{"deleted":true}"#)
            #expect(try await server.get("/v1/kv/k").status == 404)
        }
    }

    @Test func prefixListMergesGroups() async throws {
        try await KVTestServer.with(backend: LocalKVBackend(groupCount: 4)) { (server) async throws in
            for index in 0..<12 { _ = try await server.send("PUT", "/v1/kv/user%2F\(String(format: "%02d", index))", "\(index)") }
            _ = try await server.send("PUT", "/v1/kv/other", "x")
            let page = try await server.get("/v1/list?prefix=user%2F&limit=5")
            #expect(page.text == #"{"items":[{"key":"user/00","value":"0"},{"key":"user/01","value":"1"},{"key":"user/02","value":"2"},{"key":"user/03","value":"3"},{"key":"user/04","value":"4"}],"truncated":true}"#)
            let all = try await server.get("/v1/list?prefix=user%2F")
            #expect(all.text.contains(#"{"key":"user/11","value":"11"}],"truncated":false}"#))
            #expect(try await server.get("/v1/list?limit=-1").status == 400)
            let status = try await server.get("/v1/status")
            #expect(status.text.hasPrefix(#"{"groups":[{"group":0,"#))
            #expect(status.text.contains(#""group":3,"#))
        }
    }

    @Test func shardingIsStableAndSpreadsKeys() {
        let sharding = KeySharding(groupCount: 4)
        let groups = (0..<64).map { sharding.group(for: Array("key-\($0)".utf8)) }
        #expect(Set(groups) == [0, 1, 2, 3])
        #expect(groups == (0..<64).map { KeySharding(groupCount: 4).group(for: Array("key-\($0)".utf8)) })
        // 64-bit FNV-1a of "a" is 0xaf63dc4c8601ec8c (the published test vector).
        #expect(KeySharding(groupCount: 1 << 20).group(for: Array("a".utf8)) == Int(UInt64(0xaf63dc4c8601ec8c) % (1 << 20)))
        #expect(KeySharding(groupCount: 0).groupCount == 1)
    }

    @Test func followersRedirectToTheLeader() async throws {
        try await KVTestServer.with(backend: FollowerBackend(leader: "127.0.0.1:8123")) { (server) async throws in
            for (method, target, body) in [("POST", "/key", #"{"a": "b"}"#), ("POST", "/db/a", "b"), ("GET", "/get?key=a", ""), ("PUT", "/v1/kv/a", "b")] {
                let response = try await server.send(method, target, body)
                #expect(response.status == 307)
                #expect(response.header("Location") == "http://127.0.0.1:8123" + target)
            }
        }
        try await KVTestServer.with(backend: FollowerBackend(leader: nil)) { (server) async throws in
            #expect(try await server.send("POST", "/db/a", "b").status == 503)
        }
    }
}
