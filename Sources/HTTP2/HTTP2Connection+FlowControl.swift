/// Flow control (RFC 9113 §5.2, §6.9): queued DATA leaves as windows allow, and
/// consumed DATA opens the receive windows again with WINDOW_UPDATE.
extension HTTP2Connection {
    /// The application has processed `count` octets of DATA received on `streamID`:
    /// once half a window is consumed, a WINDOW_UPDATE returns it to the peer (for the
    /// connection, and for the stream while the peer can still send on it).
    public mutating func dataConsumed(_ count: Int, on streamID: HTTP2StreamID) {
        guard count > 0, !isClosed else { return }
        creditConnection(count)
        guard var record = streams[streamID], record.state.peerCanSend else { return }
        record.inboundConsumedUnannounced += count
        let target = inboundInitialWindowBytes
        if record.inboundConsumedUnannounced >= max(1, target / 2) {
            let increment = record.inboundConsumedUnannounced
            record.inboundWindow += increment
            record.inboundConsumedUnannounced = 0
            write(.init(streamID: streamID, payload: .windowUpdate(increment: UInt32(increment))))
        }
        streams[streamID] = record
    }

    /// Returns `count` octets to the connection-level receive window.
    mutating func creditConnection(_ count: Int) {
        connectionInboundUnannounced += count
        if connectionInboundUnannounced >= max(1, configuration.connectionWindowBytes / 2) {
            let increment = connectionInboundUnannounced
            connectionInboundWindow += increment
            connectionInboundUnannounced = 0
            write(.init(streamID: .connection, payload: .windowUpdate(increment: UInt32(increment))))
        }
    }

    /// Sends queued DATA, END_STREAM and trailers, stream by stream in id order, as far
    /// as the connection and stream windows and the peer's frame size allow.
    mutating func flushPendingData() {
        guard !isClosed, connectionOutboundWindow >= 0, !streamsWithPendingOutput.isEmpty else { return }
        var waiting = streamsWithPendingOutput
        streamsWithPendingOutput.removeAll(keepingCapacity: true)
        if waiting.count > 1 { waiting.sort() }
        for streamID in waiting {
            flush(streamID)
        }
    }

    private mutating func flush(_ streamID: HTTP2StreamID) {
        guard var record = streams[streamID] else { return }
        let maxFrame = Int(remoteSettings.maxFrameSize)
        while record.pendingDataBytes > 0 {
            let size = min(record.pendingDataBytes, maxFrame, connectionOutboundWindow, record.outboundWindow)
            guard size > 0 else { break }
            let start = record.pendingDataOffset
            record.pendingDataOffset += size
            connectionOutboundWindow -= size
            record.outboundWindow -= size
            let last = record.pendingDataBytes == 0 && record.pendingEndStream && record.pendingTrailers == nil
            FrameEncoder.appendData(record.pendingData[start..<start + size], endStream: last, streamID, to: &outbound)
            if last { record.pendingEndStream = false }
            if last { return finish(streamID, record) }
        }
        guard record.pendingDataBytes == 0 else {
            streamsWithPendingOutput.append(streamID)  // waits for window
            return streams[streamID] = record
        }
        if let trailers = record.pendingTrailers {
            record.pendingTrailers = nil
            record.pendingEndStream = false
            streams[streamID] = record
            writeFieldBlock(streamID, trailers, endStream: true)
            return finish(streamID, record)
        }
        if record.pendingEndStream {
            record.pendingEndStream = false
            write(.init(streamID: streamID, payload: .data([], endStream: true)))
            return finish(streamID, record)
        }
        record.pendingData.removeAll(keepingCapacity: true)
        record.pendingDataOffset = 0
        streams[streamID] = record
    }

    /// Our side of `streamID` has ended after its queued output.
    private mutating func finish(_ streamID: HTTP2StreamID, _ record: StreamRecord) {
        var record = record
        record.pendingData = []
        record.pendingDataOffset = 0
        streams[streamID] = record
        transition(streamID, to: record.state.afterLocalEnd)
    }
}
