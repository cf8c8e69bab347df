extension Parser {
    /// `message Name { ... }`, appended to `scope`.
    mutating func parseMessage(into scope: inout ScopeSyntax) throws(ProtoError) {
        try expectKeyword("message")
        let position = current.position
        var message = MessageSyntax(name: try expectIdentifier("message name"), position: position)
        try parseMessageBody(&message)
        scope.messages.append(message)
    }

    /// `{ statements }` of a message or group.
    mutating func parseMessageBody(_ message: inout MessageSyntax) throws(ProtoError) {
        try expectSymbol("{")
        while !consumeSymbol("}") {
            guard current.kind != .end else { throw expected("\"}\" closing message \"\(message.name)\"") }
            try parseMessageStatement(&message)
        }
        if syntax == .proto3 { addSyntheticOneofs(&message) }
    }

    private mutating func parseMessageStatement(_ message: inout MessageSyntax) throws(ProtoError) {
        if consumeSymbol(";") { return }
        if current.isIdentifier("message") {
            try parseMessage(into: &message.nested)
        } else if current.isIdentifier("enum") {
            message.nested.enums.append(try parseEnum())
        } else if current.isIdentifier("extend") {
            try parseExtend(into: &message.nested)
        } else if consumeKeyword("extensions") {
            try parseExtensionRanges(&message)
        } else if consumeKeyword("reserved") {
            try parseReserved(&message.reservedRanges, names: &message.reservedNames, inclusiveEnd: false)
        } else if consumeKeyword("option") {
            message.options.append(try parseOptionStatement())
        } else if consumeKeyword("oneof") {
            try parseOneof(&message)
        } else {
            let field = try parseField(context: .message, into: &message.nested)
            message.fields.append(field)
        }
    }

    /// Where a field is declared, which decides the labels it may carry.
    enum FieldContext { case message, oneof, extend }

    /// One field declaration, its group or map-entry message appended to `scope`.
    mutating func parseField(context: FieldContext, into scope: inout ScopeSyntax) throws(ProtoError) -> FieldSyntax {
        let labelPosition = current.position
        var label: FieldDescriptorProto.Label?
        if consumeKeyword("optional") {
            label = .optional
        } else if consumeKeyword("required") {
            label = .required
        } else if consumeKeyword("repeated") {
            label = .repeated
        }
        if context == .oneof && label != nil {
            throw error(.invalid("fields in oneofs must not have labels (required / optional / repeated)"), at: labelPosition)
        }
        if syntax == .proto3 && label == .required {
            throw error(.invalid("required fields are not allowed in proto3"))
        }
        let isMap = current.isIdentifier("map") && tokensAhead(1).isSymbol("<")
        if isMap {
            guard label == nil else {
                throw error(.invalid("field labels (required/optional/repeated) are not allowed on map fields"), at: labelPosition)
            }
            guard context != .extend else { throw error(.invalid("map fields are not allowed to be extensions")) }
            return try parseMapField(into: &scope)
        }
        if label == nil && syntax == .proto2 && context != .oneof {
            throw expected("\"required\", \"optional\", or \"repeated\"")
        }
        if current.isIdentifier("group") && tokensAhead(1).kind == .identifier && tokensAhead(2).isSymbol("=") {
            return try parseGroup(label: label ?? .optional, into: &scope)
        }
        let typePosition = current.position
        let type = try parseTypeReference()
        var field = try parseFieldRest(label: label ?? .optional, type: type, typePosition: typePosition)
        field.proto3Optional = syntax == .proto3 && label == .optional
        return field
    }

    /// A scalar keyword or a (possibly dotted, possibly fully-qualified) type name.
    mutating func parseTypeReference() throws(ProtoError) -> FieldSyntax.TypeReference {
        if current.kind == .identifier, let scalar = FieldDescriptorProto.FieldType(keyword: current.text) {
            advance()
            return .scalar(scalar)
        }
        return .named(try expectDottedName("type name", allowLeadingDot: true))
    }

    /// `name = number [options];` after the type.
    private mutating func parseFieldRest(
        label: FieldDescriptorProto.Label, type: FieldSyntax.TypeReference, typePosition: SourcePosition
    ) throws(ProtoError) -> FieldSyntax {
        let position = current.position
        let name = try expectIdentifier("field name")
        try expectSymbol("=")
        let numberPosition = current.position
        let number = try expectInt32("field number", allowNegative: true)
        var field: FieldSyntax? = FieldSyntax(
            name: name, position: position, number: number, numberPosition: numberPosition, label: label, type: type,
            typePosition: typePosition)
        let options = try parseBracketedOptions(field: &field)
        guard var result = field else { throw expected("field") }
        result.options = options
        try expectSymbol(";")
        return result
    }

    /// `map<K, V> name = N;`: the field plus its synthesized `NameEntry` message.
    private mutating func parseMapField(into scope: inout ScopeSyntax) throws(ProtoError) -> FieldSyntax {
        let typePosition = current.position
        try expectKeyword("map")
        try expectSymbol("<")
        let keyPosition = current.position
        let key = try parseTypeReference()
        try expectSymbol(",")
        let valuePosition = current.position
        let value = try parseTypeReference()
        try expectSymbol(">")
        switch key {
        case .scalar(.double), .scalar(.float), .scalar(.bytes):
            throw error(.invalid("key in map fields cannot be float/double, bytes or message types"), at: typePosition)
        case .named:
            throw error(.invalid("key in map fields cannot be enum or message types"), at: typePosition)
        default:
            break
        }
        let entryName = Parser.mapEntryName(current.text)
        var field = try parseFieldRest(label: .repeated, type: .named(entryName), typePosition: typePosition)
        guard field.defaultValue == nil else { throw error(.invalid("map fields cannot have default values"), at: field.defaultPosition) }
        var entry = MessageSyntax(name: entryName, position: field.position)
        entry.isMapEntry = true
        entry.fields = [
            FieldSyntax(name: "key", position: keyPosition, number: 1, numberPosition: keyPosition, label: .optional,
                        type: key, typePosition: keyPosition),
            FieldSyntax(name: "value", position: valuePosition, number: 2, numberPosition: valuePosition, label: .optional,
                        type: value, typePosition: valuePosition),
        ]
        scope.messages.append(entry)
        field.proto3Optional = false
        return field
    }

    /// protoc's name for a map field's entry message: `foo_bar` becomes `FooBarEntry`.
    static func mapEntryName(_ fieldName: String) -> String {
        var result = ""
        var capitalizeNext = true
        for character in fieldName {
            if character == "_" {
                capitalizeNext = true
            } else if capitalizeNext {
                result += character.isASCII ? character.uppercased() : String(character)
                capitalizeNext = false
            } else {
                result.append(character)
            }
        }
        return result + "Entry"
    }

    /// `group Name = N [options] { body }`: a field named `name` and a nested message `Name`.
    private mutating func parseGroup(label: FieldDescriptorProto.Label, into scope: inout ScopeSyntax) throws(ProtoError) -> FieldSyntax {
        let typePosition = current.position
        guard syntax == .proto2 else { throw error(.invalid("groups are not supported in proto3 syntax")) }
        try expectKeyword("group")
        let position = current.position
        let groupName = try expectIdentifier("group name")
        guard let first = groupName.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else {
            throw error(.invalid("group names must start with a capital letter"), at: position)
        }
        try expectSymbol("=")
        let numberPosition = current.position
        let number = try expectInt32("field number", allowNegative: true)
        var field: FieldSyntax? = FieldSyntax(
            name: groupName.lowercased(), position: position, number: number, numberPosition: numberPosition, label: label,
            type: .group(groupName), typePosition: typePosition)
        let options = try parseBracketedOptions(field: &field)
        guard var result = field else { throw expected("group") }
        result.options = options
        var message = MessageSyntax(name: groupName, position: position)
        scope.messages.append(message)
        let slot = scope.messages.count - 1
        try parseMessageBody(&message)
        scope.messages[slot] = message
        return result
    }

    /// `oneof name { fields and options }`.
    private mutating func parseOneof(_ message: inout MessageSyntax) throws(ProtoError) {
        let position = current.position
        let name = try expectIdentifier("oneof name")
        var oneof = MessageSyntax.Oneof(name: name, position: position)
        let oneofIndex = message.oneofs.count
        message.oneofs.append(oneof)
        try expectSymbol("{")
        while !consumeSymbol("}") {
            guard current.kind != .end else { throw expected("\"}\" closing oneof \"\(name)\"") }
            if consumeSymbol(";") { continue }
            if consumeKeyword("option") {
                oneof.options.append(try parseOptionStatement())
                continue
            }
            if current.isIdentifier("map") && tokensAhead(1).isSymbol("<") {
                throw error(.invalid("map fields are not allowed in oneofs"))
            }
            var field = try parseField(context: .oneof, into: &message.nested)
            field.oneofIndex = oneofIndex
            field.label = .optional
            message.fields.append(field)
        }
        message.oneofs[oneofIndex] = oneof
    }

    /// proto3 `optional` fields each get a one-field oneof, named `_name` (prefixed with
    /// `X` until unique), after the declared oneofs, as protoc synthesizes them.
    private func addSyntheticOneofs(_ message: inout MessageSyntax) {
        var names = Set(message.fields.map(\.name))
        names.formUnion(message.oneofs.map(\.name))
        for index in message.fields.indices where message.fields[index].proto3Optional {
            var name = message.fields[index].name
            if !name.hasPrefix("_") { name = "_" + name }
            while names.contains(name) { name = "X" + name }
            names.insert(name)
            message.fields[index].oneofIndex = message.oneofs.count
            message.oneofs.append(.init(name: name, position: message.fields[index].position))
        }
    }

    /// `extend Name { fields }`: extensions appended to `scope`, groups too.
    mutating func parseExtend(into scope: inout ScopeSyntax) throws(ProtoError) {
        try expectKeyword("extend")
        let extendee = try expectDottedName("extendee type name", allowLeadingDot: true)
        try expectSymbol("{")
        while !consumeSymbol("}") {
            guard current.kind != .end else { throw expected("\"}\" closing extend block") }
            if consumeSymbol(";") { continue }
            var field = try parseField(context: .extend, into: &scope)
            field.extendee = extendee
            scope.extensions.append(field)
        }
    }

    /// `extensions 100 to 199, 500 to max [options];` (ranges stored end-exclusive).
    private mutating func parseExtensionRanges(_ message: inout MessageSyntax) throws(ProtoError) {
        var ranges: [MessageSyntax.Range] = []
        repeat {
            ranges.append(try parseRange(inclusiveEnd: false, maxValue: 536_870_911))
        } while consumeSymbol(",")
        var noField: FieldSyntax?
        let options = try parseBracketedOptions(field: &noField)
        try expectSymbol(";")
        for var range in ranges {
            range.options = options
            message.extensionRanges.append(range)
        }
    }

    /// `reserved 2, 9 to 11;` or `reserved "a", "b";`.
    mutating func parseReserved(
        _ ranges: inout [MessageSyntax.Range], names: inout [String], inclusiveEnd: Bool
    ) throws(ProtoError) {
        if current.kind == .string {
            repeat {
                names.append(String(decoding: try expectString("reserved name"), as: UTF8.self))
            } while consumeSymbol(",")
        } else {
            repeat {
                ranges.append(try parseRange(inclusiveEnd: inclusiveEnd, maxValue: inclusiveEnd ? Int64(Int32.max) : 536_870_911))
            } while consumeSymbol(",")
        }
        try expectSymbol(";")
    }

    /// `N` or `N to M` or `N to max`.
    private mutating func parseRange(inclusiveEnd: Bool, maxValue: Int64) throws(ProtoError) -> MessageSyntax.Range {
        let position = current.position
        let start = try expectInt32("field number range", allowNegative: inclusiveEnd)
        var end = start
        if consumeKeyword("to") {
            if consumeKeyword("max") {
                end = maxValue
            } else {
                end = try expectInt32("integer or \"max\"", allowNegative: inclusiveEnd)
            }
        }
        guard end >= start else { throw error(.invalid("reserved range end number must be greater than start number"), at: position) }
        return MessageSyntax.Range(start: start, end: inclusiveEnd ? end : end + 1, position: position)
    }
}
