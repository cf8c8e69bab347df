/// Appends Protocol Buffers binary encoding to a byte buffer: tags, varints, fixed-width
/// values and length-delimited fields.
public struct WireWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func writeRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func writeTag(_ number: Int, _ type: WireType) {
        writeVarint(UInt64(number) << 3 | UInt64(type.rawValue))
    }

    public mutating func writeFixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    public mutating func writeFixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// A varint field; negative `int32`/`int64` values are sign-extended to ten bytes, as the format requires.
    public mutating func writeVarintField(_ number: Int, _ value: UInt64) {
        writeTag(number, .varint)
        writeVarint(value)
    }

    public mutating func writeInt32Field(_ number: Int, _ value: Int32) {
        writeVarintField(number, UInt64(bitPattern: Int64(value)))
    }

    public mutating func writeBoolField(_ number: Int, _ value: Bool) {
        writeVarintField(number, value ? 1 : 0)
    }

    public mutating func writeBytesField(_ number: Int, _ value: [UInt8]) {
        writeTag(number, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeStringField(_ number: Int, _ value: String) {
        writeBytesField(number, Array(value.utf8))
    }

    /// A length-delimited field holding what `body` writes.
    public mutating func writeMessageField(_ number: Int, _ body: (inout WireWriter) -> Void) {
        var inner = WireWriter()
        body(&inner)
        writeBytesField(number, inner.bytes)
    }
}
