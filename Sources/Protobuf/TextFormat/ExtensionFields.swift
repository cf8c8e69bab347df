/// The extension fields a set of `.proto` files declares, by extendee and number and by full
/// name. Dynamic messages hold extensions as unknown fields; with this index text format prints
/// them as protoc does (`[corpus.p2.top_ext]: "x"`, among the fields in number order) and reads them back.
public struct ExtensionFields: Sendable {
    /// One extension field, resolved from its `FieldDescriptorProto`.
    public struct Field: Sendable {
        /// `corpus.p2.top_ext`, or `corpus.p2.Scalars.nested_ext` when declared inside a message.
        public let fullName: String
        /// The extended message's full name, without the leading dot.
        public let extendee: String
        public let number: Int
        public let type: FieldDescriptorProto.FieldType
        public let isRepeated: Bool
        /// A repeated numeric field written packed (`[packed = true]`).
        public let isPacked: Bool
        /// The message or enum type's full name, without the leading dot.
        public let typeName: String?
    }

    private let byExtendee: [String: [Int: Field]]
    private let byName: [String: Field]

    /// No extensions: every extension field prints by number, as an unknown field.
    public static let none = ExtensionFields(files: [])

    /// Indexes the extensions declared in `files`, at top level and inside messages.
    public init(files: [FileDescriptorProto]) {
        var fields: [Field] = []
        for file in files {
            let scope = file.package ?? ""
            for item in file.extension { fields.append(Self.field(item, scope: scope)) }
            for message in file.messageType { Self.collect(message, scope: scope, into: &fields) }
        }
        var byExtendee: [String: [Int: Field]] = [:]
        var byName: [String: Field] = [:]
        for field in fields {
            byExtendee[field.extendee, default: [:]][field.number] = field
            byName[field.fullName] = field
        }
        self.byExtendee = byExtendee
        self.byName = byName
    }

    /// The extension of message `extendee` with field number `number`.
    public func field(extending extendee: String, number: Int) -> Field? {
        byExtendee[extendee]?[number]
    }

    /// The extension named `fullName` (`corpus.p2.top_ext`).
    public func field(named fullName: String) -> Field? {
        byName[fullName]
    }

    /// Whether any extension of `extendee` is declared.
    func hasFields(extending extendee: String) -> Bool {
        byExtendee[extendee] != nil
    }

    private static func collect(_ message: DescriptorProto, scope: String, into fields: inout [Field]) {
        let name = scope.isEmpty ? message.name ?? "" : scope + "." + (message.name ?? "")
        for item in message.extension { fields.append(field(item, scope: name)) }
        for nested in message.nestedType { collect(nested, scope: name, into: &fields) }
    }

    private static func field(_ item: FieldDescriptorProto, scope: String) -> Field {
        let type = item.type ?? .int32
        let isRepeated = item.label == .repeated
        return Field(
            fullName: scope.isEmpty ? item.name ?? "" : scope + "." + (item.name ?? ""),
            extendee: String((item.extendee ?? "").drop { $0 == "." }), number: Int(item.number ?? 0), type: type,
            isRepeated: isRepeated, isPacked: isRepeated && type.isPackable && item.options?.bool(2) == true,
            typeName: item.typeName.map { String($0.drop { $0 == "." }) })
    }
}
