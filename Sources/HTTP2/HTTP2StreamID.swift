/// A 31-bit stream identifier (RFC 9113 §5.1.1). Stream 0 is the connection itself;
/// clients open odd streams, servers even ones (pushes).
public struct HTTP2StreamID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The largest identifier: 2^31 − 1.
    public static let maxRawValue: UInt32 = 0x7fff_ffff
    /// The connection (stream 0).
    public static let connection = HTTP2StreamID(0)

    public var rawValue: UInt32

    /// An identifier from its wire value; the reserved high bit is dropped.
    public init(rawValue: UInt32) { self.rawValue = rawValue & Self.maxRawValue }
    public init(_ value: UInt32) { self.init(rawValue: value) }

    /// Whether a client opened (or would open) this stream.
    public var isClientInitiated: Bool { rawValue & 1 == 1 }
    public var isConnection: Bool { rawValue == 0 }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// What dictionaries of streams hash with: a multiply-xorshift of the id and the
    /// process's seed instead of a SipHash round, which cost ~10% of a small request.
    /// Ids come from the peer but a connection holds at most its concurrent streams plus
    /// the closed ones it remembers, so even colliding ids keep probe runs short.
    public func _rawHashValue(seed: Int) -> Int {
        let mixed = (UInt64(rawValue) ^ UInt64(UInt(bitPattern: seed))) &* 0x9e37_79b9_7f4a_7c15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    public static func < (lhs: HTTP2StreamID, rhs: HTTP2StreamID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}
