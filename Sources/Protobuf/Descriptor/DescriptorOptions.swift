/// The options message of a file, message, field, oneof, enum, enum value, service,
/// method or extension range (`google.protobuf.FileOptions` and its siblings).
///
/// Options are kept as wire fields rather than typed properties: standard options
/// (known to descriptor.proto) come first in field-number order, then custom options
/// (extensions) in the order they were written, which is how protoc serializes them.
public struct DescriptorOptions: WireMessage {
    /// Every option field, known and custom, in wire order.
    public var fields: [WireField] = []

    public init() {}

    public init(fields: [WireField]) {
        self.fields = fields
    }

    public var unknownFields: [WireField] {
        get { fields }
        set { fields = newValue }
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeUnknown(fields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        false
    }

    /// The last value of a `bool` option such as `deprecated`, `packed` or `map_entry`, if set.
    public func bool(_ number: Int) -> Bool? {
        for field in fields.reversed() where field.number == number {
            if case let .varint(value) = field.value { return value != 0 }
        }
        return nil
    }
}
