import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Frames written by a second implementation of the wire format, in Python
/// (`Fuzz/raft_codec_seeds.py`, from the format's description), decode to the messages
/// they spell, and our encoder writes the very same bytes back.
@Suite struct RaftCodecPythonPeerTests {
    static func pythonFrames() throws -> [String: [UInt8]] {
        let script = """
            import sys
            sys.path.insert(0, sys.argv[1])
            import raft_codec_seeds
            for name, data in raft_codec_seeds.seeds():
                print(name, data.hex())
            """
        let output = try PythonOracle.run(script, arguments: [repositoryRoot.appendingPathComponent("Fuzz").path])
        var frames: [String: [UInt8]] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            frames[String(parts[0])] = [UInt8](hex: parts.count > 1 ? parts[1] : "")
        }
        return frames
    }

    @Test func framesFromThePythonEncoderDecodeAndReencodeIdentically() throws {
        let codec = RaftMessageCodec()
        let frames = try Self.pythonFrames()
        try #require(frames.count == 4)
        for (name, bytes) in frames {
            let decoded = try codec.decode(stream: bytes)
            #expect(decoded.flatMap { codec.encode($0) } == bytes, "\(name)")
        }
        let joint = ConfState(voters: [1, 2, 3], learners: [4], votersOutgoing: [1, 2, 5], learnersNext: [5], autoLeave: true)
        let metadata = SnapshotMetadata(index: 10, term: 2, confState: joint)
        let expected: [GroupMessage] = [
            .init(group: 1, message: Message(from: 1, to: 2, term: 3, kind: .appendEntries(AppendEntries(
                prevIndex: 5, prevTerm: 2,
                entries: [Entry(term: 2, index: 6, data: Array("put x".utf8)), Entry(term: 2, index: 7, kind: .confChange, data: Array("conf".utf8))],
                commit: 4)))),
            .init(group: 1, message: Message(from: 2, to: 1, term: 3, kind: .appendResponse(AppendResponse(index: 7)))),
            .init(group: 1, message: Message(from: 2, to: 1, term: 3, kind: .appendResponse(
                AppendResponse(index: 7, rejection: .init(hintIndex: 5, hintTerm: 2))))),
            .init(group: 2, message: Message(from: 1, to: 2, term: 4, kind: .requestVote(VoteRequest(lastIndex: 9, lastTerm: 3, isTransfer: true)))),
            .init(group: 2, message: Message(from: 2, to: 1, term: 4, kind: .voteResponse(granted: true))),
            .init(group: 2, message: Message(from: 1, to: 2, term: 5, kind: .preVote(VoteRequest(lastIndex: 9, lastTerm: 3)))),
            .init(group: 2, message: Message(from: 2, to: 1, term: 5, kind: .preVoteResponse(granted: false))),
            .init(group: 3, message: Message(from: 1, to: 2, term: 3, kind: .heartbeat(commit: 8, context: Array("ctx".utf8)))),
            .init(group: 3, message: Message(from: 2, to: 1, term: 3, kind: .heartbeatResponse(context: Array("ctx".utf8)))),
            .init(group: 3, message: Message(from: 1, to: 2, term: 3, kind: .snapshot(Snapshot(metadata: metadata, data: Array("state machine image".utf8))))),
            .init(group: 3, message: Message(from: 1, to: 2, term: 3, kind: .timeoutNow)),
            .init(group: 4, message: Message(from: 2, to: 1, term: 0, kind: .readIndex(context: Array("read-1".utf8)))),
            .init(group: 4, message: Message(from: 1, to: 2, term: 3, kind: .readIndexResponse(index: 11, context: Array("read-1".utf8)))),
            .init(group: 4, message: Message(from: 2, to: 1, term: 0, kind: .propose(entries: [Entry(term: 0, index: 0, data: Array("proposal".utf8))]))),
            .init(group: 4, message: Message(from: 1, to: 2, term: 3, kind: .appendEntries(AppendEntries(
                prevIndex: 11, prevTerm: 3, entries: [], commit: 11, quiet: true)))),
        ]
        let everyKind = try codec.decode(stream: try #require(frames["every-kind"]))
        #expect(everyKind == [.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "127.0.0.1:7001", messages: expected))])

        var assembler = SnapshotAssembler(limits: RaftCodecLimits())
        var reassembled: [GroupMessage] = []
        for case let .snapshotChunk(chunk) in try codec.decode(stream: try #require(frames["chunks"])) {
            if let message = try assembler.add(chunk, streamOffset: 0) { reassembled.append(message) }
        }
        #expect(reassembled == [GroupMessage(group: 3, message: Message(
            from: 1, to: 2, term: 4, kind: .snapshot(Snapshot(metadata: metadata, data: Array("0123456789".utf8)))))])
    }
}
