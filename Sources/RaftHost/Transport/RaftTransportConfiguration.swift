import Logging

/// How a ``RaftTransport`` listens, batches, reconnects and bounds its memory.
public struct RaftTransportConfiguration: Sendable {
    /// This host's id, sent in every batch.
    public var hostID: UInt64
    /// The address to listen on; port 0 picks an ephemeral port.
    public var listenAddress: PeerAddress
    /// Wire limits, applied to what is sent and what is received.
    public var limits: RaftCodecLimits
    /// Messages queued per destination before new ones are dropped (and counted).
    public var queueLengthMax: Int
    /// A batch frame is cut once its payload reaches this size.
    public var batchBytesTarget: Int
    /// Snapshot data bytes per chunk frame.
    public var snapshotChunkBytes: Int
    /// The first and the longest wait after a failed dial before dialing again;
    /// messages sent to the peer meanwhile are dropped.
    public var reconnectBackoffMin: Duration
    public var reconnectBackoffMax: Duration
    public var connectTimeout: Duration
    /// Accepted connections open at once; more are closed on arrival.
    public var inboundConnectionsMax: Int
    /// Mutual TLS on every connection when set.
    public var tls: RaftTLSConfiguration?
    public var logger: Logger

    public init(
        hostID: UInt64,
        listenAddress: PeerAddress = PeerAddress(host: "127.0.0.1", port: 0),
        limits: RaftCodecLimits = RaftCodecLimits(),
        queueLengthMax: Int = 8192,
        batchBytesTarget: Int = 256 << 10,
        snapshotChunkBytes: Int = 1 << 20,
        reconnectBackoffMin: Duration = .milliseconds(50),
        reconnectBackoffMax: Duration = .seconds(2),
        connectTimeout: Duration = .seconds(2),
        inboundConnectionsMax: Int = 1024,
        tls: RaftTLSConfiguration? = nil,
        logger: Logger = Logger(label: "raft.transport")
    ) {
        self.hostID = hostID
        self.listenAddress = listenAddress
        self.limits = limits
        self.queueLengthMax = queueLengthMax
        self.batchBytesTarget = batchBytesTarget
        self.snapshotChunkBytes = snapshotChunkBytes
        self.reconnectBackoffMin = reconnectBackoffMin
        self.reconnectBackoffMax = reconnectBackoffMax
        self.connectTimeout = connectTimeout
        self.inboundConnectionsMax = inboundConnectionsMax
        self.tls = tls
        self.logger = logger
    }
}
