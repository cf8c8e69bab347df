import Raft

/// A Raft message with the group it belongs to: one host carries many groups.
public struct GroupMessage: Sendable, Equatable {
    public var group: GroupID
    public var message: Message

    public init(group: GroupID, message: Message) {
        self.group = group
        self.message = message
    }
}

/// Messages from one host to another, sent as one frame.
public struct RaftMessageBatch: Sendable, Equatable {
    /// The sending host's id, and the address it listens on (so a receiver can answer).
    public var sourceHost: UInt64
    public var sourceAddress: String
    public var messages: [GroupMessage]

    public init(sourceHost: UInt64, sourceAddress: String, messages: [GroupMessage]) {
        self.sourceHost = sourceHost
        self.sourceAddress = sourceAddress
        self.messages = messages
    }
}

/// One piece of a snapshot message streamed in several frames. The envelope (`from`,
/// `to`, `term`, metadata and total size) repeats in every chunk, so that a receiver can
/// check each chunk continues the snapshot it is reassembling.
public struct SnapshotChunk: Sendable, Equatable {
    /// The sending host's id.
    public var sourceHost: UInt64
    public var group: GroupID
    public var from: NodeID
    public var to: NodeID
    public var term: Term
    public var metadata: SnapshotMetadata
    /// The size of the whole snapshot's data.
    public var totalBytes: UInt64
    /// Where `data` starts within the snapshot's data.
    public var offset: UInt64
    public var data: [UInt8]

    public init(
        sourceHost: UInt64, group: GroupID, from: NodeID, to: NodeID, term: Term, metadata: SnapshotMetadata,
        totalBytes: UInt64, offset: UInt64, data: [UInt8]
    ) {
        self.sourceHost = sourceHost
        self.group = group
        self.from = from
        self.to = to
        self.term = term
        self.metadata = metadata
        self.totalBytes = totalBytes
        self.offset = offset
        self.data = data
    }

    /// True for the chunk that ends the snapshot.
    public var isLast: Bool { offset + UInt64(data.count) == totalBytes }
}

/// What one frame holds.
public enum RaftFrame: Sendable, Equatable {
    case batch(RaftMessageBatch)
    case snapshotChunk(SnapshotChunk)
}
