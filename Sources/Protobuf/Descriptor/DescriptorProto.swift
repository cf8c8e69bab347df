/// `google.protobuf.DescriptorProto`: a message type.
public struct DescriptorProto: WireMessage {
    public var name: String?
    public var field: [FieldDescriptorProto] = []
    public var `extension`: [FieldDescriptorProto] = []
    public var nestedType: [DescriptorProto] = []
    public var enumType: [EnumDescriptorProto] = []
    public var extensionRange: [ExtensionRange] = []
    public var oneofDecl: [OneofDescriptorProto] = []
    public var options: DescriptorOptions?
    public var reservedRange: [ReservedRange] = []
    public var reservedName: [String] = []
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        for item in field { writer.writeMessageField(2, item) }
        for item in nestedType { writer.writeMessageField(3, item) }
        for item in enumType { writer.writeMessageField(4, item) }
        for item in extensionRange { writer.writeMessageField(5, item) }
        for item in `extension` { writer.writeMessageField(6, item) }
        if let options { writer.writeMessageField(7, options) }
        for item in oneofDecl { writer.writeMessageField(8, item) }
        for item in reservedRange { writer.writeMessageField(9, item) }
        for item in reservedName { writer.writeStringField(10, item) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        guard type == .lengthDelimited else { return false }
        switch number {
        case 1: name = try reader.readString()
        case 2: field.append(try reader.readMessage(FieldDescriptorProto.self))
        case 3: nestedType.append(try reader.readMessage(DescriptorProto.self))
        case 4: enumType.append(try reader.readMessage(EnumDescriptorProto.self))
        case 5: extensionRange.append(try reader.readMessage(ExtensionRange.self))
        case 6: `extension`.append(try reader.readMessage(FieldDescriptorProto.self))
        case 7: options = try reader.readMessage(DescriptorOptions.self)
        case 8: oneofDecl.append(try reader.readMessage(OneofDescriptorProto.self))
        case 9: reservedRange.append(try reader.readMessage(ReservedRange.self))
        case 10: reservedName.append(try reader.readString())
        default: return false
        }
        return true
    }

    /// `DescriptorProto.ExtensionRange`: field numbers `start..<end` left to extensions.
    public struct ExtensionRange: WireMessage {
        public var start: Int32?
        public var end: Int32?
        public var options: DescriptorOptions?
        public var unknownFields: [WireField] = []

        public init() {}

        public func encode(to writer: inout WireWriter) {
            if let start { writer.writeInt32Field(1, start) }
            if let end { writer.writeInt32Field(2, end) }
            if let options { writer.writeMessageField(3, options) }
            writer.writeUnknown(unknownFields)
        }

        public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
            switch (number, type) {
            case (1, .varint): start = try reader.readInt32()
            case (2, .varint): end = try reader.readInt32()
            case (3, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
            default: return false
            }
            return true
        }
    }

    /// `DescriptorProto.ReservedRange`: field numbers `start..<end` that may not be used.
    public struct ReservedRange: WireMessage {
        public var start: Int32?
        public var end: Int32?
        public var unknownFields: [WireField] = []

        public init() {}

        public init(start: Int32, end: Int32) {
            self.start = start
            self.end = end
        }

        public func encode(to writer: inout WireWriter) {
            if let start { writer.writeInt32Field(1, start) }
            if let end { writer.writeInt32Field(2, end) }
            writer.writeUnknown(unknownFields)
        }

        public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
            switch (number, type) {
            case (1, .varint): start = try reader.readInt32()
            case (2, .varint): end = try reader.readInt32()
            default: return false
            }
            return true
        }
    }
}
