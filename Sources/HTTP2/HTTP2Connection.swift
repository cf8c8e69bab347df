import HPACK

/// A sans-I/O HTTP/2 connection (RFC 9113), client or server: bytes from the peer go
/// into ``receive(_:)`` and come back as ``HTTP2Event``s; API calls (requests,
/// responses, data, resets, settings, pings, GOAWAY) append frames to an outbound
/// buffer the caller drains with ``takeOutbound()`` and writes to its transport.
///
/// No sockets, clocks or threads: the caller owns all I/O and timing (SETTINGS and
/// PING timeouts included). RFC 9113's rules on what the peer sends (framing, stream
/// states, flow control, field blocks and fields) are checked here: violations become
/// RST_STREAM (stream errors) or GOAWAY (connection errors, after which the connection
/// accepts nothing more), as §5.4 prescribes. See docs/http2.md for what is not covered.
public struct HTTP2Connection: Sendable {
    /// Which end of the connection this is.
    public enum Role: Sendable { case client, server }

    /// Local choices beyond the SETTINGS we advertise.
    public struct Configuration: Sendable {
        /// The SETTINGS sent in our preface.
        public var settings: HTTP2Settings
        /// The connection-level receive window we keep open (raised from 65,535 at start).
        public var connectionWindowBytes: Int
        /// The largest field block (HEADERS or PUSH_PROMISE plus CONTINUATIONs) we buffer;
        /// more is a connection error ENHANCE_YOUR_CALM.
        public var maxFieldBlockBytes: Int
        /// How many closed streams we remember to tell late frames apart (RFC 9113 §5.1).
        public var closedStreamsRemembered: Int

        public init(
            settings: HTTP2Settings = HTTP2Settings(), connectionWindowBytes: Int = 1 << 20,
            maxFieldBlockBytes: Int = 1 << 18, closedStreamsRemembered: Int = 256
        ) {
            self.settings = settings
            self.connectionWindowBytes = connectionWindowBytes
            self.maxFieldBlockBytes = maxFieldBlockBytes
            self.closedStreamsRemembered = closedStreamsRemembered
        }
    }

    /// A field block being assembled from HEADERS or PUSH_PROMISE and CONTINUATIONs.
    struct PendingFieldBlock: Sendable {
        enum Origin: Sendable {
            case headers(endStream: Bool, priority: HTTP2Frame.PrioritySignal?)
            case pushPromise(promised: HTTP2StreamID)
        }
        var streamID: HTTP2StreamID
        var origin: Origin
        var block: [UInt8]
        var frames: Int
    }

    public let role: Role
    let configuration: Configuration
    /// SETTINGS we sent and the peer has not acknowledged, oldest first.
    var unacknowledgedLocalSettings: [HTTP2Settings] = []
    /// Our settings the peer has acknowledged (what it must obey now).
    public internal(set) var localSettings = HTTP2Settings()
    /// The peer's settings as last received.
    public internal(set) var remoteSettings = HTTP2Settings()

    var frameDecoder: FrameDecoder
    var fieldDecoder: HPACKDecoder
    var fieldEncoder = HPACKEncoder()
    var pendingFieldBlock: PendingFieldBlock?
    var receivedPeerSettings = false
    /// Whether ``receive(_:)`` has been given any octets (an upgrade must come first).
    var hasReceivedBytes = false

    var streams: [HTTP2StreamID: StreamRecord] = [:]
    /// How many of `streams` the peer opened (or promised), for SETTINGS_MAX_CONCURRENT_STREAMS.
    var peerStreamCount = 0
    /// Streams that may have DATA, END_STREAM or trailers waiting for window (a closed
    /// one may linger until the next flush skips it).
    var streamsWithPendingOutput: [HTTP2StreamID] = []
    var recentlyClosed: [HTTP2StreamID: StreamClosure] = [:]
    /// The remembered closed streams, a ring of at most `closedStreamsRemembered`:
    /// `recentlyClosedNext` is the oldest once the ring is full.
    var recentlyClosedOrder: [HTTP2StreamID] = []
    var recentlyClosedNext = 0
    /// The highest stream the peer opened (or promised); lower idle ones are closed.
    var lastPeerStreamID = HTTP2StreamID.connection
    /// The highest stream we opened (or promised).
    var lastLocalStreamID = HTTP2StreamID.connection

    /// The initial window new streams get for what the peer sends: the largest value the
    /// peer may be using, i.e. a raise applies when we send it, a cut when it is acknowledged.
    var inboundInitialWindowBytes = Int(HTTP2Settings.defaultWindowBytes)
    var connectionInboundWindow = Int(HTTP2Settings.defaultWindowBytes)
    var connectionInboundUnannounced = 0
    var connectionOutboundWindow = Int(HTTP2Settings.defaultWindowBytes)

    /// The last-stream-id of the GOAWAY we sent, if any.
    public internal(set) var goAwaySent: HTTP2StreamID?
    /// The last-stream-id of the GOAWAY the peer sent, if any.
    public internal(set) var goAwayReceived: HTTP2StreamID?
    /// Set after a connection error (sent or received as GOAWAY with an error): nothing
    /// more is read.
    public internal(set) var isClosed = false

    var outbound: [UInt8] = []
    var events: [HTTP2Event] = []

    /// A connection whose preface (client: the magic octets then SETTINGS; server:
    /// SETTINGS) is already in the outbound buffer.
    public init(role: Role, configuration: Configuration = Configuration()) {
        self.role = role
        self.configuration = configuration
        let settings = configuration.settings
        frameDecoder = FrameDecoder(maxFrameSize: Int(settings.maxFrameSize), expectsPreface: role == .server)
        fieldDecoder = HPACKDecoder(
            maxTableSizeLimit: HPACKDecoder.defaultTableSize,
            maxHeaderListSize: settings.maxHeaderListSize.map(Int.init) ?? configuration.maxFieldBlockBytes * 4)
        if role == .client { outbound.append(contentsOf: FrameDecoder.clientPreface) }
        unacknowledgedLocalSettings.append(settings)
        inboundInitialWindowBytes = max(inboundInitialWindowBytes, Int(settings.initialWindowSize))
        write(.init(streamID: .connection, payload: .settings(ack: false, settings.nonDefaultParameters)))
        let extraWindow = configuration.connectionWindowBytes - connectionInboundWindow
        if extraWindow > 0 {
            connectionInboundWindow += extraWindow
            write(.init(streamID: .connection, payload: .windowUpdate(increment: UInt32(extraWindow))))
        }
    }

    /// Feeds octets received from the peer; returns what they meant, in order. Frames
    /// the peer sends in reply (SETTINGS ACK, PING ACK, RST_STREAM, GOAWAY, WINDOW_UPDATE)
    /// and any DATA the peer's window updates released are now in the outbound buffer.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> [HTTP2Event] {
        guard !isClosed else { return [] }
        if !bytes.isEmpty { hasReceivedBytes = true }
        frameDecoder.append(bytes)
        while !isClosed {
            do {
                guard let frame = try frameDecoder.next() else { break }
                try process(frame)
            } catch {
                fail(error)
            }
        }
        flushPendingData()
        defer { events.removeAll() }
        return events
    }

    /// Removes and returns the octets to send to the peer.
    public mutating func takeOutbound() -> [UInt8] {
        defer { outbound.removeAll(keepingCapacity: true) }
        return outbound
    }

    /// Whether octets are waiting in the outbound buffer.
    public var hasOutbound: Bool { !outbound.isEmpty }

    /// The state of `streamID` as RFC 9113 §5.1 names it.
    public func state(of streamID: HTTP2StreamID) -> HTTP2StreamState {
        if let record = streams[streamID] { return record.state }
        if streamID.isConnection { return .closed }
        let ours = streamID.isClientInitiated == (role == .client)
        return streamID > (ours ? lastLocalStreamID : lastPeerStreamID) ? .idle : .closed
    }

    /// Streams neither idle nor closed.
    public var activeStreamCount: Int { streams.count }

    /// After a GOAWAY either way, whether every stream has finished: the caller may close
    /// the transport once the outbound buffer is written.
    public var isDrained: Bool { isClosed || ((goAwaySent != nil || goAwayReceived != nil) && streams.isEmpty) }

    /// Octets of DATA queued on `streamID` waiting for flow-control window.
    public func bufferedOutboundBytes(on streamID: HTTP2StreamID) -> Int { streams[streamID]?.pendingDataBytes ?? 0 }

    /// The priority our DATA on `streamID` is sent with (RFC 9218): on a server, the
    /// request's `priority` field until the application sets another.
    public func priority(of streamID: HTTP2StreamID) -> HTTP2Priority? { streams[streamID]?.priority }

    /// Sets the priority our DATA on `streamID` is scheduled with (a server may weigh the
    /// client's signal against its own knowledge, RFC 9218 §10); no effect on a stream
    /// that is not open.
    public mutating func setPriority(_ priority: HTTP2Priority, on streamID: HTTP2StreamID) {
        streams[streamID]?.priority = priority
    }

    /// Our remaining send window on `streamID` (stream 0: the connection).
    public func outboundWindow(of streamID: HTTP2StreamID) -> Int {
        streamID.isConnection ? connectionOutboundWindow : (streams[streamID]?.outboundWindow ?? 0)
    }

    /// The peer's remaining send window on `streamID` (stream 0: the connection).
    public func inboundWindow(of streamID: HTTP2StreamID) -> Int {
        streamID.isConnection ? connectionInboundWindow : (streams[streamID]?.inboundWindow ?? 0)
    }

    // MARK: - Internals shared by the extensions

    mutating func write(_ frame: HTTP2Frame) {
        FrameEncoder.append(frame, to: &outbound)
    }

    /// Answers a protocol violation as RFC 9113 §5.4 says.
    mutating func fail(_ error: HTTP2ProtocolError) {
        switch error {
        case let .connection(code, reason):
            write(.init(streamID: .connection, payload: .goAway(lastStreamID: lastPeerStreamID, code, debugData: Array(reason.utf8))))
            goAwaySent = lastPeerStreamID
            isClosed = true
            events.append(.connectionError(code, reason: reason))
        case let .stream(streamID, code, _):
            write(.init(streamID: streamID, payload: .rstStream(code)))
            if streams[streamID] != nil || state(of: streamID) != .idle {
                events.append(.streamReset(streamID, code, byPeer: false))
            }
            close(streamID, .resetLocally)
        }
    }

    /// Moves `streamID` to closed, remembering why for a bounded number of streams.
    mutating func close(_ streamID: HTTP2StreamID, _ closure: StreamClosure) {
        if streams.removeValue(forKey: streamID) != nil && isPeerInitiated(streamID) { peerStreamCount -= 1 }
        guard recentlyClosed.updateValue(closure, forKey: streamID) == nil else { return }
        let capacity = configuration.closedStreamsRemembered
        if recentlyClosedOrder.count < capacity {
            recentlyClosedOrder.append(streamID)
        } else if capacity > 0 {
            recentlyClosed[recentlyClosedOrder[recentlyClosedNext]] = nil
            recentlyClosedOrder[recentlyClosedNext] = streamID
            recentlyClosedNext = (recentlyClosedNext + 1) % capacity
        } else {
            recentlyClosed[streamID] = nil
        }
    }

    /// Opens `streamID` in `state` with the windows the current settings give it.
    mutating func openStream(_ streamID: HTTP2StreamID, _ state: HTTP2StreamState) {
        streams[streamID] = StreamRecord(
            state: state, inboundWindow: inboundInitialWindowBytes, outboundWindow: Int(remoteSettings.initialWindowSize))
        if isPeerInitiated(streamID) { peerStreamCount += 1 }
    }

    /// Applies a state change to an open stream, closing it when it reaches closed.
    mutating func transition(_ streamID: HTTP2StreamID, to state: HTTP2StreamState) {
        if state == .closed {
            close(streamID, .ended)
            events.append(.streamClosed(streamID))
        } else {
            streams[streamID]?.state = state
        }
    }

    func isPeerInitiated(_ streamID: HTTP2StreamID) -> Bool {
        streamID.isClientInitiated == (role == .server)
    }
}
