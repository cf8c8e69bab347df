/// A type the CBOR encoder writes itself, without going through `encode(to:)`:
/// scalars (no per-value encoder object), and the types whose CBOR form is not
/// what their Codable conformance says (`[UInt8]`, dictionaries, `Float16`, tags).
protocol CBORNativeEncodable {
    func encodeCBOR(to sink: CBOREncodingSink) throws
}

/// A type the CBOR decoder reads itself, without going through `init(from:)`.
protocol CBORNativeDecodable {
    /// Reads one item at `source.reader` and leaves the reader after it.
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Self
}

extension Bool: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.node.writer.writeBool(self) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Bool {
        try source.read(Bool.self) { reader throws(CBORError) in try reader.readBool() }
    }
}

extension String: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.node.writer.writeText(self) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> String {
        try source.read(String.self) { reader throws(CBORError) in try reader.readText() }
    }
}

/// The integers of 64 bits or less: major type 0 or 1, and usable as map keys.
protocol CBORNativeInteger: FixedWidthInteger, CBORMapKey {}

extension CBORNativeInteger {
    func encodeCBOR(to sink: CBOREncodingSink) {
        if Self.isSigned {
            sink.node.writer.writeInt(Int64(truncatingIfNeeded: self))
        } else {
            sink.node.writer.writeUnsigned(UInt64(truncatingIfNeeded: self))
        }
    }

    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Self {
        try source.read(Self.self) { reader throws(CBORError) in try reader.readInteger(Self.self) }
    }

    var codingKey: any CodingKey { CBORAnyKey(stringValue: String(self), intValue: Int(exactly: self)) }
}

extension Int: CBORNativeInteger {}
extension Int8: CBORNativeInteger {}
extension Int16: CBORNativeInteger {}
extension Int32: CBORNativeInteger {}
extension Int64: CBORNativeInteger {}
extension UInt: CBORNativeInteger {}
extension UInt8: CBORNativeInteger {}
extension UInt16: CBORNativeInteger {}
extension UInt32: CBORNativeInteger {}
extension UInt64: CBORNativeInteger {}

extension Double: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.writeFloat(self, width: 8) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Double { try source.readFloat(Double.self) }
}

extension Float: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.writeFloat(Double(self), width: 4) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Float { try source.readFloat(Float.self) }
}

/// Swift's own Codable writes a `Float16` as a `Float`; CBOR has half precision.
extension Float16: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.writeFloat(Double(self), width: 2) }
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> Float16 { try source.readFloat(Float16.self) }
}

/// `[UInt8]` is a byte string (major type 2), not an array of integers. Reading
/// accepts either form, so data written by plain Codable encoders still decodes.
extension Array: CBORNativeEncodable where Element == UInt8 {
    func encodeCBOR(to sink: CBOREncodingSink) { sink.node.writer.writeBytes(self) }
}

extension Array: CBORNativeDecodable where Element == UInt8 {
    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> [UInt8] { try source.readByteString() }
}

extension CBOREncodingSink {
    /// Writes a float at its own `width` in bytes, or in the shortest exact width
    /// when encoding deterministically.
    func writeFloat(_ value: Double, width: Int) {
        if state.deterministic {
            node.writer.writePreferredFloat(value)
            return
        }
        switch width {
        case 2: node.writer.writeHalf(Float16(value))
        case 4: node.writer.writeFloat(Float(value))
        default: node.writer.writeDouble(value)
        }
    }
}
