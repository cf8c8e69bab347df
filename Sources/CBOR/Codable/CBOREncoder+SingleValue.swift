/// The single value of one item; see ``CBOREncoderImpl/singleValueSink()``.
struct CBORSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: CBOREncoderImpl
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { try encoder.singleValueSink().node.writer.writeNull() }
    mutating func encode(_ value: Bool) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: String) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Double) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Float) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int8) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int16) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int32) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int64) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: Int128) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt8) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt16) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt32) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt64) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }
    mutating func encode(_ value: UInt128) throws { value.encodeCBOR(to: try encoder.singleValueSink()) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.singleValueSink().encode(value)
    }
}
