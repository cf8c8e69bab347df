import Foundation
import KVStore
import Testing
import TestSupport

/// raftdb's README talks to any node with `curl -L`: a follower answers 307 and curl
/// re-sends the request, body included, to the leader. Here a real curl does that between
/// a follower and a leader on loopback.
@Suite(.serialized)
struct CurlRedirectTests {
    static func curl(_ arguments: [String]) async throws -> ChildProcess.Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sS"] + arguments) })
            }
        }
    }

    @Test func curlFollowsTheFollowerToTheLeader() async throws {
        try await KVTestServer.with { (leader) async throws in
            let leaderAddress = String(leader.base.dropFirst("http://".count))
            try await KVTestServer.with(backend: FollowerBackend(leader: leaderAddress)) { (follower) async throws in
                let write = try await Self.curl(["-L", "-X", "POST", follower.base + "/key", "-d", #"{"foo": "bar"}"#, "-w", "%{http_code} %{num_redirects}"])
                #expect(write.text == "200 1")
                #expect(try await leader.get("/key/foo").text == #"{"foo":"bar"}"#)
                let read = try await Self.curl(["-L", follower.base + "/key/foo?level=consistent"])
                #expect(read.text == #"{"foo":"bar"}"#)
                let hslam = try await Self.curl(["-L", "-X", "POST", follower.base + "/db/k", "--data-binary", "v"])
                #expect(hslam.status == 0)
                #expect(try await Self.curl(["-L", follower.base + "/db/k"]).text == "v")
            }
        }
    }
}
