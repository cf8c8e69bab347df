import Raft

/// What the transport tells its host, on an event-loop thread, as it happens.
public enum RaftTransportEvent: Sendable {
    /// A batch arrived: step each message into its group.
    case received(RaftMessageBatch)
    /// A streamed snapshot was reassembled from its chunks.
    case receivedSnapshot(sourceHost: UInt64, GroupMessage)
    /// A connection to `address` could not be made or was lost, and queued messages
    /// were dropped: the host calls `reportUnreachable` for the nodes it routes there.
    case unreachable(PeerAddress)
    /// A snapshot message was written to the socket in full (`delivered`), or dropped:
    /// the host calls `reportSnapshot` with the outcome.
    case snapshotStatus(group: GroupID, to: NodeID, address: PeerAddress, delivered: Bool)
    /// An inbound connection sent bytes that do not decode; it was closed.
    case inboundError(remote: String, RaftTransportError)
}
