extension SwiftGenerator {
    /// How a field is stored in its generated struct.
    enum Storage {
        /// proto3 without presence: a plain property, not written when zero.
        case implicit
        /// proto2 `optional`/`required`, proto3 `optional`: an optional behind a getter with the default.
        case presence
        case repeated
        case map(key: FieldDescriptorProto, value: FieldDescriptorProto)
        /// A member of a real oneof: a case of the oneof's enum, stored in property `oneof`.
        case oneofMember(oneof: String)
    }

    /// One field as the generated code treats it.
    struct FieldPlan {
        let descriptor: FieldDescriptorProto
        /// Its index in the message's declaration, which source-info paths use.
        let declarationIndex: Int
        let number: Int
        /// The property (or oneof case) name, lowerCamel and escaped.
        let name: String
        /// The plain name, for `has`/`clear` members and the backing `_name`.
        let baseName: String
        let storage: Storage
        /// The Swift type of one value.
        let swiftType: String
        /// The ``ProtoFieldCodec`` type for one value.
        let codec: String
        let isPacked: Bool
        /// A proto2 closed enum: unnamed numbers go to the unknown fields.
        let closedEnum: String?
        /// A singular message field whose type can contain its message by value: stored in a
        /// ``ProtoBox`` so the struct has a finite size.
        let isBoxed: Bool

        var type: FieldDescriptorProto.FieldType { descriptor.type ?? .int32 }
        var isGroup: Bool { type == .group }
        var isMessage: Bool { type == .message || type == .group }
    }

    func plans(for message: DescriptorProto, fullName: String, isProto3: Bool) -> [FieldPlan] {
        let oneofNames = oneofSwiftNames(message)
        return message.field.enumerated().sorted { ($0.element.number ?? 0) < ($1.element.number ?? 0) }.map { declared in
            let field = declared.element
            let baseName = SwiftNames.lowerCamel(field.name ?? "")
            let type = field.type ?? .int32
            var storage = Storage.implicit
            if field.label == .repeated {
                if let entry = field.typeName.flatMap({ messages[$0] }), entry.isMapEntry,
                   let key = entry.descriptor.field.first(where: { $0.number == 1 }), let value = entry.descriptor.field.first(where: { $0.number == 2 }) {
                    storage = .map(key: key, value: value)
                } else {
                    storage = .repeated
                }
            } else if let index = field.oneofIndex, field.proto3Optional != true, let oneof = oneofNames[Int(index)] {
                storage = .oneofMember(oneof: oneof)
            } else if !isProto3 || field.proto3Optional == true || type == .message || type == .group {
                storage = .presence
            }
            let enumInfo = type == .enum ? field.typeName.flatMap { enums[$0] } : nil
            let packable = ![.string, .bytes, .message, .group].contains(type)
            return FieldPlan(
                descriptor: field, declarationIndex: declared.offset, number: Int(field.number ?? 0), name: SwiftNames.escaped(baseName), baseName: baseName,
                storage: storage, swiftType: swiftType(field), codec: codec(field),
                isPacked: field.label == .repeated && packable && (field.options?.bool(2) ?? isProto3),
                closedEnum: enumInfo?.isClosed == true ? enumInfo?.swiftName : nil,
                isBoxed: storage.isPresence && (type == .message || type == .group) && field.typeName.map { reaches($0, fullName) } == true)
        }
    }

    /// Whether a value of message type `from` can hold a `to` by value, through singular message
    /// fields (repeated fields, maps and oneofs, which are indirect, hold theirs by reference).
    func reaches(_ from: String, _ to: String) -> Bool {
        var seen: Set<String> = []
        var pending = [from]
        while let name = pending.popLast() {
            if name == to { return true }
            guard seen.insert(name).inserted, let info = messages[name] else { continue }
            for field in info.descriptor.field where field.label != .repeated && (field.type == .message || field.type == .group) {
                if let index = field.oneofIndex, field.proto3Optional != true, oneofSwiftNames(info.descriptor)[Int(index)] != nil { continue }
                if let typeName = field.typeName { pending.append(typeName) }
            }
        }
        return false
    }

    /// Each real oneof's property name by index (synthetic proto3 `optional` oneofs have none).
    func oneofSwiftNames(_ message: DescriptorProto) -> [Int: String] {
        var names: [Int: String] = [:]
        for (index, oneof) in message.oneofDecl.enumerated() {
            let members = message.field.filter { $0.oneofIndex == Int32(index) }
            guard !members.isEmpty, !members.allSatisfy({ $0.proto3Optional == true }) else { continue }
            names[index] = SwiftNames.lowerCamel(oneof.name ?? "")
        }
        return names
    }

    /// The oneof's enum type name, clear of the message's nested type names.
    func oneofTypeName(_ oneof: String, in message: DescriptorProto) -> String {
        let name = SwiftNames.upperCamel(oneof)
        let nested = Set(message.nestedType.map { $0.name ?? "" } + message.enumType.map { $0.name ?? "" })
        return nested.contains(name) ? name + "Oneof" : name
    }

    func swiftType(_ field: FieldDescriptorProto) -> String {
        switch field.type ?? .int32 {
        case .double: return "Double"
        case .float: return "Float"
        case .int32, .sint32, .sfixed32: return "Int32"
        case .int64, .sint64, .sfixed64: return "Int64"
        case .uint32, .fixed32: return "UInt32"
        case .uint64, .fixed64: return "UInt64"
        case .bool: return "Bool"
        case .string: return "String"
        case .bytes: return "[UInt8]"
        case .enum: return field.typeName.flatMap { enums[$0]?.swiftName } ?? "Int32"
        case .message, .group: return field.typeName.flatMap { messages[$0]?.swiftName } ?? "Never"
        }
    }

    func codec(_ field: FieldDescriptorProto) -> String {
        switch field.type ?? .int32 {
        case .double: return "ProtoDouble"
        case .float: return "ProtoFloat"
        case .int32: return "ProtoInt32"
        case .int64: return "ProtoInt64"
        case .uint32: return "ProtoUInt32"
        case .uint64: return "ProtoUInt64"
        case .sint32: return "ProtoSInt32"
        case .sint64: return "ProtoSInt64"
        case .fixed32: return "ProtoFixed32"
        case .fixed64: return "ProtoFixed64"
        case .sfixed32: return "ProtoSFixed32"
        case .sfixed64: return "ProtoSFixed64"
        case .bool: return "ProtoBool"
        case .string: return "ProtoString"
        case .bytes: return "ProtoBytes"
        case .enum: return "ProtoEnum<\(swiftType(field))>"
        case .message, .group: return "ProtoMessage<\(swiftType(field))>"
        }
    }

    /// The value an unset field reads as: the proto2 default, else zero, empty or the first enum value.
    func defaultValue(_ field: FieldDescriptorProto) -> String {
        let text = field.defaultValue
        switch field.type ?? .int32 {
        case .double, .float:
            switch text {
            case nil: return "0"
            case "inf": return ".infinity"
            case "-inf": return "-.infinity"
            case "nan", "-nan": return ".nan"
            case let text?: return text
            }
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64, .uint32, .fixed32, .uint64, .fixed64:
            return text ?? "0"
        case .bool: return text ?? "false"
        case .string: return SwiftNames.stringLiteral(text ?? "")
        case .bytes:
            let bytes = text.map { DynamicMessage.cUnescape($0) } ?? []
            return "[" + bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "]"
        case .enum:
            guard let info = field.typeName.flatMap({ enums[$0] }) else { return ".init(rawValue: 0)" }
            let valueName = text ?? info.descriptor.value.first?.name ?? ""
            return info.memberNames[valueName].map { info.swiftName + "." + SwiftNames.escaped($0) } ?? ".init(rawValue: 0)"
        case .message, .group: return swiftType(field) + "()"
        }
    }

    /// A Swift condition that is true when `value` (a plain field's value) is not its zero.
    func nonZero(_ value: String, _ plan: FieldPlan) -> String {
        switch plan.type {
        case .double, .float: return "\(value).bitPattern != 0"
        case .bool: return value
        case .string, .bytes: return "!\(value).isEmpty"
        case .enum: return "\(value).rawValue != 0"
        default: return "\(value) != 0"
        }
    }
}
