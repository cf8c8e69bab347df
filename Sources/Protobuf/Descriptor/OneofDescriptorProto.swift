/// `google.protobuf.OneofDescriptorProto`: a oneof (real, or synthetic for a proto3 `optional` field).
public struct OneofDescriptorProto: WireMessage {
    public var name: String?
    public var options: DescriptorOptions?
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        if let name { writer.writeStringField(1, name) }
        if let options { writer.writeMessageField(2, options) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        switch (number, type) {
        case (1, .lengthDelimited): name = try reader.readString()
        case (2, .lengthDelimited): options = try reader.readMessage(DescriptorOptions.self)
        default: return false
        }
        return true
    }
}
