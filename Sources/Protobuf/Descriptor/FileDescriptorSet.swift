/// `google.protobuf.FileDescriptorSet`: what `protoc --descriptor_set_out` writes.
public struct FileDescriptorSet: WireMessage {
    public var file: [FileDescriptorProto] = []
    public var unknownFields: [WireField] = []

    public init() {}

    public init(file: [FileDescriptorProto]) {
        self.file = file
    }

    public func encode(to writer: inout WireWriter) {
        for item in file { writer.writeMessageField(1, item) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        guard number == 1, type == .lengthDelimited else { return false }
        file.append(try reader.readMessage(FileDescriptorProto.self))
        return true
    }
}
