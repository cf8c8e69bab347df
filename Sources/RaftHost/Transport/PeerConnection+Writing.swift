import NIOCore
import Raft

/// Turning queued messages into frames on the connection's channel.
extension PeerConnection {
    /// Encodes `messages` into batch frames cut at the target size (snapshots into
    /// chunk frames), writes them and flushes once.
    func write(_ messages: [GroupMessage], to channel: any Channel) {
        let configuration = context.configuration
        let frameBytesMax = configuration.limits.frameBytesMax
        var builder = newBuilder()
        var oversized: UInt64 = 0
        func emit() {
            guard builder.count > 0 else { return }
            channel.write(channel.allocator.buffer(bytes: builder.finish()), promise: nil)
            builder = newBuilder()
        }
        for message in messages {
            if case let .snapshot(snapshot) = message.message.kind {
                emit()
                writeSnapshot(message, snapshot, to: channel)
                continue
            }
            let before = builder.payloadBytes
            builder.append(message)
            if builder.payloadBytes > frameBytesMax {
                builder.removeLast(toBytes: before)
                emit()
                let empty = builder.payloadBytes
                builder.append(message)
                if builder.payloadBytes > frameBytesMax {
                    builder.removeLast(toBytes: empty)
                    oversized += 1
                    continue
                }
            }
            if builder.payloadBytes >= configuration.batchBytesTarget { emit() }
        }
        emit()
        channel.flush()
        if oversized > 0 {
            state.withLock { $0.droppedMessages += oversized }
            configuration.logger.warning("dropped \(oversized) messages to \(address) larger than a frame (\(frameBytesMax) bytes)")
        }
    }

    private func newBuilder() -> BatchFrameBuilder {
        BatchFrameBuilder(sourceHost: context.configuration.hostID, sourceAddress: context.sourceAddress)
    }

    /// Starts streaming a snapshot as chunk frames, one at a time: the next chunk is
    /// written when the socket has taken the previous one, so batches to the same peer
    /// go out between chunks and at most one chunk is buffered. A newer snapshot for the
    /// same group supersedes one still streaming (which then reports failure).
    private func writeSnapshot(_ message: GroupMessage, _ snapshot: Snapshot, to channel: any Channel) {
        let overheadBytes = context.codec.encode(.snapshotChunk(chunk(of: message, snapshot, 0..<0))).count
            - RaftMessageCodec.headerBytes
        let chunkBytes = min(context.configuration.snapshotChunkBytes, context.configuration.limits.frameBytesMax - overheadBytes)
        guard chunkBytes > 0 || snapshot.data.isEmpty else {
            state.withLock { $0.droppedMessages += 1 }
            reportDropped([message])
            return
        }
        let stream = state.withLock { state -> UInt64 in
            state.snapshotStreams += 1
            state.streamingSnapshot[message.group] = state.snapshotStreams
            return state.snapshotStreams
        }
        streamSnapshot(message, snapshot, chunkBytes: max(1, chunkBytes), from: 0, stream: stream, on: channel)
    }

    private func streamSnapshot(
        _ message: GroupMessage, _ snapshot: Snapshot, chunkBytes: Int, from start: Int, stream: UInt64, on channel: any Channel
    ) {
        let end = min(snapshot.data.count, start + chunkBytes)
        let frame = context.codec.encode(.snapshotChunk(chunk(of: message, snapshot, start..<end)))
        let written = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(channel.allocator.buffer(bytes: frame), promise: written)
        written.futureResult.whenComplete { result in
            let current = self.state.withLock { state -> Bool in
                let current = state.streamingSnapshot[message.group] == stream
                if current, case .success = result, end < snapshot.data.count { return true }
                if current { state.streamingSnapshot[message.group] = nil }
                return current
            }
            switch result {
            case .success where current && end < snapshot.data.count:
                // A write can complete inline: go through the loop so the stack stays flat.
                channel.eventLoop.execute {
                    self.streamSnapshot(message, snapshot, chunkBytes: chunkBytes, from: end, stream: stream, on: channel)
                }
            case .success where current:
                self.reportSnapshot(message, delivered: true)
            default:
                self.reportSnapshot(message, delivered: false)
            }
        }
    }

    private func chunk(of message: GroupMessage, _ snapshot: Snapshot, _ range: Range<Int>) -> SnapshotChunk {
        let envelope = message.message
        return SnapshotChunk(
            sourceHost: context.configuration.hostID, group: message.group, from: envelope.from, to: envelope.to,
            term: envelope.term, metadata: snapshot.metadata, totalBytes: UInt64(snapshot.data.count),
            offset: UInt64(range.lowerBound), data: Array(snapshot.data[range]))
    }

    func reportSnapshot(_ message: GroupMessage, delivered: Bool) {
        context.deliver(.snapshotStatus(group: message.group, to: message.message.to, address: address, delivered: delivered))
    }
}
