import KVStore
import Testing
import Transport

/// The seed systems' HTTP APIs through a real loopback server and HTTP client. Expected
/// formats come from the seeds: raftdb (hanj4096) `README.md` and `pkg/httpd/service.go`,
/// raftdb (hslam) `README.md` and `node/node.go`, m2 (qichengzx) `README.md`,
/// `server/http.go` and `server/raft.go`.
@Suite(.serialized)
struct SeedHTTPAPITests {
    @Test func raftdbHanjKeyAPI() async throws {
        try await KVTestServer.with { (server) async throws in
            // README: curl -X POST host/key -d '{"foo": "bar"}'
            #expect(try await server.send("POST", "/key", #"{"foo": "bar", "a b": "c"}"#).status == 200)
            let read = try await server.get("/key/foo")
            #expect(read.status == 200)
            #expect(read.text == #"{"foo":"bar"}"#)
            for level in ["stale", "default", "consistent"] {
                #expect(try await server.get("/key/foo?level=\(level)").text == #"{"foo":"bar"}"#)
            }
            #expect(try await server.get("/key/a%20b").text == #"{"a b":"c"}"#)
            #expect(try await server.send("DELETE", "/key/foo").status == 200)
            // raftdb's store answers "" for a missing key.
            #expect(try await server.get("/key/foo").text == #"{"foo":""}"#)
        }
    }

    @Test func raftdbHanjBadRequests() async throws {
        try await KVTestServer.with { (server) async throws in
            #expect(try await server.send("POST", "/key", "{not json").status == 400)
            #expect(try await server.send("POST", "/key", #"{"k": 1}"#).status == 400)
            #expect(try await server.send("POST", "/key", "[]").status == 400)
            #expect(try await server.get("/key/a/b").status == 400)
            let wrongMethod = try await server.send("PUT", "/key/foo", "x")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, POST, DELETE")
            #expect(try await server.send("POST", "/join", #"{"id": "node02"}"#).status == 400)
            // One node without Raft cannot change membership: a clear 501, not a crash.
            let join = try await server.send("POST", "/join", #"{"id": "node02", "httpAddr": "h:1", "raftAddr": "h:2"}"#)
            #expect(join.status == 501)
        }
    }

    @Test func raftdbHslamDBAPI() async throws {
        try await KVTestServer.with { (server) async throws in
            // README: curl -XPOST http://localhost:7001/db/foo -d 'bar'
            #expect(try await server.send("POST", "/db/foo", "bar").status == 200)
            #expect(try await server.get("/db/foo").text == "bar")
            #expect(try await server.get("/db/foo?read=lease").text == "bar")
            #expect(try await server.send("DELETE", "/db/foo").status == 200)
            let missing = try await server.get("/db/foo")
            #expect(missing.status == 200)
            #expect(missing.body.isEmpty)
            #expect(try await server.send("PATCH", "/db/foo").status == 405)
        }
    }

    @Test func m2KeyValueAPI() async throws {
        try await KVTestServer.with { (server) async throws in
            // README: curl "http://localhost:8001/set?key=foo&val=bar"
            #expect(try await server.get("/set?key=foo&val=bar").text == "ok")
            #expect(try await server.get("/get?key=foo").text == "bar")
            #expect(try await server.send("POST", "/set", "key=x&val=a+b%21", contentType: "application/x-www-form-urlencoded").text == "ok")
            #expect(try await server.get("/get?key=x").text == "a b!")
            #expect(try await server.get("/del?key=foo").text == "ok")
            let missing = try await server.get("/get?key=foo")
            #expect(missing.status == 404)
            // http.Error(w, "error key or val is empty", http.StatusOK) in server/http.go.
            let empty = try await server.get("/set?key=foo")
            #expect(empty.status == 200)
            #expect(empty.text == "error key or val is empty\n")
            #expect(try await server.get("/get?key=%zz").status == 400)
        }
    }

    @Test func m2RaftStatusHealthMetrics() async throws {
        try await KVTestServer.with { (server) async throws in
            _ = try await server.get("/set?key=a&val=1")
            _ = try await server.get("/set?key=b&val=2")
            let status = try await server.get("/raft/status")
            #expect(status.status == 200)
            #expect(status.header("Content-Type") == "application/json")
            // hashicorp/raft Stats(): every value a string.
            #expect(status.text == #"{"applied_index":"2","commit_index":"2","last_log_index":"2","last_log_term":"1","state":"Leader","term":"1","leader":"1","num_peers":"0"}"#)
            #expect(try await server.get("/health").status == 200)
            let metrics = try await server.get("/metrics")
            #expect(metrics.text.contains("kv_proposals_total 2\n"))
            #expect(try await server.get("/raft/join?nodeid=2&addr=127.0.0.1:9").status == 501)
            #expect(try await server.get("/raft/leave").status == 400)
        }
    }

    @Test func limitsUnknownRoutesAndTheServerKeepsServing() async throws {
        try await KVTestServer.with(limits: KVLimits(keySizeBytesMax: 16, valueSizeBytesMax: 64)) { (server) async throws in
            #expect(try await server.send("POST", "/db/k", String(repeating: "v", count: 65)).status == 413)
            #expect(try await server.send("POST", "/db/" + String(repeating: "k", count: 17), "v").status == 413)
            #expect(try await server.send("POST", "/key", "{\"\(String(repeating: "k", count: 17))\": \"v\"}").status == 413)
            #expect(try await server.get("/set?key=k&val=" + String(repeating: "v", count: 65)).status == 413)
            #expect(try await server.get("/nope").status == 404)
            #expect(try await server.get("/v1/nope").status == 404)
            #expect(try await server.send("POST", "/db/k", "fine").status == 200)
            #expect(try await server.get("/db/k").text == "fine")
        }
    }
}
