import HPACK

/// The server side of HTTP/1.1 `Upgrade: h2c` (RFC 7540 §3.2; RFC 9113 deprecates it but
/// clients such as `nghttp -u` still use it).
extension HTTP2Connection {
    /// Takes over the HTTP/1.1 request that asked to upgrade, once the caller has written
    /// `101 Switching Protocols` and before it writes ``takeOutbound()`` (our SETTINGS).
    ///
    /// The request becomes stream 1, half-closed (remote); `settingsPayload`, the
    /// `HTTP2-Settings` header decoded from base64url, counts as the client's SETTINGS
    /// and is not acknowledged (RFC 7540 §3.2.1). The client's preface (the magic octets
    /// and a SETTINGS frame) still follows on the connection.
    ///
    /// - Parameters:
    ///   - settingsPayload: a SETTINGS frame's payload, six octets per parameter.
    ///   - request: the request as HTTP/2 fields, pseudo-headers first.
    /// - Returns: ``HTTP2Event/settingsChanged(_:)`` then the request as
    ///   ``HTTP2Event/headersReceived(_:_:endStream:)`` on stream 1 with END_STREAM.
    public mutating func acceptUpgrade(settingsPayload: [UInt8], request: [HeaderField]) throws(HTTP2UsageError) -> [HTTP2Event] {
        guard role == .server, !isClosed, !hasReceivedBytes else {
            throw .invalidUpgrade("only a server connection that has read nothing can be upgraded")
        }
        guard settingsPayload.count % 6 == 0 else {
            throw .invalidUpgrade("HTTP2-Settings of \(settingsPayload.count) octets")
        }
        let parameters = stride(from: 0, to: settingsPayload.count, by: 6).map { offset in
            HTTP2Setting(
                HTTP2SettingID(rawValue: UInt16(settingsPayload[offset]) << 8 | UInt16(settingsPayload[offset + 1])),
                FramePayloadParser.read32(settingsPayload, offset + 2))
        }
        do {
            try applyPeerSettings(parameters)
        } catch {
            throw .invalidUpgrade("HTTP2-Settings: \(error)")
        }
        if case let .failure(failure) = HeaderValidation.validate(request, as: .request) {
            throw .invalidHeaders(failure.reason)
        }
        let stream = HTTP2StreamID(1)
        lastPeerStreamID = stream
        openStream(stream, .halfClosedRemote)
        streams[stream]?.receivedHeaders = true
        return [.settingsChanged(parameters), .headersReceived(stream, request, endStream: true)]
    }
}
