import HPACK

/// HEADERS, PUSH_PROMISE and CONTINUATION from the peer: assembling the field block
/// (RFC 9113 §4.3), decoding it (always, so the HPACK tables stay in step), then
/// applying it to the stream's state (§5.1) and checking its fields (§8.2–8.3).
extension HTTP2Connection {
    mutating func beginFieldBlock(
        _ streamID: HTTP2StreamID, _ fragment: HTTP2Frame.HeaderFragment, origin: PendingFieldBlock.Origin
    ) throws(HTTP2ProtocolError) {
        try checkFieldBlockSize(fragment.block.count)
        pendingFieldBlock = PendingFieldBlock(streamID: streamID, origin: origin, block: fragment.block, frames: 1)
        if fragment.endHeaders { try completeFieldBlock() }
    }

    mutating func continueFieldBlock(_ block: [UInt8], endHeaders: Bool) throws(HTTP2ProtocolError) {
        guard var pending = pendingFieldBlock else { return }
        try checkFieldBlockSize(pending.block.count + block.count)
        pending.frames += 1
        // Empty CONTINUATIONs cost us work and the peer nothing: bound their number too.
        guard pending.frames <= configuration.maxFieldBlockBytes / 1024 + 16 else {
            throw .connection(.enhanceYourCalm, reason: "field block split over \(pending.frames) frames")
        }
        pending.block.append(contentsOf: block)
        pendingFieldBlock = pending
        if endHeaders { try completeFieldBlock() }
    }

    private func checkFieldBlockSize(_ size: Int) throws(HTTP2ProtocolError) {
        guard size <= configuration.maxFieldBlockBytes else {
            throw .connection(.enhanceYourCalm, reason: "field block of \(size) octets exceeds \(configuration.maxFieldBlockBytes)")
        }
    }

    private mutating func completeFieldBlock() throws(HTTP2ProtocolError) {
        guard let pending = pendingFieldBlock else { return }
        pendingFieldBlock = nil
        let fields: [HeaderField]
        do {
            fields = try fieldDecoder.decode(pending.block)
        } catch {
            throw .connection(.compressionError, reason: "field block of stream \(pending.streamID): \(error)")
        }
        switch pending.origin {
        case let .headers(endStream, priority):
            if priority?.dependency == pending.streamID {
                throw .stream(pending.streamID, .protocolError, reason: "stream depends on itself")
            }
            try receiveHeaders(pending.streamID, fields, endStream: endStream)
        case let .pushPromise(promised):
            try completePushPromise(pending.streamID, promised: promised, fields)
        }
    }

    private mutating func receiveHeaders(_ streamID: HTTP2StreamID, _ fields: [HeaderField], endStream: Bool) throws(HTTP2ProtocolError) {
        guard let record = streams[streamID] else {
            if state(of: streamID) == .idle && isPeerInitiated(streamID) {
                return try openPeerStream(streamID, fields, endStream: endStream)
            }
            if state(of: streamID) == .idle {
                throw .connection(.protocolError, reason: "HEADERS opening stream \(streamID) of the wrong parity")
            }
            if recentlyClosed[streamID] == nil && isPeerInitiated(streamID) {
                throw .connection(.protocolError, reason: "HEADERS on stream \(streamID) below the last opened \(lastPeerStreamID)")
            }
            return try checkNoRecord(streamID, "HEADERS", lateIsError: true)
        }
        switch record.state {
        case .reservedRemote, .open, .halfClosedLocal:
            break
        case .reservedLocal:
            throw .connection(.protocolError, reason: "HEADERS on reserved (local) stream \(streamID)")
        case .halfClosedRemote, .closed, .idle:
            throw .stream(streamID, .streamClosed, reason: "HEADERS on half-closed stream \(streamID)")
        }
        if record.receivedHeaders {
            guard endStream else { throw .stream(streamID, .protocolError, reason: "trailers without END_STREAM") }
            try validate(fields, as: .trailers, on: streamID)
            if let expected = record.expectedContentLength, expected != record.receivedDataBytes {
                throw .stream(streamID, .protocolError, reason: "trailers after \(record.receivedDataBytes) of content-length \(expected) octets")
            }
            events.append(.trailersReceived(streamID, fields))
        } else {
            let summary = try validate(fields, as: role == .server ? .request : .response, on: streamID)
            if summary.isInformational {
                guard !endStream else { throw .stream(streamID, .protocolError, reason: "1xx response with END_STREAM") }
            } else {
                streams[streamID]?.receivedHeaders = true
                streams[streamID]?.expectedContentLength = summary.contentLength
                if record.state == .reservedRemote { streams[streamID]?.state = .halfClosedLocal }
                if endStream, let expected = summary.contentLength, expected != 0 {
                    throw .stream(streamID, .protocolError, reason: "END_STREAM with content-length \(expected)")
                }
            }
            events.append(.headersReceived(streamID, fields, endStream: endStream))
        }
        if endStream, let state = streams[streamID]?.state { transition(streamID, to: state.afterRemoteEnd) }
    }

    /// A request opening a new stream (server side).
    private mutating func openPeerStream(_ streamID: HTTP2StreamID, _ fields: [HeaderField], endStream: Bool) throws(HTTP2ProtocolError) {
        guard role == .server else {
            throw .connection(.protocolError, reason: "a server opened stream \(streamID) with HEADERS")
        }
        lastPeerStreamID = streamID
        if let goAway = goAwaySent, streamID > goAway {
            return close(streamID, .resetLocally)  // RFC 9113 §6.8: ignored after GOAWAY, and so are its frames.
        }
        if let limit = localSettings.maxConcurrentStreams ?? unacknowledgedLocalSettings.last?.maxConcurrentStreams,
           peerStreamCount >= Int(limit) {
            throw .stream(streamID, .refusedStream, reason: "SETTINGS_MAX_CONCURRENT_STREAMS \(limit) reached")
        }
        openStream(streamID, .open)
        let summary = try validate(fields, as: .request, on: streamID)
        streams[streamID]?.receivedHeaders = true
        streams[streamID]?.priority = HTTP2Priority(fields: fields)
        streams[streamID]?.expectedContentLength = summary.contentLength
        if endStream, let expected = summary.contentLength, expected != 0 {
            throw .stream(streamID, .protocolError, reason: "END_STREAM with content-length \(expected)")
        }
        events.append(.headersReceived(streamID, fields, endStream: endStream))
        if endStream { streams[streamID]?.state = .halfClosedRemote }
    }

    @discardableResult
    private func validate(_ fields: [HeaderField], as kind: HeaderValidation.Kind, on streamID: HTTP2StreamID) throws(HTTP2ProtocolError) -> HeaderValidation.Summary {
        switch HeaderValidation.validate(fields, as: kind) {
        case let .success(summary): return summary
        case let .failure(failure): throw .stream(streamID, .protocolError, reason: failure.reason)
        }
    }

    mutating func receivePushPromise(
        _ streamID: HTTP2StreamID, promised: HTTP2StreamID, _ fragment: HTTP2Frame.HeaderFragment
    ) throws(HTTP2ProtocolError) {
        guard role == .client else { throw .connection(.protocolError, reason: "a client sent PUSH_PROMISE") }
        guard localSettings.enablePush && unacknowledgedLocalSettings.allSatisfy(\.enablePush) else {
            throw .connection(.protocolError, reason: "PUSH_PROMISE after SETTINGS_ENABLE_PUSH = 0")
        }
        guard !promised.isClientInitiated, state(of: promised) == .idle else {
            throw .connection(.protocolError, reason: "PUSH_PROMISE promising stream \(promised), not a new even stream")
        }
        try beginFieldBlock(streamID, fragment, origin: .pushPromise(promised: promised))
    }

    private mutating func completePushPromise(_ streamID: HTTP2StreamID, promised: HTTP2StreamID, _ fields: [HeaderField]) throws(HTTP2ProtocolError) {
        guard let record = streams[streamID], record.state == .open || record.state == .halfClosedLocal else {
            throw .connection(.protocolError, reason: "PUSH_PROMISE on stream \(streamID), neither open nor half-closed (local)")
        }
        lastPeerStreamID = promised
        openStream(promised, .reservedRemote)
        try validate(fields, as: .request, on: promised)
        events.append(.pushPromiseReceived(streamID, promised: promised, fields))
    }
}
