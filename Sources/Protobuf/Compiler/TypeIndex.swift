/// Compiled messages, enums and extensions by full name, for interpreting options and
/// checking extensions once their files are built.
struct TypeIndex {
    struct Message {
        var descriptor: DescriptorProto
        var isProto3: Bool
    }

    var messages: [String: Message] = [:]
    var enums: [String: EnumDescriptorProto] = [:]
    var extensions: [String: FieldDescriptorProto] = [:]

    mutating func add(_ file: FileDescriptorProto) {
        let isProto3 = file.syntax == "proto3"
        let scope = file.package ?? ""
        add(messages: file.messageType, enums: file.enumType, extensions: file.extension, scope: scope, isProto3: isProto3)
    }

    private mutating func add(
        messages list: [DescriptorProto], enums enumList: [EnumDescriptorProto], extensions extensionList: [FieldDescriptorProto],
        scope: String, isProto3: Bool
    ) {
        for message in list {
            let name = qualified(scope, message.name ?? "")
            messages[name] = Message(descriptor: message, isProto3: isProto3)
            add(messages: message.nestedType, enums: message.enumType, extensions: message.extension, scope: name, isProto3: isProto3)
        }
        for item in enumList { enums[qualified(scope, item.name ?? "")] = item }
        for item in extensionList { extensions[qualified(scope, item.name ?? "")] = item }
    }

    /// The message or group type a resolved field refers to.
    func message(of field: FieldDescriptorProto) -> Message? {
        guard let typeName = field.typeName, field.type == .message || field.type == .group else { return nil }
        return messages[String(typeName.dropFirst())]
    }

    /// Whether a repeated field of `message` is written packed: `[packed = true]`, or proto3 numeric by default.
    func isPacked(_ field: FieldDescriptorProto, proto3: Bool) -> Bool {
        guard field.label == .repeated, let type = field.type, type.isPackable else { return false }
        return field.options?.bool(2) ?? proto3
    }
}

/// `scope.name`, or `name` at the top of an unnamed package.
func qualified(_ scope: String, _ name: String) -> String {
    scope.isEmpty ? name : scope + "." + name
}

extension FieldDescriptorProto.FieldType {
    /// Scalar numeric types, which repeated fields may pack.
    var isPackable: Bool {
        switch self {
        case .string, .bytes, .message, .group: return false
        default: return true
        }
    }
}
