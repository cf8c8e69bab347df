extension Parser {
    /// `message Name { ... }`, appended to `scope`; `location` is the message's open location.
    mutating func parseMessage(into scope: inout ScopeSyntax, location: Int) throws(ProtoError) {
        try expectKeyword("message")
        let path = locations[location].path
        let nameLocation = openLocation(path + [1])
        let position = current.position
        var message = MessageSyntax(name: try expectIdentifier("message name"), position: position)
        closeLocation(nameLocation)
        try parseMessageBody(&message, location: location)
        scope.messages.append(message)
    }

    /// `{ statements }` of a message or group.
    mutating func parseMessageBody(_ message: inout MessageSyntax, location: Int) throws(ProtoError) {
        let path = locations[location].path
        try expectEndOfDeclaration("{", location: location)
        while !consumeEndOfDeclaration("}", location: nil) {
            guard current.kind != .end else { throw expected("\"}\" closing message \"\(message.name)\"") }
            try parseMessageStatement(&message, path: path)
        }
        if syntax == .proto3 { addSyntheticOneofs(&message) }
        if Parser.isMessageSet(message) {
            // protoc's AdjustExtensionRangesWithMaxEndNumber: message sets extend to 2^31 - 1.
            for index in message.extensionRanges.indices where message.extensionRanges[index].endsAtMax {
                message.extensionRanges[index].end = Int64(Int32.max)
            }
        }
    }

    /// Whether the message says `option message_set_wire_format = true;`.
    static func isMessageSet(_ message: MessageSyntax) -> Bool {
        message.options.contains { option in
            guard option.name.count == 1, option.name[0].name == "message_set_wire_format", !option.name[0].isExtension,
                  case .identifier("true") = option.value else { return false }
            return true
        }
    }

    private mutating func parseMessageStatement(_ message: inout MessageSyntax, path: [Int32]) throws(ProtoError) {
        if consumeEndOfDeclaration(";", location: nil) { return }
        if current.isIdentifier("message") {
            let location = openLocation(path + [3, Int32(message.nested.messages.count)])
            try parseMessage(into: &message.nested, location: location)
            closeLocation(location)
        } else if current.isIdentifier("enum") {
            let location = openLocation(path + [4, Int32(message.nested.enums.count)])
            message.nested.enums.append(try parseEnum(location: location))
            closeLocation(location)
        } else if current.isIdentifier("extensions") {
            let location = openLocation(path + [5])
            try parseExtensionRanges(&message, location: location)
            closeLocation(location)
        } else if current.isIdentifier("reserved") {
            try parseReserved(path: path, rangesField: 9, namesField: 10, ranges: &message.reservedRanges, names: &message.reservedNames)
        } else if current.isIdentifier("extend") {
            let location = openLocation(path + [6])
            try parseExtend(into: &message.nested, scopePath: path, nestedTypeField: 3, location: location)
            closeLocation(location)
        } else if current.isIdentifier("option") {
            let location = openLocation(path + [7])
            message.options.append(try parseOptionStatement(path: path + [7], index: message.options.count))
            closeLocation(location)
        } else if current.isIdentifier("oneof") {
            let location = openLocation(path + [8, Int32(message.oneofs.count)])
            try parseOneof(&message, path: path, location: location)
            closeLocation(location)
        } else {
            let location = openLocation(path + [2, Int32(message.fields.count)])
            let field = try parseField(context: .message, into: &message.nested, scopePath: path, nestedTypeField: 3, location: location)
            message.fields.append(field)
            closeLocation(location)
        }
    }

    static let labels: [String: FieldDescriptorProto.Label] = ["optional": .optional, "required": .required, "repeated": .repeated]

    /// Where a field is declared, which decides the labels it may carry.
    enum FieldContext { case message, oneof, extend }

    /// One field declaration at open location `location`; a group's or map entry's message
    /// is appended to `scope`, whose messages sit at `scopePath + [nestedTypeField, index]`.
    mutating func parseField(
        context: FieldContext, into scope: inout ScopeSyntax, scopePath: [Int32], nestedTypeField: Int32, location: Int
    ) throws(ProtoError) -> FieldSyntax {
        let path = locations[location].path
        let fieldStart = current.position
        var label: FieldDescriptorProto.Label?
        if current.kind == .identifier, let word = Parser.labels[current.text] {
            if context == .oneof {
                throw error(.invalid("fields in oneofs must not have labels (required / optional / repeated)"))
            }
            let labelLocation = openLocation(path + [4])
            advance()
            closeLocation(labelLocation)
            label = word
        }
        if syntax == .proto3 && label == .required {
            throw error(.invalid("required fields are not allowed in proto3"))
        }
        if current.isIdentifier("map") && tokensAhead(1).isSymbol("<") {
            guard label == nil else {
                throw error(.invalid("field labels (required/optional/repeated) are not allowed on map fields"))
            }
            guard context == .message else {
                throw error(.invalid(context == .oneof ? "map fields are not allowed in oneofs" : "map fields are not allowed to be extensions"))
            }
            return try parseMapField(into: &scope, location: location)
        }
        if label == nil && syntax == .proto2 && context != .oneof {
            throw expected("\"required\", \"optional\", or \"repeated\"")
        }
        if current.isIdentifier("group") && tokensAhead(1).kind == .identifier && tokensAhead(2).isSymbol("=") {
            let groupPath = scopePath + [nestedTypeField, Int32(scope.messages.count)]
            return try parseGroup(label: label ?? .optional, into: &scope, groupPath: groupPath, fieldStart: fieldStart, location: location)
        }
        let typePosition = current.position
        let isScalar = current.kind == .identifier && FieldDescriptorProto.FieldType(keyword: current.text) != nil
        let typeLocation = openLocation(path + [isScalar ? 5 : 6])
        let type = try parseTypeReference()
        closeLocation(typeLocation)
        var field = try parseFieldRest(label: label ?? .optional, type: type, typePosition: typePosition, path: path)
        try expectEndOfDeclaration(";", location: location)
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

    /// `name = number [options]` after the type.
    private mutating func parseFieldRest(
        label: FieldDescriptorProto.Label, type: FieldSyntax.TypeReference, typePosition: SourcePosition, path: [Int32]
    ) throws(ProtoError) -> FieldSyntax {
        let position = current.position
        let nameLocation = openLocation(path + [1])
        let name = try expectIdentifier("field name")
        closeLocation(nameLocation)
        try expectSymbol("=")
        let numberPosition = current.position
        let numberLocation = openLocation(path + [3])
        let number = try expectInt32("field number", allowNegative: true)
        closeLocation(numberLocation)
        var field: FieldSyntax? = FieldSyntax(
            name: name, position: position, number: number, numberPosition: numberPosition, label: label, type: type,
            typePosition: typePosition)
        let options = try parseBracketedOptions(field: &field, path: path + [8])
        guard var result = field else { throw expected("field") }
        result.options = options
        return result
    }

    /// `map<K, V> name = N;`: the field plus its synthesized `NameEntry` message.
    private mutating func parseMapField(into scope: inout ScopeSyntax, location: Int) throws(ProtoError) -> FieldSyntax {
        let path = locations[location].path
        let typePosition = current.position
        let typeLocation = openLocation(path + [6])
        try expectKeyword("map")
        try expectSymbol("<")
        let keyPosition = current.position
        let key = try parseTypeReference()
        try expectSymbol(",")
        let valuePosition = current.position
        let value = try parseTypeReference()
        try expectSymbol(">")
        closeLocation(typeLocation)
        switch key {
        case .scalar(.double), .scalar(.float), .scalar(.bytes):
            throw error(.invalid("key in map fields cannot be float/double, bytes or message types"), at: typePosition)
        case .named:
            throw error(.invalid("key in map fields cannot be enum or message types"), at: typePosition)
        default:
            break
        }
        let entryName = Parser.mapEntryName(current.text)
        let field = try parseFieldRest(label: .repeated, type: .named(entryName), typePosition: typePosition, path: path)
        guard field.defaultValue == nil else { throw error(.invalid("map fields cannot have default values"), at: field.defaultPosition) }
        try expectEndOfDeclaration(";", location: location)
        var entry = MessageSyntax(name: entryName, position: field.position)
        entry.isMapEntry = true
        entry.fields = [
            FieldSyntax(name: "key", position: keyPosition, number: 1, numberPosition: keyPosition, label: .optional,
                        type: key, typePosition: keyPosition),
            FieldSyntax(name: "value", position: valuePosition, number: 2, numberPosition: valuePosition, label: .optional,
                        type: value, typePosition: valuePosition),
        ]
        scope.messages.append(entry)
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

    /// `group Name = N [options] { body }`: a field named `name` and a nested message `Name`,
    /// with the overlapping locations protoc records for both.
    private mutating func parseGroup(
        label: FieldDescriptorProto.Label, into scope: inout ScopeSyntax, groupPath: [Int32], fieldStart: SourcePosition, location: Int
    ) throws(ProtoError) -> FieldSyntax {
        let path = locations[location].path
        let typePosition = current.position
        guard syntax == .proto2 else { throw error(.invalid("groups are not supported in proto3 syntax")) }
        let typeLocation = openLocation(path + [5])
        try expectKeyword("group")
        closeLocation(typeLocation)
        let nameToken = current
        let groupName = nameToken.text
        guard let first = groupName.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else {
            throw error(.invalid("group names must start with a capital letter"))
        }
        var result = try parseFieldRest(label: label, type: .group(groupName), typePosition: typePosition, path: path)
        result.name = groupName.lowercased()
        let groupLocation = openLocation(groupPath, at: fieldStart)
        let groupNameLocation = openLocation(groupPath + [1], at: nameToken.position)
        closeLocation(groupNameLocation, at: nameToken)
        let typeNameLocation = openLocation(path + [6], at: nameToken.position)
        closeLocation(typeNameLocation, at: nameToken)
        var message = MessageSyntax(name: groupName, position: nameToken.position)
        scope.messages.append(message)
        let slot = scope.messages.count - 1
        try parseMessageBody(&message, location: groupLocation)
        closeLocation(groupLocation)
        scope.messages[slot] = message
        return result
    }

    /// `oneof name { fields and options }`.
    private mutating func parseOneof(_ message: inout MessageSyntax, path: [Int32], location: Int) throws(ProtoError) {
        let oneofPath = locations[location].path
        try expectKeyword("oneof")
        let position = current.position
        let nameLocation = openLocation(oneofPath + [1])
        let name = try expectIdentifier("oneof name")
        closeLocation(nameLocation)
        var oneof = MessageSyntax.Oneof(name: name, position: position)
        let oneofIndex = message.oneofs.count
        message.oneofs.append(oneof)
        try expectEndOfDeclaration("{", location: location)
        repeat {
            guard current.kind != .end else { throw expected("\"}\" closing oneof \"\(name)\"") }
            if current.isIdentifier("option") {
                let optionLocation = openLocation(oneofPath + [2])
                oneof.options.append(try parseOptionStatement(path: oneofPath + [2], index: oneof.options.count))
                closeLocation(optionLocation)
                continue
            }
            let fieldLocation = openLocation(path + [2, Int32(message.fields.count)])
            var field = try parseField(context: .oneof, into: &message.nested, scopePath: path, nestedTypeField: 3, location: fieldLocation)
            closeLocation(fieldLocation)
            field.oneofIndex = oneofIndex
            field.label = .optional
            message.fields.append(field)
        } while !consumeEndOfDeclaration("}", location: nil)
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

    /// `extend Name { fields }` at open location `location`: extensions appended to `scope`, groups too.
    mutating func parseExtend(
        into scope: inout ScopeSyntax, scopePath: [Int32], nestedTypeField: Int32, location: Int
    ) throws(ProtoError) {
        let path = locations[location].path
        try expectKeyword("extend")
        let extendeeStart = current
        let extendee = try expectDottedName("extendee type name", allowLeadingDot: true)
        let extendeeEnd = previousToken
        try expectEndOfDeclaration("{", location: location)
        repeat {
            guard current.kind != .end else { throw expected("\"}\" closing extend block") }
            let fieldLocation = openLocation(path + [Int32(scope.extensions.count)])
            let extendeeLocation = openLocation(path + [Int32(scope.extensions.count), 2], at: extendeeStart.position)
            closeLocation(extendeeLocation, at: extendeeEnd)
            var field = try parseField(
                context: .extend, into: &scope, scopePath: scopePath, nestedTypeField: nestedTypeField, location: fieldLocation)
            closeLocation(fieldLocation)
            field.extendee = extendee
            field.extendeePosition = extendeeStart.position
            scope.extensions.append(field)
        } while !consumeEndOfDeclaration("}", location: nil)
    }

    /// `extensions 100 to 199, 500 to max [options];` (ranges stored end-exclusive). The
    /// options' locations are recorded once and copied to every range, as protoc does.
    private mutating func parseExtensionRanges(_ message: inout MessageSyntax, location: Int) throws(ProtoError) {
        let path = locations[location].path
        try expectKeyword("extensions")
        let firstRange = message.extensionRanges.count
        var ranges: [MessageSyntax.Range] = []
        repeat {
            let rangeIndex = Int32(firstRange + ranges.count)
            ranges.append(try parseRange(path: path + [rangeIndex], inclusiveEnd: false, maxValue: 536_870_911))
        } while consumeSymbol(",")
        var options: [OptionSyntax] = []
        if current.isSymbol("[") {
            let outer = locations
            locations = []
            let indexLocation = openLocation(path + [0])
            var noField: FieldSyntax?
            options = try parseBracketedOptions(field: &noField, path: path + [0, 3])
            closeLocation(indexLocation)
            let recorded = locations
            locations = outer
            for rangeIndex in ranges.indices {
                for var record in recorded where record.path.count != path.count + 1 {
                    record.path[path.count] = Int32(firstRange + rangeIndex)
                    locations.append(record)
                }
            }
        }
        try expectEndOfDeclaration(";", location: location)
        for var range in ranges {
            range.options = options
            message.extensionRanges.append(range)
        }
    }

    /// `reserved 2, 9 to 11;` or `reserved "a", "b";` in the message or enum at `path`.
    mutating func parseReserved(
        path: [Int32], rangesField: Int32, namesField: Int32, ranges: inout [MessageSyntax.Range], names: inout [String]
    ) throws(ProtoError) {
        let start = current.position
        try expectKeyword("reserved")
        let isEnum = rangesField == 4
        if current.kind == .string {
            let location = openLocation(path + [namesField], at: start)
            repeat {
                let nameLocation = openLocation(path + [namesField, Int32(names.count)])
                names.append(String(decoding: try expectString("reserved name"), as: UTF8.self))
                closeLocation(nameLocation)
            } while consumeSymbol(",")
            try expectEndOfDeclaration(";", location: location)
            closeLocation(location)
        } else {
            let location = openLocation(path + [rangesField], at: start)
            repeat {
                let rangePath = path + [rangesField, Int32(ranges.count)]
                ranges.append(try parseRange(path: rangePath, inclusiveEnd: isEnum, maxValue: isEnum ? Int64(Int32.max) : 536_870_911))
            } while consumeSymbol(",")
            try expectEndOfDeclaration(";", location: location)
            closeLocation(location)
        }
    }

    /// `N` or `N to M` or `N to max`, with locations for the range, its start and its end.
    private mutating func parseRange(path: [Int32], inclusiveEnd: Bool, maxValue: Int64) throws(ProtoError) -> MessageSyntax.Range {
        let position = current.position
        let location = openLocation(path)
        let startToken = current
        let startLocation = openLocation(path + [1])
        let start = try expectInt32("field number range", allowNegative: inclusiveEnd)
        closeLocation(startLocation)
        var end = start
        var endsAtMax = false
        if consumeKeyword("to") {
            let endLocation = openLocation(path + [2])
            if consumeKeyword("max") {
                end = maxValue
                endsAtMax = true
            } else {
                end = try expectInt32("integer or \"max\"", allowNegative: inclusiveEnd)
            }
            closeLocation(endLocation)
        } else {
            let endLocation = openLocation(path + [2], at: startToken.position)
            closeLocation(endLocation, at: previousToken)
        }
        closeLocation(location)
        // protoc accepts a message's reserved range that ends before it starts; the compiler checks extension ranges.
        if inclusiveEnd && end < start {
            throw error(.invalid("reserved range end number must be greater than start number"), at: position)
        }
        return MessageSyntax.Range(start: start, end: inclusiveEnd ? end : end + 1, position: position, endsAtMax: endsAtMax)
    }
}
