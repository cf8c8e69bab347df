import HPACK

/// What the application sends: requests, responses, trailers, pushes, resets,
/// SETTINGS, PING and GOAWAY. Each call checks the stream state (RFC 9113 §5.1) and
/// appends frames to the outbound buffer; DATA waits there for flow-control window.
extension HTTP2Connection {
    /// Client: opens the next stream with a request; `endStream` when it has no body.
    public mutating func sendRequest(_ fields: [HeaderField], endStream: Bool = true) throws(HTTP2UsageError) -> HTTP2StreamID {
        guard role == .client else { throw .cannotOpenStream }
        try check(fields, as: .request)
        let streamID = try nextLocalStreamID()
        openStream(streamID, .open)
        writeFieldBlock(streamID, fields, endStream: endStream)
        streams[streamID]?.sentHeaders = true
        if endStream { transition(streamID, to: .halfClosedLocal) }
        return streamID
    }

    /// Sends a response (server), informational response, or trailers (`endStream` must
    /// then be true). On a pushed stream the first call sends the pushed response.
    public mutating func sendHeaders(_ fields: [HeaderField], on streamID: HTTP2StreamID, endStream: Bool) throws(HTTP2UsageError) {
        guard !isClosed else { throw .connectionClosed }
        guard var record = streams[streamID], record.state.weCanSend || record.state == .reservedLocal else {
            throw .streamNotWritable(streamID)
        }
        if record.sentHeaders {
            guard endStream else { throw .invalidHeaders("trailers must end the stream") }
            guard !record.pendingEndStream, record.pendingTrailers == nil else { throw .streamNotWritable(streamID) }
            try check(fields, as: .trailers)
            if record.hasPendingOutput {
                record.pendingTrailers = fields
                streams[streamID] = record
                return
            }
        } else {
            guard role == .server else { throw .streamNotWritable(streamID) }
            let informational = try check(fields, as: .response).isInformational
            if !informational { record.sentHeaders = true }
            if record.state == .reservedLocal { record.state = .halfClosedRemote }
            streams[streamID] = record
        }
        writeFieldBlock(streamID, fields, endStream: endStream)
        if endStream, let state = streams[streamID]?.state { transition(streamID, to: state.afterLocalEnd) }
    }

    /// Queues body octets on `streamID`; they leave as DATA frames as the windows allow
    /// (see ``bufferedOutboundBytes(on:)``). `endStream` ends our side after them.
    public mutating func sendData(_ bytes: [UInt8], on streamID: HTTP2StreamID, endStream: Bool = false) throws(HTTP2UsageError) {
        guard !isClosed else { throw .connectionClosed }
        guard var record = streams[streamID], record.state.weCanSend, record.sentHeaders,
              !record.pendingEndStream, record.pendingTrailers == nil
        else { throw .streamNotWritable(streamID) }
        if !record.hasPendingOutput { streamsWithPendingOutput.append(streamID) }
        if record.pendingDataBytes == 0 {
            record.pendingData = bytes  // shared, not copied: usually all of it leaves at once
            record.pendingDataOffset = 0
        } else {
            record.pendingData.append(contentsOf: bytes)
        }
        record.pendingEndStream = endStream
        streams[streamID] = record
        flushPendingData()
    }

    /// Server: promises a pushed response to the request `fields` on the client's
    /// stream `streamID`; send the response with ``sendHeaders(_:on:endStream:)`` on
    /// the returned stream.
    public mutating func sendPushPromise(_ fields: [HeaderField], on streamID: HTTP2StreamID) throws(HTTP2UsageError) -> HTTP2StreamID {
        guard role == .server, remoteSettings.enablePush else { throw .pushNotAllowed }
        guard let record = streams[streamID], record.state == .open || record.state == .halfClosedRemote else {
            throw .streamNotWritable(streamID)
        }
        try check(fields, as: .request)
        let promised = try nextLocalStreamID()
        openStream(promised, .reservedLocal)
        let block = fieldEncoder.encode(fields)
        let first = min(block.count, Int(remoteSettings.maxFrameSize) - 4)
        let fragment = HTTP2Frame.HeaderFragment(block: Array(block[..<first]), endHeaders: first == block.count)
        write(.init(streamID: streamID, payload: .pushPromise(promised: promised, fragment)))
        writeContinuations(streamID, block, from: first)
        return promised
    }

    /// Resets `streamID` with `code` (a client refusing a push uses `.refusedStream` or `.cancel`).
    public mutating func resetStream(_ streamID: HTTP2StreamID, code: HTTP2ErrorCode) throws(HTTP2UsageError) {
        guard !isClosed else { throw .connectionClosed }
        guard streams[streamID] != nil else { throw .streamNotWritable(streamID) }
        write(.init(streamID: streamID, payload: .rstStream(code)))
        close(streamID, .resetLocally)
    }

    /// Sends SETTINGS; they apply to what the peer sends once it acknowledges them.
    public mutating func changeSettings(_ parameters: [HTTP2Setting]) throws(HTTP2UsageError) {
        guard !isClosed else { throw .connectionClosed }
        var next = unacknowledgedLocalSettings.last ?? localSettings
        for parameter in parameters {
            if HTTP2Settings.validate(parameter) != nil { throw .invalidSetting(parameter.id, parameter.value) }
            next.apply(parameter)
        }
        unacknowledgedLocalSettings.append(next)
        // The peer may use raised limits as soon as it reads them, before its ACK reaches us.
        setInboundInitialWindow(max(inboundInitialWindowBytes, Int(next.initialWindowSize)))
        frameDecoder.maxFrameSize = max(frameDecoder.maxFrameSize, Int(next.maxFrameSize))
        write(.init(streamID: .connection, payload: .settings(ack: false, parameters)))
    }

    /// Sends a PING; the answer arrives as ``HTTP2Event/pingAcknowledged(opaque:)``.
    public mutating func ping(_ opaque: UInt64) {
        write(.init(streamID: .connection, payload: .ping(ack: false, opaque: opaque)))
    }

    /// Starts a graceful shutdown (RFC 9113 §6.8): streams the peer opens from now on
    /// are ignored, ours can no longer be opened, and open ones run to completion
    /// (watch ``isDrained``).
    public mutating func goAway(_ code: HTTP2ErrorCode = .noError, debugData: [UInt8] = []) {
        guard !isClosed else { return }
        goAwaySent = lastPeerStreamID
        write(.init(streamID: .connection, payload: .goAway(lastStreamID: lastPeerStreamID, code, debugData: debugData)))
        if code != .noError { isClosed = true }
    }

    // MARK: - Helpers

    @discardableResult
    private func check(_ fields: [HeaderField], as kind: HeaderValidation.Kind) throws(HTTP2UsageError) -> HeaderValidation.Summary {
        switch HeaderValidation.validate(fields, as: kind) {
        case let .success(summary): return summary
        case let .failure(failure): throw .invalidHeaders(failure.reason)
        }
    }

    private mutating func nextLocalStreamID() throws(HTTP2UsageError) -> HTTP2StreamID {
        guard !isClosed, goAwaySent == nil, goAwayReceived == nil else { throw .cannotOpenStream }
        let first: UInt32 = role == .client ? 1 : 2
        let next = lastLocalStreamID.isConnection ? first : lastLocalStreamID.rawValue + 2
        guard next <= HTTP2StreamID.maxRawValue else { throw .cannotOpenStream }
        if let limit = remoteSettings.maxConcurrentStreams,
           streams.count - peerStreamCount >= Int(limit) {
            throw .cannotOpenStream
        }
        lastLocalStreamID = HTTP2StreamID(next)
        return lastLocalStreamID
    }

    /// HEADERS then as many CONTINUATIONs as the peer's SETTINGS_MAX_FRAME_SIZE needs.
    /// The block is encoded straight into the outbound buffer behind a reserved frame
    /// header; only a block too large for one frame is moved out again and split.
    mutating func writeFieldBlock(_ streamID: HTTP2StreamID, _ fields: [HeaderField], endStream: Bool) {
        let headerPosition = FrameEncoder.reserveHeader(in: &outbound)
        let blockStart = outbound.count
        fieldEncoder.encode(fields, into: &outbound)
        let blockLength = outbound.count - blockStart
        if blockLength <= Int(remoteSettings.maxFrameSize) {
            let flags = FrameFlag.endHeaders | (endStream ? FrameFlag.endStream : 0)
            FrameEncoder.patchHeader(at: headerPosition, length: blockLength, type: FrameType.headers, flags: flags, streamID, in: &outbound)
            return
        }
        let block = Array(outbound[blockStart...])
        outbound.removeSubrange(headerPosition...)
        let first = min(block.count, Int(remoteSettings.maxFrameSize))
        let fragment = HTTP2Frame.HeaderFragment(block: Array(block[..<first]), endHeaders: first == block.count)
        write(.init(streamID: streamID, payload: .headers(fragment, endStream: endStream)))
        writeContinuations(streamID, block, from: first)
    }

    private mutating func writeContinuations(_ streamID: HTTP2StreamID, _ block: [UInt8], from start: Int) {
        var offset = start
        while offset < block.count {
            let end = min(block.count, offset + Int(remoteSettings.maxFrameSize))
            write(.init(streamID: streamID, payload: .continuation(block: Array(block[offset..<end]), endHeaders: end == block.count)))
            offset = end
        }
    }
}
