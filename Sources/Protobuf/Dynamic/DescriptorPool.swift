/// Message and enum types by full name, from compiled files: what dynamic messages
/// are decoded and encoded against. Its tables are shared, immutable, by every copy.
public struct DescriptorPool: Sendable {
    private let tables: Tables

    /// The pool's contents, built once.
    private final class Tables: Sendable {
        let messageTypes: [String: MessageType]
        /// Message types by position, so decoding finds a field's type without hashing its name.
        let typesByIndex: [MessageType]
        let enumTypes: [String: EnumType]
        /// Enum types by position, so decoding checks a closed enum's numbers without hashing its name.
        let enumsByIndex: [EnumType]

        init(_ builder: PoolBuilder) {
            messageTypes = builder.messageTypes
            typesByIndex = builder.indexByName.sorted { $0.value < $1.value }.compactMap { builder.messageTypes[$0.key] }
            enumTypes = builder.enumTypes
            enumsByIndex = builder.enumIndexByName.sorted { $0.value < $1.value }.compactMap { builder.enumTypes[$0.key] }
        }
    }

    public var messageTypes: [String: MessageType] { tables.messageTypes }
    public var enumTypes: [String: EnumType] { tables.enumTypes }

    /// Indexes every message and enum of `files`; every field's type must be among them.
    public init(files: [FileDescriptorProto]) throws(DynamicMessageError) {
        var builder = PoolBuilder()
        for file in files {
            builder.collectNames(file.messageType, enums: file.enumType, scope: file.package ?? "")
        }
        for file in files {
            let isProto3 = file.syntax == "proto3"
            let scope = file.package ?? ""
            for message in file.messageType { builder.add(message, scope: scope, isProto3: isProto3) }
            for item in file.enumType { builder.add(item, scope: scope, isProto3: isProto3) }
        }
        for type in builder.messageTypes.values {
            for field in type.fields {
                guard let typeName = field.typeName else { continue }
                guard builder.messageTypes[typeName] != nil || builder.enumTypes[typeName] != nil else {
                    throw .unknownType(typeName, referencedBy: type.fullName + "." + field.name)
                }
            }
        }
        tables = Tables(builder)
    }

    public init(_ set: FileDescriptorSet) throws(DynamicMessageError) {
        try self.init(files: set.file)
    }

    public func messageType(_ fullName: String) -> MessageType? {
        tables.messageTypes[fullName]
    }

    public func enumType(_ fullName: String) -> EnumType? {
        tables.enumTypes[fullName]
    }

    /// The message type a resolved field refers to, by its precomputed index.
    func messageType(of field: MessageType.Field) -> MessageType? {
        guard let index = field.typeIndex else { return nil }
        return messageType(at: index)
    }

    /// The message type at `index` of the pool's types (a field's `typeIndex`).
    func messageType(at index: Int) -> MessageType? {
        guard index >= 0 && index < tables.typesByIndex.count else { return nil }
        return tables.typesByIndex[index]
    }

    /// Whether the enum at `index` of the pool's enums names `number`.
    func enumContains(at index: Int, _ number: Int32) -> Bool {
        guard index >= 0 && index < tables.enumsByIndex.count else { return false }
        return tables.enumsByIndex[index].contains(number)
    }
}

/// Collects a pool's types from descriptors: names first (for indexes), then the types.
private struct PoolBuilder {
    var messageTypes: [String: MessageType] = [:]
    var indexByName: [String: Int] = [:]
    var enumTypes: [String: EnumType] = [:]
    var enumIndexByName: [String: Int] = [:]

    mutating func collectNames(_ messages: [DescriptorProto], enums: [EnumDescriptorProto], scope: String) {
        for item in enums {
            let name = qualified(scope, item.name ?? "")
            if enumIndexByName[name] == nil { enumIndexByName[name] = enumIndexByName.count }
        }
        for message in messages {
            let name = qualified(scope, message.name ?? "")
            if indexByName[name] == nil { indexByName[name] = indexByName.count }
            collectNames(message.nestedType, enums: message.enumType, scope: name)
        }
    }

    mutating func add(_ item: EnumDescriptorProto, scope: String, isProto3: Bool) {
        let name = qualified(scope, item.name ?? "")
        enumTypes[name] = EnumType(fullName: name, values: item.value.map { ($0.name ?? "", $0.number ?? 0) }, isClosed: !isProto3)
    }

    mutating func add(_ message: DescriptorProto, scope: String, isProto3: Bool) {
        let name = qualified(scope, message.name ?? "")
        for nested in message.nestedType { add(nested, scope: name, isProto3: isProto3) }
        for item in message.enumType { add(item, scope: name, isProto3: isProto3) }
        var mapEntries: [String: (key: FieldDescriptorProto.FieldType, value: FieldDescriptorProto.FieldType)] = [:]
        for nested in message.nestedType where nested.options?.bool(7) == true {
            if let key = nested.field.first(where: { $0.number == 1 })?.type, let value = nested.field.first(where: { $0.number == 2 })?.type {
                mapEntries[name + "." + (nested.name ?? "")] = (key, value)
            }
        }
        let sorted = message.field.enumerated().sorted { ($0.element.number ?? 0) < ($1.element.number ?? 0) }
        let fields = sorted.enumerated().map { position, declared -> MessageType.Field in
            let field = declared.element
            let type = field.type ?? .int32
            let typeName = field.typeName.map { String($0.dropFirst()) }
            let isRepeated = field.label == .repeated
            let isMessage = type == .message || type == .group
            return MessageType.Field(
                name: field.name ?? "", jsonName: field.jsonName ?? field.name ?? "", number: Int(field.number ?? 0), type: type, isRepeated: isRepeated,
                isRequired: field.label == .required, typeName: typeName,
                isPacked: isRepeated && type.isPackable && (field.options?.bool(2) ?? isProto3),
                hasPresence: !isRepeated && (isMessage || !isProto3 || field.oneofIndex != nil),
                oneofIndex: field.oneofIndex.map { Int($0) },
                isMap: isRepeated && type == .message && typeName.flatMap { mapEntries[$0] } != nil,
                mapTypes: isRepeated && type == .message ? typeName.flatMap { mapEntries[$0] } : nil,
                isClosedEnum: type == .enum && !isProto3,
                defaultValue: field.defaultValue,
                typeIndex: isMessage ? typeName.flatMap { indexByName[$0] } : nil,
                enumIndex: type == .enum ? typeName.flatMap { enumIndexByName[$0] } : nil,
                position: position, declarationIndex: declared.offset)
        }
        messageTypes[name] = MessageType(fullName: name, fields: fields, isProto3: isProto3, oneofNames: message.oneofDecl.map { $0.name ?? "" })
    }
}
