extension DynamicMessage {
    /// Reads proto3 JSON into a message of `type`: fields by JSON name or proto name, `null`
    /// as unset, integers as numbers or strings, enums by name or number, bytes in standard
    /// or URL-safe base64, the well-known types' special forms, `Any` resolved through
    /// `pool`. Objects and arrays nest at most `nestingLimit` deep.
    public init(
        jsonText text: String, type: MessageType, pool: DescriptorPool,
        ignoreUnknownFields: Bool = false, nestingLimit: Int = WireReader.defaultNestingLimit
    ) throws(JSONParseError) {
        let json = try JSONReader.read(text, nestingLimit: nestingLimit)
        let parser = JSONMessageParser(pool: pool, ignoreUnknownFields: ignoreUnknownFields)
        self = try parser.message(json, type: type, path: "")
    }
}

/// Maps a ``JSONValue`` onto dynamic messages.
struct JSONMessageParser {
    let pool: DescriptorPool
    let ignoreUnknownFields: Bool

    func message(_ json: JSONValue, type: MessageType, path: String) throws(JSONParseError) -> DynamicMessage {
        if let special = try wellKnown(json, type: type, path: path) { return special }
        guard case let .object(members) = json else { throw .invalidValue(path: path, reason: "expected an object for \(type.fullName)") }
        var message = DynamicMessage(type: type)
        try merge(members, into: &message, path: path)
        return message
    }

    func merge(_ members: [(String, JSONValue)], into message: inout DynamicMessage, path: String) throws(JSONParseError) {
        var seenOneofs: Set<Int> = []
        var seenFields: Set<Int> = []
        for (name, json) in members {
            guard let field = message.type.field(jsonName: name) ?? message.type.field(named: name) else {
                if ignoreUnknownFields { continue }
                throw .unknownField(path: path, name: name)
            }
            let fieldPath = path.isEmpty ? name : path + "." + name
            guard seenFields.insert(field.number).inserted else { throw .duplicateField(path: fieldPath) }
            if json == .null && field.typeName != "google.protobuf.Value" { continue }
            if let oneof = field.oneofIndex, message.type.oneofMembers[oneof]?.count ?? 0 > 1 {
                guard seenOneofs.insert(oneof).inserted else { throw .duplicateField(path: fieldPath) }
            }
            message.assignUnlessEmpty(field, try fieldValue(json, field, path: fieldPath))
        }
    }

    func fieldValue(_ json: JSONValue, _ field: MessageType.Field, path: String) throws(JSONParseError) -> DynamicMessage.FieldValue {
        if field.isMap {
            guard case let .object(members) = json else { throw .invalidValue(path: path, reason: "expected an object for a map") }
            guard let (keyType, _) = field.mapTypes, let valueField = field.typeName.flatMap({ pool.messageType($0)?.field(number: 2) }) else {
                throw .invalidValue(path: path, reason: "map entry type missing")
            }
            var entries: [DynamicMessage.MapEntry] = []
            for (keyText, item) in members {
                let itemPath = path + "[\"\(keyText)\"]"
                let key = try mapKey(keyText, keyType, path: itemPath)
                guard item != .null || valueField.typeName == "google.protobuf.Value" else { throw .invalidValue(path: itemPath, reason: "null map value") }
                entries.removeAll { $0.key == key }
                entries.append(.init(key: key, value: try value(item, valueField.type, typeName: valueField.typeName, path: itemPath)))
            }
            return .map(entries)
        }
        if field.isRepeated {
            guard case let .array(items) = json else { throw .invalidValue(path: path, reason: "expected an array") }
            var values: [DynamicMessage.Value] = []
            for (index, item) in items.enumerated() {
                guard item != .null || field.typeName == "google.protobuf.Value" else { throw .invalidValue(path: path + "[\(index)]", reason: "null in an array") }
                values.append(try value(item, field.type, typeName: field.typeName, path: path + "[\(index)]"))
            }
            return .repeated(values)
        }
        return .single(try value(json, field.type, typeName: field.typeName, path: path))
    }

    func mapKey(_ text: String, _ type: FieldDescriptorProto.FieldType, path: String) throws(JSONParseError) -> DynamicMessage.Value {
        switch type {
        case .string: return .string(text)
        case .bool:
            guard text == "true" || text == "false" else { throw .invalidValue(path: path, reason: "map key \"\(text)\" is not a bool") }
            return .bool(text == "true")
        default: return try value(.string(text), type, typeName: nil, path: path)
        }
    }

    func value(_ json: JSONValue, _ type: FieldDescriptorProto.FieldType, typeName: String?, path: String) throws(JSONParseError) -> DynamicMessage.Value {
        switch type {
        case .int32, .sint32, .sfixed32: return .int32(try JSONScalars.integer(json, Int32.self, path: path))
        case .int64, .sint64, .sfixed64: return .int64(try JSONScalars.integer(json, Int64.self, path: path))
        case .uint32, .fixed32: return .uint32(try JSONScalars.integer(json, UInt32.self, path: path))
        case .uint64, .fixed64: return .uint64(try JSONScalars.integer(json, UInt64.self, path: path))
        case .double: return .double(try JSONScalars.double(json, path: path))
        case .float:
            let number = try JSONScalars.double(json, path: path)
            guard !number.isFinite || abs(number) <= Double(Float.greatestFiniteMagnitude) else { throw .invalidValue(path: path, reason: "\(number) is out of range for float") }
            return .float(Float(number))
        case .bool:
            guard case let .bool(flag) = json else { throw .invalidValue(path: path, reason: "expected true or false") }
            return .bool(flag)
        case .string:
            guard case let .string(text) = json else { throw .invalidValue(path: path, reason: "expected a string") }
            return .string(text)
        case .bytes:
            guard case let .string(text) = json, let bytes = Base64.decode(text) else { throw .invalidValue(path: path, reason: "expected base64") }
            return .bytes(bytes)
        case .enum:
            if typeName == "google.protobuf.NullValue", json == .null { return .enum(0) }
            let enumType = typeName.flatMap { pool.enumType($0) }
            if case let .string(name) = json {
                guard let number = enumType?.number(named: name) else { throw .invalidValue(path: path, reason: "no enum value named \(name)") }
                return .enum(number)
            }
            let number = try JSONScalars.integer(json, Int32.self, path: path)
            if enumType?.isClosed == true, enumType?.contains(number) != true { throw .invalidValue(path: path, reason: "closed enum has no value \(number)") }
            return .enum(number)
        case .message, .group:
            guard let typeName, let messageType = pool.messageType(typeName) else { throw .invalidValue(path: path, reason: "unknown message type") }
            return .message(try message(json, type: messageType, path: path))
        }
    }
}

extension DynamicMessage {
    /// Sets a field, leaving it unset for zeros without presence and empty lists and maps,
    /// as the binary form does.
    mutating func assignUnlessEmpty(_ field: MessageType.Field, _ value: FieldValue) {
        switch value {
        case let .single(item) where !field.hasPresence && item.isZero: assign(field, nil)
        case .repeated([]), .map([]): assign(field, nil)
        default: assign(field, value)
        }
    }
}
