/// `google.protobuf.FileDescriptorProto`: one `.proto` file, its types resolved.
public struct FileDescriptorProto: WireMessage {
    /// The file's path relative to its include directory, e.g. `google/protobuf/any.proto`.
    public var name: String?
    public var package: String?
    public var dependency: [String] = []
    /// Indexes into ``dependency`` of the `import public` files.
    public var publicDependency: [Int32] = []
    /// Indexes into ``dependency`` of the `import weak` files.
    public var weakDependency: [Int32] = []
    public var messageType: [DescriptorProto] = []
    public var enumType: [EnumDescriptorProto] = []
    public var service: [ServiceDescriptorProto] = []
    public var `extension`: [FieldDescriptorProto] = []
    public var options: DescriptorOptions?
    /// Where each element was written and its comments; protoc fills it with `--include_source_info`.
    public var sourceCodeInfo: SourceCodeInfo?
    /// `"proto3"` for proto3 files; protoc leaves it unset for proto2.
    public var syntax: String?
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        if let package { writer.writeStringField(2, package) }
        for item in dependency { writer.writeStringField(3, item) }
        for item in messageType { writer.writeMessageField(4, item) }
        for item in enumType { writer.writeMessageField(5, item) }
        for item in service { writer.writeMessageField(6, item) }
        for item in `extension` { writer.writeMessageField(7, item) }
        if let options { writer.writeMessageField(8, options) }
        if let sourceCodeInfo { writer.writeMessageField(9, sourceCodeInfo) }
        for item in publicDependency { writer.writeInt32Field(10, item) }
        for item in weakDependency { writer.writeInt32Field(11, item) }
        if let syntax { writer.writeStringField(12, syntax) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        switch (number, type) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): package = try reader.readString()
        case (3, .lengthDelimited): dependency.append(try reader.readString())
        case (4, .lengthDelimited): messageType.append(try reader.readMessage(DescriptorProto.self))
        case (5, .lengthDelimited): enumType.append(try reader.readMessage(EnumDescriptorProto.self))
        case (6, .lengthDelimited): service.append(try reader.readMessage(ServiceDescriptorProto.self))
        case (7, .lengthDelimited): `extension`.append(try reader.readMessage(FieldDescriptorProto.self))
        case (8, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
        case (9, .lengthDelimited): sourceCodeInfo = try reader.readMessage(SourceCodeInfo.self)
        case (10, .varint), (10, .lengthDelimited): try reader.readInt32s(type: type, into: &publicDependency)
        case (11, .varint), (11, .lengthDelimited): try reader.readInt32s(type: type, into: &weakDependency)
        case (12, .lengthDelimited): syntax = try reader.readString()
        default: return false
        }
        return true
    }
}
