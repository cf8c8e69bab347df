/// `google.protobuf.FieldDescriptorProto`: a field or an extension.
public struct FieldDescriptorProto: WireMessage {
    public var name: String?
    /// For extensions, the fully-qualified extended message, with a leading dot.
    public var extendee: String?
    public var number: Int32?
    public var label: Label?
    public var type: FieldType?
    /// For message, group and enum fields, the fully-qualified type, with a leading dot.
    public var typeName: String?
    /// The default as protoc prints it: C-escaped for bytes, the value name for enums.
    public var defaultValue: String?
    public var options: DescriptorOptions?
    /// Index into the containing message's ``DescriptorProto/oneofDecl``.
    public var oneofIndex: Int32?
    public var jsonName: String?
    /// Set on proto3 `optional` fields, which sit in a synthetic oneof.
    public var proto3Optional: Bool?
    public var unknownFields: [WireField] = []

    public init() {}

    /// `FieldDescriptorProto.Label`.
    public enum Label: Int32, Sendable {
        case optional = 1
        case required = 2
        case repeated = 3
    }

    /// `FieldDescriptorProto.Type`: the field's type on the wire.
    public enum FieldType: Int32, Sendable, CaseIterable {
        case double = 1, float, int64, uint64, int32, fixed64, fixed32, bool, string, group, message, bytes
        case uint32, `enum`, sfixed32, sfixed64, sint32, sint64

        /// The keyword for a scalar type in `.proto` source, or nil for group, message and enum.
        public var keyword: String? {
            switch self {
            case .group, .message, .enum: return nil
            default: return "\(self)"
            }
        }

        /// The scalar type named by `keyword` (`int32`, `string`, ...).
        public init?(keyword: String) {
            guard let type = Self.allCases.first(where: { $0.keyword == keyword }) else { return nil }
            self = type
        }
    }

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        if let extendee { writer.writeStringField(2, extendee) }
        if let number { writer.writeInt32Field(3, number) }
        if let label { writer.writeInt32Field(4, label.rawValue) }
        if let type { writer.writeInt32Field(5, type.rawValue) }
        if let typeName { writer.writeStringField(6, typeName) }
        if let defaultValue { writer.writeStringField(7, defaultValue) }
        if let options { writer.writeMessageField(8, options) }
        if let oneofIndex { writer.writeInt32Field(9, oneofIndex) }
        if let jsonName { writer.writeStringField(10, jsonName) }
        if let proto3Optional { writer.writeBoolField(17, proto3Optional) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        switch (number, type) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): extendee = try reader.readString()
        case (3, .varint): self.number = try reader.readInt32()
        case (4, .varint):
            let raw = try reader.readInt32()
            guard let value = Label(rawValue: raw) else {
                unknownFields.append(WireField(number: 4, value: .varint(UInt64(bitPattern: Int64(raw)))))
                return true
            }
            label = value
        case (5, .varint):
            let raw = try reader.readInt32()
            guard let value = FieldType(rawValue: raw) else {
                unknownFields.append(WireField(number: 5, value: .varint(UInt64(bitPattern: Int64(raw)))))
                return true
            }
            self.type = value
        case (6, .lengthDelimited): typeName = try reader.readString()
        case (7, .lengthDelimited): defaultValue = try reader.readString()
        case (8, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
        case (9, .varint): oneofIndex = try reader.readInt32()
        case (10, .lengthDelimited): jsonName = try reader.readString()
        case (17, .varint): proto3Optional = try reader.readBool()
        default: return false
        }
        return true
    }
}
