/// Appends Protocol Buffers binary encoding to a byte buffer: tags, varints, fixed-width
/// values and length-delimited fields.
public struct WireWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// A writer whose buffer holds `capacity` bytes before it first grows.
    public init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// What whole-message encoders reserve: most messages fit, so the buffer is allocated once.
    public static var initialCapacity: Int { 128 }

    public mutating func writeRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// A string's UTF-8 bytes, copied straight from its storage.
    public mutating func writeUTF8(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A length prefix and then what `body` writes, in this buffer rather than one of its own:
    /// one byte is set aside for the length (the common case) and the payload moved along
    /// when its length needs more. Saves a buffer per nested message, packed run or map entry.
    public mutating func writeLengthDelimited(_ body: (inout WireWriter) -> Void) {
        let lengthAt = bytes.count
        bytes.append(0)
        body(&self)
        let length = bytes.count - lengthAt - 1
        guard length >= 0x80 else {
            bytes[lengthAt] = UInt8(truncatingIfNeeded: length)
            return
        }
        var extraBytes = 0
        var rest = length >> 7
        while rest > 0 {
            extraBytes += 1
            rest >>= 7
        }
        bytes.insert(contentsOf: repeatElement(0, count: extraBytes), at: lengthAt + 1)
        var value = length
        var index = lengthAt
        while value >= 0x80 {
            bytes[index] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
            index += 1
        }
        bytes[index] = UInt8(truncatingIfNeeded: value)
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
        writeTag(number, .lengthDelimited)
        writeVarint(UInt64(value.utf8.count))
        writeUTF8(value)
    }

    /// A length-delimited field holding what `body` writes.
    public mutating func writeMessageField(_ number: Int, _ body: (inout WireWriter) -> Void) {
        writeTag(number, .lengthDelimited)
        writeLengthDelimited(body)
    }
}
