/// `google.protobuf.ServiceDescriptorProto`: an RPC service.
public struct ServiceDescriptorProto: WireMessage {
    public var name: String?
    public var method: [MethodDescriptorProto] = []
    public var options: DescriptorOptions?
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        for item in method { writer.writeMessageField(2, item) }
        if let options { writer.writeMessageField(3, options) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        guard type == .lengthDelimited else { return false }
        switch number {
        case 1: name = try reader.readString()
        case 2: method.append(try reader.readMessage(MethodDescriptorProto.self))
        case 3: options = try reader.readMessage(DescriptorOptions.self)
        default: return false
        }
        return true
    }
}

/// `google.protobuf.MethodDescriptorProto`: one rpc, unary or streaming on either side.
public struct MethodDescriptorProto: WireMessage {
    public var name: String?
    /// The request message, fully qualified with a leading dot.
    public var inputType: String?
    /// The response message, fully qualified with a leading dot.
    public var outputType: String?
    public var options: DescriptorOptions?
    /// protoc sets these only when true.
    public var clientStreaming: Bool?
    public var serverStreaming: Bool?
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        if let inputType { writer.writeStringField(2, inputType) }
        if let outputType { writer.writeStringField(3, outputType) }
        if let options { writer.writeMessageField(4, options) }
        if let clientStreaming { writer.writeBoolField(5, clientStreaming) }
        if let serverStreaming { writer.writeBoolField(6, serverStreaming) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        switch (number, type) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): inputType = try reader.readString()
        case (3, .lengthDelimited): outputType = try reader.readString()
        case (4, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
        case (5, .varint): clientStreaming = try reader.readBool()
        case (6, .varint): serverStreaming = try reader.readBool()
        default: return false
        }
        return true
    }
}
