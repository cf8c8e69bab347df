/// What the binary decoder needs to know of one field, as plain values: one per field of a
/// ``MessageType``, built with it, so that the decoding loop reads a small struct from a
/// contiguous array instead of retaining and releasing a ``MessageType/Field`` per value.
struct FieldDecodePlan: Sendable {
    /// How the field's values are kept.
    enum Shape: UInt8, Sendable {
        /// A singular number, bool, string or bytes (or enum).
        case scalar
        /// A singular message or group, merged into when it occurs again.
        case message
        /// A repeated field other than a map.
        case repeated
        case map
    }

    let type: FieldDescriptorProto.FieldType
    let shape: Shape
    /// The wire type of one unpacked value (`startGroup` for groups).
    let wireType: WireType
    /// A repeated field of a type that may come packed (length-delimited run of numbers).
    let acceptsPacked: Bool
    let hasPresence: Bool
    /// The oneof (real or synthetic) it belongs to, or -1.
    let oneofIndex: Int32
    /// For message and group fields, the type's position in the pool; else -1.
    let messageTypeIndex: Int32
    /// proto2 enums are closed: numbers they do not name go to the unknown fields.
    let isClosedEnum: Bool
    /// For enum fields, the enum's position in the pool; else -1.
    let enumIndex: Int32

    init(_ field: MessageType.Field) {
        type = field.type
        let isMessage = field.type == .message || field.type == .group
        shape = field.isMap ? .map : field.isRepeated ? .repeated : isMessage ? .message : .scalar
        wireType = DynamicMessage.wireType(of: field.type)
        acceptsPacked = field.isRepeated && !field.isMap && field.type.isPackable
        hasPresence = field.hasPresence
        oneofIndex = field.oneofIndex.map { Int32(truncatingIfNeeded: $0) } ?? -1
        messageTypeIndex = field.typeIndex.map { Int32(truncatingIfNeeded: $0) } ?? -1
        isClosedEnum = field.isClosedEnum
        enumIndex = field.enumIndex.map { Int32(truncatingIfNeeded: $0) } ?? -1
    }
}
