/// A message of a type known only at run time, from its descriptor: field values by
/// number, plus the fields the type does not know, kept to be written back.
public struct DynamicMessage: Equatable, Sendable {
    /// One value of a field.
    public enum Value: Sendable, Equatable {
        case int32(Int32), int64(Int64), uint32(UInt32), uint64(UInt64)
        case float(Float), double(Double), bool(Bool)
        case string(String), bytes([UInt8])
        /// An enum value by number (open enums may hold numbers their type does not name).
        case `enum`(Int32)
        case message(DynamicMessage)

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case let (.int32(a), .int32(b)), let (.enum(a), .enum(b)): return a == b
            case let (.int64(a), .int64(b)): return a == b
            case let (.uint32(a), .uint32(b)): return a == b
            case let (.uint64(a), .uint64(b)): return a == b
            // Bit patterns, so NaN equals itself and 0.0 differs from -0.0, as on the wire.
            case let (.float(a), .float(b)): return a.bitPattern == b.bitPattern
            case let (.double(a), .double(b)): return a.bitPattern == b.bitPattern
            case let (.bool(a), .bool(b)): return a == b
            case let (.string(a), .string(b)): return a == b
            case let (.bytes(a), .bytes(b)): return a == b
            case let (.message(a), .message(b)): return a == b
            default: return false
            }
        }
    }

    /// One entry of a map field.
    public struct MapEntry: Sendable, Equatable {
        public var key: Value
        public var value: Value

        public init(key: Value, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// What a field holds.
    public enum FieldValue: Sendable, Equatable {
        case single(Value)
        case repeated([Value])
        /// Entries in insertion order, keys unique; equal maps may list them in any order.
        case map([MapEntry])

        public static func == (lhs: FieldValue, rhs: FieldValue) -> Bool {
            switch (lhs, rhs) {
            case let (.single(a), .single(b)): return a == b
            case let (.repeated(a), .repeated(b)): return a == b
            case let (.map(a), .map(b)): return a.count == b.count && a.allSatisfy { b.contains($0) }
            default: return false
            }
        }
    }

    public let type: MessageType
    /// Field values by the field's position in `type.fields`; nil when not set.
    var slots: FieldSlots
    /// Fields the type does not know (or closed-enum values it does not name), in the order read.
    public var unknownFields: [WireField] = []

    public init(type: MessageType) {
        self.type = type
        slots = FieldSlots(count: type.fields.count)
    }

    /// Set fields by number.
    public var fields: [Int: FieldValue] {
        var result: [Int: FieldValue] = [:]
        for (field, value) in zip(type.fields, slots) {
            if let value { result[field.number] = value }
        }
        return result
    }

    public static func == (lhs: DynamicMessage, rhs: DynamicMessage) -> Bool {
        lhs.type.fullName == rhs.type.fullName && lhs.slots == rhs.slots && lhs.unknownFields == rhs.unknownFields
    }

    public subscript(number: Int) -> FieldValue? {
        type.field(number: number).flatMap { slots[$0.position] }
    }

    /// Sets field `number`, clearing the other members of its oneof; nil clears the field.
    /// The value must fit the field: its shape (single, repeated, map) and each value's kind.
    public mutating func set(_ number: Int, _ value: FieldValue?) throws(DynamicMessageError) {
        guard let field = type.field(number: number) else { throw .valueDoesNotFit(field: "\(type.fullName).\(number)") }
        if let value, !Self.fits(value, field) { throw .valueDoesNotFit(field: "\(type.fullName).\(field.name)") }
        assign(field, value)
    }

    /// Whether `value` has the shape and kinds `field` holds.
    static func fits(_ value: FieldValue, _ field: MessageType.Field) -> Bool {
        switch value {
        case let .single(item): return !field.isRepeated && item.fits(field.type, typeName: field.typeName)
        case let .repeated(items): return field.isRepeated && !field.isMap && items.allSatisfy { $0.fits(field.type, typeName: field.typeName) }
        case let .map(entries):
            guard let (keyType, valueType) = field.mapTypes else { return false }
            return entries.allSatisfy { $0.key.fits(keyType, typeName: nil) && $0.value.fits(valueType, typeName: nil) }
        }
    }

    /// Sets a field already known to fit, clearing the other members of its oneof.
    mutating func assign(_ field: MessageType.Field, _ value: FieldValue?) {
        assign(field.position, oneof: field.oneofIndex.map { Int32(truncatingIfNeeded: $0) } ?? -1, value)
    }

    /// Sets the field at `position`, a member of oneof `oneof` (or -1), clearing the other members.
    mutating func assign(_ position: Int, oneof: Int32, _ value: consuming FieldValue?) {
        if oneof >= 0, value != nil, let members = type.oneofMembers[Int(oneof)] {
            for member in members where member != position {
                slots[member] = nil
            }
        }
        slots.set(position, value)
    }

    /// The first unset `required` field, here or in a set sub-message, as a path from this
    /// message (`Outer.inner>Inner.id`); nil when every required field is set.
    public func firstMissingRequiredField() -> String? {
        for position in type.requiredPositions where slots[position] == nil {
            return type.fullName + "." + type.fields[position].name
        }
        for position in type.messagePositions {
            guard let value = slots[position] else { continue }
            let missing: String?
            switch value {
            case let .single(item): missing = item.firstMissingRequiredField()
            case let .repeated(items): missing = items.lazy.compactMap { $0.firstMissingRequiredField() }.first
            case let .map(entries): missing = entries.lazy.compactMap { $0.value.firstMissingRequiredField() }.first
            }
            if let missing { return type.fullName + "." + type.fields[position].name + ">" + missing }
        }
        return nil
    }

}

extension DynamicMessage.Value {
    fileprivate func firstMissingRequiredField() -> String? {
        if case let .message(message) = self { return message.firstMissingRequiredField() }
        return nil
    }

    /// Whether this value is of the kind a field of `type` holds (and, for messages, of type `typeName`).
    func fits(_ type: FieldDescriptorProto.FieldType, typeName: String?) -> Bool {
        switch (self, type) {
        case (.int32, .int32), (.int32, .sint32), (.int32, .sfixed32): return true
        case (.int64, .int64), (.int64, .sint64), (.int64, .sfixed64): return true
        case (.uint32, .uint32), (.uint32, .fixed32): return true
        case (.uint64, .uint64), (.uint64, .fixed64): return true
        case (.float, .float), (.double, .double), (.bool, .bool), (.string, .string), (.bytes, .bytes), (.enum, .enum): return true
        case let (.message(message), .message), let (.message(message), .group):
            return typeName == nil || message.type.fullName == typeName
        default: return false
        }
    }
}
