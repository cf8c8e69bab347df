/// `google.protobuf.SourceCodeInfo`: where each element of a file was written, and the
/// comments around it (what code generators turn into doc comments).
public struct SourceCodeInfo: WireMessage {
    public var location: [Location] = []
    public var unknownFields: [WireField] = []

    public init() {}

    public func encode(to writer: inout WireWriter) {
        for item in location { writer.writeMessageField(1, item) }
        writer.writeUnknown(unknownFields)
    }

    public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
        guard number == 1, type == .lengthDelimited else { return false }
        location.append(try reader.readMessage(Location.self))
        return true
    }

    /// `SourceCodeInfo.Location`: one element, named by its path of field numbers and indexes
    /// from the `FileDescriptorProto` (e.g. `[4, 0, 2, 1]` is the second field of the first message).
    public struct Location: WireMessage {
        public var path: [Int32] = []
        /// Zero-based `[startLine, startColumn, endLine, endColumn]`; the end line is left out when it equals the start line.
        public var span: [Int32] = []
        public var leadingComments: String?
        public var trailingComments: String?
        public var leadingDetachedComments: [String] = []
        public var unknownFields: [WireField] = []

        public init() {}

        public func encode(to writer: inout WireWriter) {
            writePacked(1, path, to: &writer)
            writePacked(2, span, to: &writer)
            if let leadingComments { writer.writeStringField(3, leadingComments) }
            if let trailingComments { writer.writeStringField(4, trailingComments) }
            for item in leadingDetachedComments { writer.writeStringField(6, item) }
            writer.writeUnknown(unknownFields)
        }

        private func writePacked(_ number: Int, _ values: [Int32], to writer: inout WireWriter) {
            guard !values.isEmpty else { return }
            var packed = WireWriter()
            for value in values { packed.writeVarint(UInt64(bitPattern: Int64(value))) }
            writer.writeBytesField(number, packed.bytes)
        }

        public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool {
            switch (number, type) {
            case (1, .varint), (1, .lengthDelimited): try reader.readInt32s(type: type, into: &path)
            case (2, .varint), (2, .lengthDelimited): try reader.readInt32s(type: type, into: &span)
            case (3, .lengthDelimited): leadingComments = try reader.readString()
            case (4, .lengthDelimited): trailingComments = try reader.readString()
            case (6, .lengthDelimited): leadingDetachedComments.append(try reader.readString())
            default: return false
            }
            return true
        }
    }
}
