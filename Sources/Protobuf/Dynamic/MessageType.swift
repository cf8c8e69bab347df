/// A message type as dynamic messages need it: fields by number with their resolved
/// kind, presence, packing and oneof, taken from a compiled descriptor.
public struct MessageType: Sendable {
    /// One field, resolved.
    public struct Field: Sendable {
        public let name: String
        public let number: Int
        public let type: FieldDescriptorProto.FieldType
        public let isRepeated: Bool
        public let isRequired: Bool
        /// Message, group or enum full name, without the leading dot.
        public let typeName: String?
        /// Written packed when repeated (proto3 numeric by default, or `[packed = true]`).
        public let isPacked: Bool
        /// Tracks whether it was set (proto2 singular, proto3 `optional`, oneof members, messages);
        /// otherwise a zero value is not written.
        public let hasPresence: Bool
        /// Index of the oneof (real or synthetic) it belongs to.
        public let oneofIndex: Int?
        /// A `map<K, V>` field: repeated entries of a map-entry message type.
        public let isMap: Bool
        /// For map fields, the key's and the value's types.
        public let mapTypes: (key: FieldDescriptorProto.FieldType, value: FieldDescriptorProto.FieldType)?
        /// proto2 enums are closed: values they do not name go to the unknown fields.
        public let isClosedEnum: Bool
        /// The proto2 default as protoc prints it.
        public let defaultValue: String?
        /// For message and group fields, the type's position in its pool.
        let typeIndex: Int?
    }

    public let fullName: String
    /// Fields in field-number order, the order they are written.
    public let fields: [Field]
    public let isProto3: Bool
    private let indexByNumber: [Int: Int]
    private let indexByName: [String: Int]

    init(fullName: String, fields: [Field], isProto3: Bool) {
        self.fullName = fullName
        self.fields = fields.sorted { $0.number < $1.number }
        self.isProto3 = isProto3
        indexByNumber = Dictionary(self.fields.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { first, _ in first })
        indexByName = Dictionary(self.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func field(number: Int) -> Field? {
        indexByNumber[number].map { fields[$0] }
    }

    public func field(named name: String) -> Field? {
        indexByName[name].map { fields[$0] }
    }
}
