/// Bounds the decoder checks before it allocates; every length and count read from the
/// wire is compared with these first (and with the bytes actually present).
public struct RaftCodecLimits: Sendable, Equatable {
    /// The largest frame payload accepted (and produced): a batch, or one snapshot chunk.
    public var frameBytesMax: Int
    /// The most messages one batch frame may carry.
    public var messagesPerBatchMax: Int
    /// The most entries one append or proposal may carry.
    public var entriesPerMessageMax: Int
    /// The longest source address (UTF-8 bytes) a batch may name.
    public var addressBytesMax: Int
    /// The largest snapshot a receiver reassembles from chunks.
    public var snapshotBytesMax: Int

    public init(
        frameBytesMax: Int = 8 << 20,
        messagesPerBatchMax: Int = 1 << 16,
        entriesPerMessageMax: Int = 1 << 16,
        addressBytesMax: Int = 256,
        snapshotBytesMax: Int = 1 << 30
    ) {
        self.frameBytesMax = frameBytesMax
        self.messagesPerBatchMax = messagesPerBatchMax
        self.entriesPerMessageMax = entriesPerMessageMax
        self.addressBytesMax = addressBytesMax
        self.snapshotBytesMax = snapshotBytesMax
    }
}
