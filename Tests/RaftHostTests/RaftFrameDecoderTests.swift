import NIOCore
import NIOEmbedded
import Raft
import Testing
import TestSupport
@testable import RaftHost

/// The channel's stream decoder cuts frames wherever TCP splits the bytes, and agrees
/// with `decode(stream:)` on frames, offsets and errors.
@Suite struct RaftFrameDecoderTests {
    /// Feeds `stream` in pieces of the given sizes; returns the frames read and the error raised.
    static func feed(_ stream: [UInt8], pieces: [Int], codec: RaftMessageCodec) throws -> ([ReceivedFrame], (any Error)?) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RaftFrameDecoder(codec: codec)))
        var frames: [ReceivedFrame] = []
        var offset = 0
        var failure: (any Error)?
        for size in pieces where offset < stream.count && failure == nil {
            let end = min(stream.count, offset + size)
            do {
                try channel.writeInbound(channel.allocator.buffer(bytes: stream[offset..<end]))
            } catch {
                failure = error
            }
            while let frame = try channel.readInbound(as: ReceivedFrame.self) { frames.append(frame) }
            offset = end
        }
        _ = try? channel.finish()
        return (frames, failure)
    }

    @Test func framesSplitAnywhereDecodeAsAWhole() throws {
        let codec = RaftMessageCodec()
        var random = RandomMessages(seed: 21)
        var expected: [RaftFrame] = []
        var offsets: [Int] = []
        var stream: [UInt8] = []
        for index in 0..<40 {
            let frame: RaftFrame = index % 5 == 4
                ? .snapshotChunk(SnapshotChunk(
                    sourceHost: 1, group: 2, from: 1, to: 2, term: 3, metadata: random.snapshot().metadata,
                    totalBytes: 10_000, offset: 0, data: random.bytes(0...500)))
                : .batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "a", messages: (0..<random.int(0...8)).map { _ in
                    GroupMessage(group: random.u64(), message: random.nonSnapshotMessage())
                }))
            offsets.append(stream.count)
            expected.append(frame)
            stream += codec.encode(frame)
        }
        for maxPiece in [1, 7, 100, 5000] {
            let pieces = (0..<stream.count).map { _ in random.int(1...maxPiece) }
            let (frames, failure) = try Self.feed(stream, pieces: pieces, codec: codec)
            #expect(failure == nil)
            #expect(frames.map(\.frame) == expected)
            #expect(frames.map(\.streamOffset) == offsets)
        }
    }

    @Test func errorsCarryTheirStreamOffset() throws {
        let codec = RaftMessageCodec(limits: RaftCodecLimits(frameBytesMax: 100))
        let good = codec.encode(.batch(RaftMessageBatch(sourceHost: 1, sourceAddress: "a", messages: [
            GroupMessage(group: 1, message: Message(from: 1, to: 2, term: 1, kind: .timeoutNow)),
        ])))
        var long = good
        long[4...7] = [101, 0, 0, 0]
        // The length is refused as soon as the header is in, before any payload arrives.
        let (frames, failure) = try Self.feed(good + good + Array(long.prefix(12)), pieces: Array(repeating: 3, count: 100), codec: codec)
        #expect(frames.map(\.streamOffset) == [0, good.count])
        #expect(failure as? RaftTransportError == .frameTooLarge(offset: 2 * good.count + 4, lengthBytes: 101, maxBytes: 100))
    }
}
