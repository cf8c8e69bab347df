/// A read the store answers from one group's state (`StateMachine.lookup`), encoded
/// `[version u8][opcode u8][fields]` like ``KVCommand``.
public enum KVQuery: Sendable, Hashable {
    /// A plain read: ``KVGetAnswer``.
    case get(key: [UInt8])
    /// The whole entry, metadata included: an optional ``KVEntry``.
    case entry(key: [UInt8])
    /// Keys starting with `prefix` that have a value and are not disabled, in ascending
    /// byte order, at most `limit`: ``KVListAnswer``.
    case list(prefix: [UInt8], limit: UInt32)
    /// SHA3-256 of the group's snapshot bytes (`kvstore.info`).
    case hash
    /// Counts: ``KVStats``.
    case stats
    /// Every key with a MANY owner and a value, with its entry, in ascending key order
    /// (`kvstore.list` filters and orders them): ``KVOwnedAnswer``.
    case owned

    private enum Opcode: UInt8 { case get = 1, entry, list, hash, stats, owned }

    public func encoded() -> [UInt8] {
        var writer = KVByteWriter()
        writer.u8(KVCommand.version)
        switch self {
        case let .get(key):
            writer.u8(Opcode.get.rawValue)
            writer.data(key)
        case let .entry(key):
            writer.u8(Opcode.entry.rawValue)
            writer.data(key)
        case let .list(prefix, limit):
            writer.u8(Opcode.list.rawValue)
            writer.data(prefix)
            writer.u32(limit)
        case .hash: writer.u8(Opcode.hash.rawValue)
        case .stats: writer.u8(Opcode.stats.rawValue)
        case .owned: writer.u8(Opcode.owned.rawValue)
        }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        let version = try reader.u8()
        guard version == KVCommand.version else { throw KVCodingError(offset: 0, reason: "unknown query version \(version)") }
        let opcodeByte = try reader.u8()
        guard let opcode = Opcode(rawValue: opcodeByte) else { throw KVCodingError(offset: 1, reason: "unknown query \(opcodeByte)") }
        switch opcode {
        case .get: self = .get(key: try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax))
        case .entry: self = .entry(key: try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax))
        case .list: self = .list(prefix: try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax), limit: try reader.u32())
        case .hash: self = .hash
        case .stats: self = .stats
        case .owned: self = .owned
        }
        try reader.expectEnd()
    }
}

/// The answer to ``KVQuery/get(key:)``.
public enum KVGetAnswer: Sendable, Hashable {
    case missing
    case value([UInt8])
    case disabled

    func encoded() -> [UInt8] {
        var writer = KVByteWriter()
        switch self {
        case .missing: writer.u8(0)
        case let .value(value):
            writer.u8(1)
            writer.data(value)
        case .disabled: writer.u8(2)
        }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        switch try reader.u8() {
        case 0: self = .missing
        case 1: self = .value(try reader.data(sizeBytesMax: KVCodingLimits.valueBytesMax))
        case 2: self = .disabled
        default: throw KVCodingError(offset: 0, reason: "unknown get answer")
        }
        try reader.expectEnd()
    }
}

/// The answer to ``KVQuery/list(prefix:limit:)``: key-value pairs in ascending key order,
/// and whether more keys matched than the limit let through.
public struct KVListAnswer: Sendable, Hashable {
    public var keys: [[UInt8]]
    public var values: [[UInt8]]
    public var truncated: Bool

    public init(keys: [[UInt8]], values: [[UInt8]], truncated: Bool) {
        self.keys = keys
        self.values = values
        self.truncated = truncated
    }

    func encoded() -> [UInt8] {
        var writer = KVByteWriter()
        writer.u8(truncated ? 1 : 0)
        writer.u32(UInt32(keys.count))
        for (key, value) in zip(keys, values) {
            writer.data(key)
            writer.data(value)
        }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        truncated = try reader.bool()
        let count = try reader.count(max: KVCodingLimits.itemsMax, itemBytesMin: 8)
        keys = []
        values = []
        for _ in 0..<count {
            keys.append(try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax))
            values.append(try reader.data(sizeBytesMax: KVCodingLimits.valueBytesMax))
        }
        try reader.expectEnd()
    }
}

/// The answer to ``KVQuery/stats``.
public struct KVStats: Sendable, Hashable {
    /// Keys with a value.
    public var keyCount: UInt64
    /// The log index of the last command applied.
    public var appliedIndex: UInt64

    public init(keyCount: UInt64, appliedIndex: UInt64) {
        self.keyCount = keyCount
        self.appliedIndex = appliedIndex
    }

    func encoded() -> [UInt8] {
        var writer = KVByteWriter()
        writer.u64(keyCount)
        writer.u64(appliedIndex)
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        keyCount = try reader.u64()
        appliedIndex = try reader.u64()
        try reader.expectEnd()
    }
}

/// The answer to ``KVQuery/owned``: keys and their entries, ascending.
public struct KVOwnedAnswer: Sendable, Hashable {
    public var keys: [[UInt8]]
    public var entries: [KVEntry]

    public init(keys: [[UInt8]], entries: [KVEntry]) {
        self.keys = keys
        self.entries = entries
    }

    func encoded() -> [UInt8] {
        var writer = KVByteWriter()
        writer.u32(UInt32(keys.count))
        for (key, entry) in zip(keys, entries) {
            writer.data(key)
            writer.entry(entry)
        }
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        let count = try reader.count(max: KVCodingLimits.itemsMax, itemBytesMin: 9)
        keys = []
        entries = []
        for _ in 0..<count {
            keys.append(try reader.data(sizeBytesMax: KVCodingLimits.keyBytesMax))
            entries.append(try reader.entry())
        }
        try reader.expectEnd()
    }
}
