import ManyIdentity

/// Little-endian fields appended to a buffer: the command, query and snapshot formats.
struct KVByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A writer that appends to `output`'s bytes, which it takes over (no copy) until
    /// ``finish(into:)`` hands them back.
    init(continuing output: inout [UInt8], capacity: Int) {
        swap(&bytes, &output)
        bytes.reserveCapacity(bytes.count + capacity)
    }

    mutating func finish(into output: inout [UInt8]) { swap(&bytes, &output) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A length-prefixed byte string.
    mutating func data(_ value: [UInt8]) {
        u32(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }

    /// A presence byte, then the bytes when present.
    mutating func optionalData(_ value: [UInt8]?) {
        u8(value == nil ? 0 : 1)
        if let value { data(value) }
    }

    mutating func string(_ value: String) { data(Array(value.utf8)) }

    /// An address: its length (1…32) and canonical bytes.
    mutating func address(_ value: Address) {
        u8(UInt8(value.bytes.count))
        bytes.append(contentsOf: value.bytes)
    }

    mutating func optionalAddress(_ value: Address?) {
        u8(value == nil ? 0 : 1)
        if let value { address(value) }
    }
}
