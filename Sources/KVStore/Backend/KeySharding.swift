/// Maps a key to one of `groupCount` groups by a stable hash (64-bit FNV-1a), so every
/// node and every restart agrees on where a key lives.
public struct KeySharding: Sendable, Hashable {
    public let groupCount: Int

    /// `groupCount` is at least 1.
    public init(groupCount: Int = 1) {
        self.groupCount = max(1, groupCount)
    }

    /// The group that owns `key`.
    public func group(for key: [UInt8]) -> Int {
        guard groupCount > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(groupCount))
    }
}
