/// A message type as dynamic messages need it: fields by number with their resolved
/// kind, presence, packing and oneof, taken from a compiled descriptor. A class, immutable,
/// so that every message of the type shares it rather than copying it.
public final class MessageType: Sendable {
    /// One field, resolved (shared, immutable).
    public final class Field: Sendable {
        public let name: String
        /// The proto3 JSON name: `json_name` as protoc fills it (lowerCamel unless set).
        public let jsonName: String
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
        /// For enum fields, the enum's position in its pool.
        let enumIndex: Int?
        /// This field's index in its type's ``MessageType/fields``, where messages keep its value.
        let position: Int
        /// Its index in the message's declaration, the order JSON prints unset fields in.
        let declarationIndex: Int

        init(
            name: String, jsonName: String, number: Int, type: FieldDescriptorProto.FieldType, isRepeated: Bool, isRequired: Bool,
            typeName: String?, isPacked: Bool, hasPresence: Bool, oneofIndex: Int?, isMap: Bool,
            mapTypes: (key: FieldDescriptorProto.FieldType, value: FieldDescriptorProto.FieldType)?, isClosedEnum: Bool,
            defaultValue: String?, typeIndex: Int?, enumIndex: Int?, position: Int, declarationIndex: Int
        ) {
            self.name = name
            self.jsonName = jsonName
            self.declarationIndex = declarationIndex
            self.number = number
            self.type = type
            self.isRepeated = isRepeated
            self.isRequired = isRequired
            self.typeName = typeName
            self.isPacked = isPacked
            self.hasPresence = hasPresence
            self.oneofIndex = oneofIndex
            self.isMap = isMap
            self.mapTypes = mapTypes
            self.isClosedEnum = isClosedEnum
            self.defaultValue = defaultValue
            self.typeIndex = typeIndex
            self.enumIndex = enumIndex
            self.position = position
        }
    }

    public let fullName: String
    /// Fields in field-number order, the order they are written.
    public let fields: [Field]
    /// What decoding needs of each field, by position (as `fields`).
    let decodePlan: [FieldDecodePlan]
    public let isProto3: Bool
    /// Field numbers up to this are found through `positionByNumber` rather than hashing.
    private static let directLookupMax = 1024
    /// Position in `fields` plus one (zero: no such field), for numbers up to `directLookupMax`.
    private let positionByNumber: [UInt16]
    private let indexByNumber: [Int: Int]
    private let indexByName: [String: Int]
    private let indexByJSONName: [String: Int]

    /// Positions of the `required` fields, and of the fields that can hold messages: what the
    /// required-field check visits.
    let requiredPositions: [Int]
    let messagePositions: [Int]
    /// Positions of each oneof's members, by oneof index.
    let oneofMembers: [Int: [Int]]
    /// Each oneof's name, by oneof index.
    public let oneofNames: [Int: String]

    /// `fields` must be in number order, each at its `position`.
    init(fullName: String, fields: [Field], isProto3: Bool, oneofNames: [String]) {
        self.fullName = fullName
        self.oneofNames = Dictionary(uniqueKeysWithValues: oneofNames.enumerated().map { ($0.offset, $0.element) })
        self.fields = fields
        decodePlan = fields.map(FieldDecodePlan.init)
        requiredPositions = fields.filter(\.isRequired).map(\.position)
        messagePositions = fields.filter { $0.type == .message || $0.type == .group }.map(\.position)
        oneofMembers = Dictionary(grouping: fields.filter { $0.oneofIndex != nil }, by: { $0.oneofIndex ?? 0 }).mapValues { $0.map(\.position) }
        self.isProto3 = isProto3
        indexByNumber = Dictionary(self.fields.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { first, _ in first })
        indexByName = Dictionary(self.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        indexByJSONName = Dictionary(self.fields.enumerated().map { ($1.jsonName, $0) }, uniquingKeysWith: { first, _ in first })
        let direct = self.fields.filter { $0.number <= Self.directLookupMax }
        var table = [UInt16](repeating: 0, count: (direct.last?.number ?? 0) + 1)
        for (position, field) in self.fields.enumerated() where field.number <= Self.directLookupMax && table[field.number] == 0 {
            table[field.number] = UInt16(position + 1)
        }
        positionByNumber = table
    }

    public func field(number: Int) -> Field? {
        position(number: number).map { fields[$0] }
    }

    /// The position in `fields` of field `number`.
    func position(number: Int) -> Int? {
        if number >= 0 && number < positionByNumber.count {
            let position = Int(positionByNumber[number])
            return position == 0 ? nil : position - 1
        }
        return number <= Self.directLookupMax ? nil : indexByNumber[number]
    }

    public func field(named name: String) -> Field? {
        indexByName[name].map { fields[$0] }
    }

    /// The field whose proto3 JSON name is `jsonName`.
    public func field(jsonName: String) -> Field? {
        indexByJSONName[jsonName].map { fields[$0] }
    }
}
