/// The sizes the store's APIs accept; larger requests are refused before they reach the
/// log (HTTP 413). The defaults are many-rs's kvstore limits (`put.rs`: keys 254 bytes,
/// values 512 000 bytes).
public struct KVLimits: Sendable, Hashable {
    public var keySizeBytesMax: Int
    public var valueSizeBytesMax: Int
    /// The most keys one prefix listing returns.
    public var listCountMax: Int

    public init(keySizeBytesMax: Int = 254, valueSizeBytesMax: Int = 512_000, listCountMax: Int = 10_000) {
        self.keySizeBytesMax = keySizeBytesMax
        self.valueSizeBytesMax = valueSizeBytesMax
        self.listCountMax = listCountMax
    }
}
