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

    /// Sends queued DATA, END_STREAM and trailers as far as the connection and stream
    /// windows and the peer's frame size allow, in RFC 9218 order: lower urgency first;
    /// within an urgency, non-incremental streams one after another in id order, then
    /// incremental ones sharing what is left a frame at a time.
    mutating func flushPendingData() {
        guard !isClosed, connectionOutboundWindow >= 0, !streamsWithPendingOutput.isEmpty else { return }
        var waiting = streamsWithPendingOutput
        streamsWithPendingOutput.removeAll(keepingCapacity: true)
        guard waiting.count > 1 else { return _ = flush(waiting[0], framesMax: .max) }
        waiting.sort { a, b in
            let (ua, ub) = (urgency(of: a), urgency(of: b))
            return ua != ub ? ua < ub : a < b
        }
        var start = 0
        while start < waiting.count {
            let level = urgency(of: waiting[start])
            var end = start + 1
            while end < waiting.count && urgency(of: waiting[end]) == level { end += 1 }
            var incremental: [HTTP2StreamID] = []
            for streamID in waiting[start..<end] {
                if streams[streamID]?.priority.incremental == true {
                    incremental.append(streamID)
                } else {
                    _ = flush(streamID, framesMax: .max)
                }
            }
            while !incremental.isEmpty {
                incremental = incremental.filter { flush($0, framesMax: 1) }
            }
            start = end
        }
    }

    private func urgency(of streamID: HTTP2StreamID) -> Int { streams[streamID]?.priority.urgency ?? HTTP2Priority.defaultUrgency }

    /// Sends up to `framesMax` DATA frames of `streamID`'s queue; returns whether it
    /// stopped at that count with more it could send now. A stream the windows stop is
    /// queued again for the next window update.
    private mutating func flush(_ streamID: HTTP2StreamID, framesMax: Int) -> Bool {
        guard var record = streams[streamID] else { return false }
        let maxFrame = Int(remoteSettings.maxFrameSize)
        var frames = 0
        while record.pendingDataBytes > 0 {
            if frames == framesMax {
                streams[streamID] = record
                return true
            }
            let size = min(record.pendingDataBytes, maxFrame, connectionOutboundWindow, record.outboundWindow)
            guard size > 0 else { break }
            let start = record.pendingDataOffset
            record.pendingDataOffset += size
            connectionOutboundWindow -= size
            record.outboundWindow -= size
            frames += 1
            let last = record.pendingDataBytes == 0 && record.pendingEndStream && record.pendingTrailers == nil
            FrameEncoder.appendData(record.pendingData[start..<start + size], endStream: last, streamID, to: &outbound)
            if last { record.pendingEndStream = false }
            if last {
                finish(streamID, record)
                return false
            }
        }
        guard record.pendingDataBytes == 0 else {
            streamsWithPendingOutput.append(streamID)  // waits for window
            streams[streamID] = record
            return false
        }
        if let trailers = record.pendingTrailers {
            record.pendingTrailers = nil
            record.pendingEndStream = false
            streams[streamID] = record
            writeFieldBlock(streamID, trailers, endStream: true)
            finish(streamID, record)
            return false
        }
        if record.pendingEndStream {
            record.pendingEndStream = false
            write(.init(streamID: streamID, payload: .data([], endStream: true)))
            finish(streamID, record)
            return false
        }
        record.pendingData.removeAll(keepingCapacity: true)
        record.pendingDataOffset = 0
        streams[streamID] = record
        return false
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
