/// How values of one field type are read and written, for generated code: the type's
/// wire type, its payload encoding, its zero, and upb's deterministic map-key order.
public protocol ProtoFieldCodec {
    associatedtype Value: Hashable & Sendable
    static var wireType: WireType { get }
    /// Whether repeated fields of the type may be packed (numbers, bools, enums).
    static var isPackable: Bool { get }
    /// The value an unset field or a map entry's missing key or value reads as.
    static var zero: Value { get }
    static func read(_ reader: inout WireReader) throws(WireError) -> Value
    static func write(_ value: Value, to writer: inout WireWriter)
    /// Map keys for deterministic output, as Python `protobuf` (upb) orders them: integers
    /// by descending unsigned value, `true` first, strings by bytes (a longer string before its prefix).
    static func keyPrecedes(_ lhs: Value, _ rhs: Value) -> Bool
}

extension ProtoFieldCodec {
    @inlinable
    public static var isPackable: Bool { wireType != .lengthDelimited }
    @inlinable
    public static func keyPrecedes(_ lhs: Value, _ rhs: Value) -> Bool { false }
}

extension ProtoFieldCodec where Value: FixedWidthInteger {
    @inlinable
    public static var zero: Value { 0 }
    @inlinable
    public static func keyPrecedes(_ lhs: Value, _ rhs: Value) -> Bool {
        UInt64(truncatingIfNeeded: lhs) & mask > UInt64(truncatingIfNeeded: rhs) & mask
    }
    @usableFromInline static var mask: UInt64 { Value.bitWidth == 64 ? .max : UInt64(UInt32.max) }
}

/// `int32`: a varint, negative values sign-extended to ten bytes.
public enum ProtoInt32: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int32 { Int32(truncatingIfNeeded: try reader.readVarint()) }
    @inlinable
    public static func write(_ value: Int32, to writer: inout WireWriter) { writer.writeVarint(UInt64(bitPattern: Int64(value))) }
}

/// `int64`: a varint.
public enum ProtoInt64: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int64 { Int64(bitPattern: try reader.readVarint()) }
    @inlinable
    public static func write(_ value: Int64, to writer: inout WireWriter) { writer.writeVarint(UInt64(bitPattern: value)) }
}

/// `uint32`: a varint.
public enum ProtoUInt32: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> UInt32 { UInt32(truncatingIfNeeded: try reader.readVarint()) }
    @inlinable
    public static func write(_ value: UInt32, to writer: inout WireWriter) { writer.writeVarint(UInt64(value)) }
}

/// `uint64`: a varint.
public enum ProtoUInt64: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> UInt64 { try reader.readVarint() }
    @inlinable
    public static func write(_ value: UInt64, to writer: inout WireWriter) { writer.writeVarint(value) }
}

/// `sint32`: a zigzag varint.
public enum ProtoSInt32: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try reader.readVarint())
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
    @inlinable
    public static func write(_ value: Int32, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }
}

/// `sint64`: a zigzag varint.
public enum ProtoSInt64: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int64 {
        let raw = try reader.readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
    @inlinable
    public static func write(_ value: Int64, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
}

/// `fixed32`: four little-endian bytes.
public enum ProtoFixed32: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed32 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> UInt32 { try reader.readFixed32() }
    @inlinable
    public static func write(_ value: UInt32, to writer: inout WireWriter) { writer.writeFixed32(value) }
}

/// `fixed64`: eight little-endian bytes.
public enum ProtoFixed64: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed64 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> UInt64 { try reader.readFixed64() }
    @inlinable
    public static func write(_ value: UInt64, to writer: inout WireWriter) { writer.writeFixed64(value) }
}

/// `sfixed32`: four little-endian bytes, two's complement.
public enum ProtoSFixed32: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed32 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int32 { Int32(bitPattern: try reader.readFixed32()) }
    @inlinable
    public static func write(_ value: Int32, to writer: inout WireWriter) { writer.writeFixed32(UInt32(bitPattern: value)) }
}

/// `sfixed64`: eight little-endian bytes, two's complement.
public enum ProtoSFixed64: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed64 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Int64 { Int64(bitPattern: try reader.readFixed64()) }
    @inlinable
    public static func write(_ value: Int64, to writer: inout WireWriter) { writer.writeFixed64(UInt64(bitPattern: value)) }
}

/// `float`: IEEE 754 single precision, four bytes.
public enum ProtoFloat: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed32 }
    @inlinable
    public static var zero: Float { 0 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Float { Float(bitPattern: try reader.readFixed32()) }
    @inlinable
    public static func write(_ value: Float, to writer: inout WireWriter) { writer.writeFixed32(value.bitPattern) }
}

/// `double`: IEEE 754 double precision, eight bytes.
public enum ProtoDouble: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .fixed64 }
    @inlinable
    public static var zero: Double { 0 }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Double { Double(bitPattern: try reader.readFixed64()) }
    @inlinable
    public static func write(_ value: Double, to writer: inout WireWriter) { writer.writeFixed64(value.bitPattern) }
}

/// `bool`: a varint, any non-zero value reading as true.
public enum ProtoBool: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static var zero: Bool { false }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> Bool { try reader.readVarint() != 0 }
    @inlinable
    public static func write(_ value: Bool, to writer: inout WireWriter) { writer.writeVarint(value ? 1 : 0) }
    @inlinable
    public static func keyPrecedes(_ lhs: Bool, _ rhs: Bool) -> Bool { lhs && !rhs }
}

/// `string`: length-delimited UTF-8, checked when read.
public enum ProtoString: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .lengthDelimited }
    @inlinable
    public static var zero: String { "" }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> String { try reader.readString() }
    @inlinable
    public static func write(_ value: String, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(value.utf8.count))
        writer.writeUTF8(value)
    }
    @inlinable
    public static func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        for (x, y) in zip(lhs.utf8, rhs.utf8) where x != y { return x < y }
        return lhs.utf8.count > rhs.utf8.count
    }
}

/// `bytes`: length-delimited.
public enum ProtoBytes: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .lengthDelimited }
    @inlinable
    public static var zero: [UInt8] { [] }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> [UInt8] { try reader.readBytes() }
    @inlinable
    public static func write(_ value: [UInt8], to writer: inout WireWriter) {
        writer.writeVarint(UInt64(value.count))
        writer.writeRaw(value)
    }
}

/// An enum field: its number as an `int32` varint.
public enum ProtoEnum<E: GeneratedEnum>: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .varint }
    @inlinable
    public static var zero: E { E(rawValue: 0) }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> E { E(rawValue: Int32(truncatingIfNeeded: try reader.readVarint())) }
    @inlinable
    public static func write(_ value: E, to writer: inout WireWriter) { writer.writeVarint(UInt64(bitPattern: Int64(value.rawValue))) }
}

/// A message field: length-delimited.
public enum ProtoMessage<M: GeneratedMessage>: ProtoFieldCodec {
    @inlinable
    public static var wireType: WireType { .lengthDelimited }
    @inlinable
    public static var zero: M { M() }
    @inlinable
    public static func read(_ reader: inout WireReader) throws(WireError) -> M { try reader.readMessage(merging: nil) }
    @inlinable
    public static func write(_ value: M, to writer: inout WireWriter) {
        writer.writeLengthDelimited { value.encode(to: &$0) }
    }
}
