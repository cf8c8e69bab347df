/// `google.protobuf.EnumDescriptorProto`: an enum type.
public struct EnumDescriptorProto: WireMessage {
    public var name: String?
    public var value: [EnumValueDescriptorProto] = []
    public var options: DescriptorOptions?
    public var reservedRange: [EnumReservedRange] = []
    public var reservedName: [String] = []
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        for item in value { writer.writeMessageField(2, item) }
        if let options { writer.writeMessageField(3, options) }
        for item in reservedRange { writer.writeMessageField(4, item) }
        for item in reservedName { writer.writeStringField(5, item) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        guard type == .lengthDelimited else { return false }
        switch number {
        case 1: name = try reader.readString()
        case 2: value.append(try reader.readMessage(EnumValueDescriptorProto.self))
        case 3: options = try reader.readMessage(DescriptorOptions.self)
        case 4: reservedRange.append(try reader.readMessage(EnumReservedRange.self))
        case 5: reservedName.append(try reader.readString())
        default: return false
        }
        return true
    }

    /// `EnumDescriptorProto.EnumReservedRange`: numbers `start...end` (inclusive) that may not be used.
    public struct EnumReservedRange: WireMessage {
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

/// `google.protobuf.EnumValueDescriptorProto`: one named value of an enum.
public struct EnumValueDescriptorProto: WireMessage {
    public var name: String?
    public var number: Int32?
    public var options: DescriptorOptions?
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        if let number { writer.writeInt32Field(2, number) }
        if let options { writer.writeMessageField(3, options) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        switch (number, type) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .varint): self.number = try reader.readInt32()
        case (3, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
        default: return false
        }
        return true
    }
}
