/// A streaming CBOR writer: appends data items to a byte buffer one call at a
/// time, always with the shortest argument (RFC 8949 preferred serialization).
///
/// Containers are written as a header followed by their elements; nothing is
/// buffered, so a writer can produce an envelope without building a ``CBOR`` tree.
public struct CBORWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an initial byte for `major` with `argument` in its shortest form.
    public mutating func writeHeader(_ major: CBORMajorType, _ argument: UInt64) {
        let high = major.rawValue << 5
        switch argument {
        case 0..<24:
            bytes.append(high | UInt8(argument))
        case 24...0xff:
            bytes.append(high | 24)
            bytes.append(UInt8(argument))
        case 0x100...0xffff:
            bytes.append(high | 25)
            appendBigEndian(UInt16(argument))
        case 0x1_0000...0xffff_ffff:
            bytes.append(high | 26)
            appendBigEndian(UInt32(argument))
        default:
            bytes.append(high | 27)
            appendBigEndian(argument)
        }
    }

    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes an unsigned integer.
    public mutating func writeUnsigned(_ value: UInt64) { writeHeader(.unsigned, value) }

    /// Writes a signed integer as major type 0 or 1.
    public mutating func writeInt(_ value: Int64) {
        if value >= 0 { writeHeader(.unsigned, UInt64(value)) } else { writeHeader(.negative, UInt64(-1 - value)) }
    }

    /// Writes a definite-length byte string.
    public mutating func writeBytes(_ value: some Collection<UInt8>) {
        writeHeader(.bytes, UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a definite-length text string.
    public mutating func writeText(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeHeader(.text, UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes the header of a definite-length array; `count` elements must follow.
    public mutating func writeArrayHeader(count: Int) { writeHeader(.array, UInt64(count)) }

    /// Writes the header of a definite-length map; `count` key/value pairs must follow.
    public mutating func writeMapHeader(count: Int) { writeHeader(.map, UInt64(count)) }

    /// Writes a tag number; exactly one item must follow.
    public mutating func writeTag(_ tag: UInt64) { writeHeader(.tag, tag) }

    /// Starts an indefinite-length item of `major` (bytes, text, array or map); end it with ``writeBreak()``.
    public mutating func beginIndefinite(_ major: CBORMajorType) {
        precondition([.bytes, .text, .array, .map].contains(major), "no indefinite length for \(major)")
        bytes.append(major.rawValue << 5 | 31)
    }

    /// Ends an indefinite-length item.
    public mutating func writeBreak() { bytes.append(0xff) }

    /// Writes `false` or `true`.
    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 0xf5 : 0xf4) }

    /// Writes `null`.
    public mutating func writeNull() { bytes.append(0xf6) }

    /// Writes `undefined`.
    public mutating func writeUndefined() { bytes.append(0xf7) }

    /// Writes a simple value other than 20...23 and 24...31 (which are not simple values).
    public mutating func writeSimple(_ value: UInt8) {
        precondition(!(20...31).contains(value), "simple value \(value) has its own encoding or is reserved")
        writeHeader(.simpleOrFloat, UInt64(value))
    }

    /// Writes a half-precision float.
    public mutating func writeHalf(_ value: Float16) {
        bytes.append(0xf9)
        appendBigEndian(value.bitPattern)
    }

    /// Writes a single-precision float.
    public mutating func writeFloat(_ value: Float) {
        bytes.append(0xfa)
        appendBigEndian(value.bitPattern)
    }

    /// Writes a double-precision float.
    public mutating func writeDouble(_ value: Double) {
        bytes.append(0xfb)
        appendBigEndian(value.bitPattern)
    }

    /// Writes `value` as the shortest float that holds it exactly.
    public mutating func writePreferredFloat(_ value: Double) {
        switch CBOR.preferredFloatWidth(value) {
        case 2: writeHalf(value.isNaN ? .nan : Float16(value))
        case 4: writeFloat(Float(value))
        default: writeDouble(value)
        }
    }

    /// Appends bytes that already hold one or more encoded items.
    public mutating func writeEncoded(_ encoded: some Collection<UInt8>) {
        bytes.append(contentsOf: encoded)
    }
}
