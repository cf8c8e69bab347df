/// The options descriptor.proto itself defines (protoc 3.21's `google.protobuf.*Options`),
/// by the element they apply to. Custom options are extensions of these messages.
enum OptionsKind: String, Sendable {
    case file = "FileOptions", message = "MessageOptions", field = "FieldOptions", oneof = "OneofOptions"
    case `enum` = "EnumOptions", enumValue = "EnumValueOptions", service = "ServiceOptions"
    case method = "MethodOptions", extensionRange = "ExtensionRangeOptions"

    /// The options message's full name, which custom options extend.
    var messageName: String { "google.protobuf." + rawValue }

    /// A standard option: its field number, type and, for enums, the value names.
    struct Standard {
        var number: Int
        var type: FieldDescriptorProto.FieldType
        var enumValues: [String: Int32] = [:]
    }

    /// The standard option called `name`, if this kind has one.
    func standard(_ name: String) -> Standard? {
        switch self {
        case .file: return Self.fileOptions[name]
        case .message: return Self.messageOptions[name]
        case .field: return Self.fieldOptions[name]
        case .enum: return Self.enumOptions[name]
        case .enumValue, .service: return name == "deprecated" ? Standard(number: self == .service ? 33 : 1, type: .bool) : nil
        case .method: return Self.methodOptions[name]
        case .oneof, .extensionRange: return nil
        }
    }

    private static let fileOptions: [String: Standard] = [
        "java_package": .init(number: 1, type: .string),
        "java_outer_classname": .init(number: 8, type: .string),
        "java_multiple_files": .init(number: 10, type: .bool),
        "java_generate_equals_and_hash": .init(number: 20, type: .bool),
        "java_string_check_utf8": .init(number: 27, type: .bool),
        "optimize_for": .init(number: 9, type: .enum, enumValues: ["SPEED": 1, "CODE_SIZE": 2, "LITE_RUNTIME": 3]),
        "go_package": .init(number: 11, type: .string),
        "cc_generic_services": .init(number: 16, type: .bool),
        "java_generic_services": .init(number: 17, type: .bool),
        "py_generic_services": .init(number: 18, type: .bool),
        "php_generic_services": .init(number: 42, type: .bool),
        "deprecated": .init(number: 23, type: .bool),
        "cc_enable_arenas": .init(number: 31, type: .bool),
        "objc_class_prefix": .init(number: 36, type: .string),
        "csharp_namespace": .init(number: 37, type: .string),
        "swift_prefix": .init(number: 39, type: .string),
        "php_class_prefix": .init(number: 40, type: .string),
        "php_namespace": .init(number: 41, type: .string),
        "php_metadata_namespace": .init(number: 44, type: .string),
        "ruby_package": .init(number: 45, type: .string),
    ]

    private static let messageOptions: [String: Standard] = [
        "message_set_wire_format": .init(number: 1, type: .bool),
        "no_standard_descriptor_accessor": .init(number: 2, type: .bool),
        "deprecated": .init(number: 3, type: .bool),
        "map_entry": .init(number: 7, type: .bool),
    ]

    private static let fieldOptions: [String: Standard] = [
        "ctype": .init(number: 1, type: .enum, enumValues: ["STRING": 0, "CORD": 1, "STRING_PIECE": 2]),
        "packed": .init(number: 2, type: .bool),
        "jstype": .init(number: 6, type: .enum, enumValues: ["JS_NORMAL": 0, "JS_STRING": 1, "JS_NUMBER": 2]),
        "lazy": .init(number: 5, type: .bool),
        "unverified_lazy": .init(number: 15, type: .bool),
        "deprecated": .init(number: 3, type: .bool),
        "weak": .init(number: 10, type: .bool),
    ]

    private static let enumOptions: [String: Standard] = [
        "allow_alias": .init(number: 2, type: .bool),
        "deprecated": .init(number: 3, type: .bool),
    ]

    private static let methodOptions: [String: Standard] = [
        "deprecated": .init(number: 33, type: .bool),
        "idempotency_level": .init(
            number: 34, type: .enum, enumValues: ["IDEMPOTENCY_UNKNOWN": 0, "NO_SIDE_EFFECTS": 1, "IDEMPOTENT": 2]),
    ]
}
