extension DynamicMessage {
    /// This message in the proto3 JSON mapping, as Python's `json_format.MessageToJson`
    /// prints it with the same `indent`, `sort_keys` and options.
    public func jsonText(pool: DescriptorPool, indent: Int? = 2, sortKeys: Bool = false, options: JSONPrintOptions = .init()) throws(JSONError) -> String {
        try jsonValue(pool: pool, options: options).text(indent: indent, sortKeys: sortKeys)
    }

    /// This message as a JSON tree: set fields in number order (then, with
    /// `alwaysPrintFieldsWithNoPresence`, unset ones in declaration order); well-known types
    /// in their special forms.
    public func jsonValue(pool: DescriptorPool, options: JSONPrintOptions = .init()) throws(JSONError) -> JSONValue {
        let printer = JSONPrinter(pool: pool, options: options)
        return try printer.message(self, path: "")
    }
}

/// Walks a message into a ``JSONValue``.
struct JSONPrinter {
    let pool: DescriptorPool
    let options: JSONPrintOptions

    func message(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        if let special = try wellKnown(message, path: path) { return special }
        return .object(try members(message, path: path))
    }

    func name(_ field: MessageType.Field) -> String {
        options.preservingProtoFieldName ? field.name : field.jsonName
    }

    func members(_ message: DynamicMessage, path: String) throws(JSONError) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        for field in message.type.fields {
            guard let value = message.slots[field.position] else { continue }
            let fieldPath = path.isEmpty ? name(field) : path + "." + name(field)
            members.append((name(field), try fieldValue(value, field, path: fieldPath)))
        }
        guard options.alwaysPrintFieldsWithNoPresence else { return members }
        for field in message.type.fields.sorted(by: { $0.declarationIndex < $1.declarationIndex })
        where !field.hasPresence && message.slots[field.position] == nil {
            guard let value = message.value(field.number, pool: pool) else { continue }
            let fieldPath = path.isEmpty ? name(field) : path + "." + name(field)
            members.append((name(field), try fieldValue(value, field, path: fieldPath)))
        }
        return members
    }

    func fieldValue(_ value: DynamicMessage.FieldValue, _ field: MessageType.Field, path: String) throws(JSONError) -> JSONValue {
        switch value {
        case let .single(item):
            return try self.value(item, type: field.type, typeName: field.typeName, path: path)
        case let .repeated(items):
            var array: [JSONValue] = []
            for (index, item) in items.enumerated() {
                array.append(try self.value(item, type: field.type, typeName: field.typeName, path: path + "[\(index)]"))
            }
            return .array(array)
        case let .map(entries):
            let valueField = field.typeName.flatMap { pool.messageType($0)?.field(number: 2) }
            var object: [(String, JSONValue)] = []
            for entry in entries {
                let key = Self.mapKey(entry.key)
                object.append((key, try self.value(entry.value, type: valueField?.type ?? .bytes, typeName: valueField?.typeName, path: path + "[\"\(key)\"]")))
            }
            return .object(object)
        }
    }

    static func mapKey(_ key: DynamicMessage.Value) -> String {
        switch key {
        case let .int32(number): return String(number)
        case let .int64(number): return String(number)
        case let .uint32(number): return String(number)
        case let .uint64(number): return String(number)
        case let .bool(flag): return flag ? "true" : "false"
        case let .string(text): return text
        default: return ""
        }
    }

    func value(_ value: DynamicMessage.Value, type: FieldDescriptorProto.FieldType, typeName: String?, path: String) throws(JSONError) -> JSONValue {
        switch value {
        case let .int32(number): return .number(String(number))
        case let .uint32(number): return .number(String(number))
        case let .int64(number): return .string(String(number))
        case let .uint64(number): return .string(String(number))
        case let .float(number): return JSONNumberText.float(number)
        case let .double(number): return JSONNumberText.double(number)
        case let .bool(flag): return .bool(flag)
        case let .string(text): return .string(text)
        case let .bytes(bytes): return .string(Base64.encode(bytes))
        case let .message(inner): return try message(inner, path: path)
        case let .enum(number):
            if typeName == "google.protobuf.NullValue" { return .null }
            if options.useIntegersForEnums { return .number(String(number)) }
            let enumType = typeName.flatMap { pool.enumType($0) }
            if let name = enumType?.values.first(where: { $0.number == number })?.name { return .string(name) }
            if enumType?.isClosed == true { throw .unrepresentable(path: path, reason: "closed enum value \(number) has no name") }
            return .number(String(number))
        }
    }
}
