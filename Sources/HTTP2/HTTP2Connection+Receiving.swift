import HPACK

/// Frames from the peer, one handler per frame type (RFC 9113 §6), each checking the
/// frame against the stream states of §5.1.
extension HTTP2Connection {
    mutating func process(_ frame: HTTP2Frame) throws(HTTP2ProtocolError) {
        if let pending = pendingFieldBlock {
            // RFC 9113 §4.3: a field block's frames must follow each other, unbroken.
            guard case let .continuation(block, endHeaders) = frame.payload, frame.streamID == pending.streamID else {
                throw .connection(.protocolError, reason: "frame other than CONTINUATION inside the field block of stream \(pending.streamID)")
            }
            return try continueFieldBlock(block, endHeaders: endHeaders)
        }
        if !receivedPeerSettings {
            guard case .settings(ack: false, _) = frame.payload else {
                throw .connection(.protocolError, reason: "the peer's preface must start with SETTINGS")
            }
            receivedPeerSettings = true
        }
        switch frame.payload {
        case let .data(bytes, endStream, padding):
            try receiveData(frame.streamID, bytes, endStream: endStream, padding: padding)
        case let .headers(fragment, endStream, priority):
            try beginFieldBlock(frame.streamID, fragment, origin: .headers(endStream: endStream, priority: priority))
        case let .priority(signal):
            if signal.dependency == frame.streamID {
                throw .stream(frame.streamID, .protocolError, reason: "stream depends on itself")
            }
        case let .rstStream(code):
            try receiveReset(frame.streamID, code)
        case let .settings(ack, parameters):
            try ack ? receiveSettingsAck() : receiveSettings(parameters)
        case let .pushPromise(promised, fragment):
            try receivePushPromise(frame.streamID, promised: promised, fragment)
        case let .ping(ack, opaque):
            if ack {
                events.append(.pingAcknowledged(opaque: opaque))
            } else {
                write(.init(streamID: .connection, payload: .ping(ack: true, opaque: opaque)))
            }
        case let .goAway(lastStreamID, code, debugData):
            receiveGoAway(lastStreamID, code, debugData)
        case let .windowUpdate(increment):
            try receiveWindowUpdate(frame.streamID, increment)
        case .continuation:
            throw .connection(.protocolError, reason: "CONTINUATION without a field block in progress")
        case .unknown:
            break  // RFC 9113 §4.1: unknown frame types are ignored.
        }
    }

    /// RFC 9113 §5.1 for frames other than HEADERS on a stream that has no record:
    /// idle streams accept only PRIORITY (a connection error otherwise); closed ones
    /// are answered by how they closed. Returns whether the frame is to be dropped.
    func checkNoRecord(_ streamID: HTTP2StreamID, _ name: String, lateIsError: Bool) throws(HTTP2ProtocolError) {
        if state(of: streamID) == .idle {
            throw .connection(.protocolError, reason: "\(name) on idle stream \(streamID)")
        }
        guard lateIsError else { return }
        switch recentlyClosed[streamID] {
        case .resetLocally: return
        case .ended: throw .connection(.streamClosed, reason: "\(name) on stream \(streamID) after END_STREAM")
        case .resetByPeer, nil: throw .stream(streamID, .streamClosed, reason: "\(name) on closed stream \(streamID)")
        }
    }

    mutating func receiveData(_ streamID: HTTP2StreamID, _ bytes: [UInt8], endStream: Bool, padding: Int) throws(HTTP2ProtocolError) {
        let length = bytes.count + padding
        guard length <= connectionInboundWindow else {
            throw .connection(.flowControlError, reason: "DATA of \(length) octets exceeds the connection window \(connectionInboundWindow)")
        }
        connectionInboundWindow -= length
        guard var record = streams[streamID] else {
            creditConnection(length)
            return try checkNoRecord(streamID, "DATA", lateIsError: true)
        }
        guard record.state.peerCanSend else {
            creditConnection(length)
            if record.state == .reservedLocal || record.state == .reservedRemote {
                throw .connection(.protocolError, reason: "DATA on reserved stream \(streamID)")
            }
            throw .stream(streamID, .streamClosed, reason: "DATA on half-closed stream \(streamID)")
        }
        guard length <= record.inboundWindow else {
            creditConnection(length)
            throw .stream(streamID, .flowControlError, reason: "DATA of \(length) octets exceeds the stream window \(record.inboundWindow)")
        }
        record.inboundWindow -= length
        record.receivedDataBytes += bytes.count
        streams[streamID] = record
        if let expected = record.expectedContentLength,
           record.receivedDataBytes > expected || (endStream && record.receivedDataBytes != expected) {
            creditConnection(length)
            throw .stream(streamID, .protocolError, reason: "DATA does not match content-length \(expected)")
        }
        if padding > 0 { dataConsumed(padding, on: streamID) }
        events.append(.dataReceived(streamID, bytes, endStream: endStream))
        if endStream { transition(streamID, to: record.state.afterRemoteEnd) }
    }

    mutating func receiveReset(_ streamID: HTTP2StreamID, _ code: HTTP2ErrorCode) throws(HTTP2ProtocolError) {
        guard streams[streamID] != nil else { return try checkNoRecord(streamID, "RST_STREAM", lateIsError: false) }
        close(streamID, .resetByPeer)
        events.append(.streamReset(streamID, code, byPeer: true))
    }

    mutating func receiveWindowUpdate(_ streamID: HTTP2StreamID, _ increment: UInt32) throws(HTTP2ProtocolError) {
        if streamID.isConnection {
            guard increment > 0 else { throw .connection(.protocolError, reason: "WINDOW_UPDATE of 0 on the connection") }
            connectionOutboundWindow += Int(increment)
            guard connectionOutboundWindow <= Int(HTTP2Settings.maxWindowBytes) else {
                throw .connection(.flowControlError, reason: "connection window above 2^31 - 1")
            }
        } else {
            guard var record = streams[streamID] else {
                if increment == 0 && state(of: streamID) != .idle {
                    throw .stream(streamID, .protocolError, reason: "WINDOW_UPDATE of 0")
                }
                return try checkNoRecord(streamID, "WINDOW_UPDATE", lateIsError: false)
            }
            guard increment > 0 else { throw .stream(streamID, .protocolError, reason: "WINDOW_UPDATE of 0") }
            if record.state == .reservedRemote {
                throw .connection(.protocolError, reason: "WINDOW_UPDATE on reserved (remote) stream \(streamID)")
            }
            record.outboundWindow += Int(increment)
            guard record.outboundWindow <= Int(HTTP2Settings.maxWindowBytes) else {
                throw .stream(streamID, .flowControlError, reason: "stream window above 2^31 - 1")
            }
            streams[streamID] = record
        }
        events.append(.windowUpdated(streamID, increment: increment))
    }

    mutating func receiveSettings(_ parameters: [HTTP2Setting]) throws(HTTP2ProtocolError) {
        try applyPeerSettings(parameters)
        write(.init(streamID: .connection, payload: .settings(ack: true, [])))
        events.append(.settingsChanged(parameters))
    }

    /// Checks and applies the peer's SETTINGS parameters in order (RFC 9113 §6.5.3).
    mutating func applyPeerSettings(_ parameters: [HTTP2Setting]) throws(HTTP2ProtocolError) {
        for parameter in parameters {
            if let code = HTTP2Settings.validate(parameter) {
                throw .connection(code, reason: "SETTINGS parameter \(parameter.id.rawValue) = \(parameter.value)")
            }
            if role == .client && parameter.id == .enablePush && parameter.value == 1 {
                throw .connection(.protocolError, reason: "a server sent SETTINGS_ENABLE_PUSH = 1")
            }
            if parameter.id == .initialWindowSize {
                try adjustOutboundWindows(by: Int(parameter.value) - Int(remoteSettings.initialWindowSize))
            }
            remoteSettings.apply(parameter)
            if parameter.id == .headerTableSize {
                fieldEncoder.setMaxTableSize(min(Int(parameter.value), HPACKDecoder.defaultTableSize))
            }
        }
    }

    /// RFC 9113 §6.9.2: a new SETTINGS_INITIAL_WINDOW_SIZE shifts every stream's window.
    private mutating func adjustOutboundWindows(by delta: Int) throws(HTTP2ProtocolError) {
        guard delta != 0 else { return }
        for streamID in streams.keys {
            streams[streamID]!.outboundWindow += delta
            if streams[streamID]!.outboundWindow > Int(HTTP2Settings.maxWindowBytes) {
                throw .connection(.flowControlError, reason: "SETTINGS_INITIAL_WINDOW_SIZE overflows stream \(streamID)'s window")
            }
        }
    }

    mutating func receiveSettingsAck() throws(HTTP2ProtocolError) {
        guard !unacknowledgedLocalSettings.isEmpty else { return }
        let acknowledged = unacknowledgedLocalSettings.removeFirst()
        let stillPending = unacknowledgedLocalSettings.map { Int($0.initialWindowSize) }.max() ?? 0
        setInboundInitialWindow(max(Int(acknowledged.initialWindowSize), stillPending))
        frameDecoder.maxFrameSize = Int(([acknowledged] + unacknowledgedLocalSettings).map(\.maxFrameSize).max() ?? acknowledged.maxFrameSize)
        if acknowledged.headerTableSize != localSettings.headerTableSize {
            fieldDecoder.setMaxTableSizeLimit(Int(acknowledged.headerTableSize))
        }
        if let limit = acknowledged.maxHeaderListSize { fieldDecoder.maxHeaderListSize = Int(limit) }
        localSettings = acknowledged
        events.append(.settingsAcknowledged)
    }

    /// RFC 9113 §6.9.2: our SETTINGS_INITIAL_WINDOW_SIZE shifts what the peer may send on every stream.
    mutating func setInboundInitialWindow(_ bytes: Int) {
        let delta = bytes - inboundInitialWindowBytes
        guard delta != 0 else { return }
        inboundInitialWindowBytes = bytes
        for streamID in streams.keys { streams[streamID]!.inboundWindow += delta }
    }

    mutating func receiveGoAway(_ lastStreamID: HTTP2StreamID, _ code: HTTP2ErrorCode, _ debugData: [UInt8]) {
        goAwayReceived = min(goAwayReceived ?? lastStreamID, lastStreamID)
        events.append(.goAwayReceived(lastStreamID: lastStreamID, code, debugData: debugData))
        // RFC 9113 §6.8: streams we opened above last-stream-id were never processed.
        for streamID in streams.keys.sorted() where !isPeerInitiated(streamID) && streamID > lastStreamID {
            close(streamID, .resetByPeer)
            events.append(.streamReset(streamID, .refusedStream, byPeer: true))
        }
    }
}
