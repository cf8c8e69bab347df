/// Turns one parsed file into its `FileDescriptorProto`: type names resolved through
/// enclosing scopes, numbers and names checked, defaults and json_name spelled as protoc
/// spells them. Options are filled in afterwards by ``OptionPass``, once every type
/// of the file is known.
struct FileBuilder {
    let syntax: ProtoFileSyntax
    let symbols: SymbolTable
    let visible: Set<String>
    /// Files written in proto3, whose enums are open; only those may type proto3 fields.
    let proto3Enums: Set<String>

    private var file: String { syntax.name }
    private var isProto3: Bool { syntax.syntax == .proto3 }

    func error(_ position: SourcePosition, _ reason: ProtoError.Reason) -> ProtoError {
        ProtoError(file, position, reason)
    }

    func build(dependencies: [String], publicIndexes: [Int32], weakIndexes: [Int32]) throws(ProtoError) -> FileDescriptorProto {
        var result = FileDescriptorProto()
        result.name = file
        result.package = syntax.package
        result.dependency = dependencies
        result.publicDependency = publicIndexes
        result.weakDependency = weakIndexes
        let package = syntax.package ?? ""
        for message in syntax.scope.messages { result.messageType.append(try build(message, scope: package)) }
        for item in syntax.scope.enums { result.enumType.append(try build(item, scope: package)) }
        for field in syntax.scope.extensions { result.extension.append(try build(field, scope: package)) }
        for service in syntax.services { result.service.append(try build(service, scope: package)) }
        if isProto3 { result.syntax = "proto3" }
        return result
    }

    private func build(_ message: MessageSyntax, scope: String) throws(ProtoError) -> DescriptorProto {
        let name = qualified(scope, message.name)
        var result = DescriptorProto()
        result.name = message.name
        if isProto3 && !message.extensionRanges.isEmpty {
            throw error(message.extensionRanges[0].position, .invalid("extension ranges are not allowed in proto3"))
        }
        for field in message.fields { result.field.append(try build(field, scope: name)) }
        for oneof in message.oneofs {
            var decl = OneofDescriptorProto()
            decl.name = oneof.name
            result.oneofDecl.append(decl)
        }
        for nested in message.nested.messages { result.nestedType.append(try build(nested, scope: name)) }
        for item in message.nested.enums { result.enumType.append(try build(item, scope: name)) }
        for range in message.extensionRanges {
            var extensionRange = DescriptorProto.ExtensionRange()
            extensionRange.start = Int32(range.start)
            extensionRange.end = Int32(range.end)
            result.extensionRange.append(extensionRange)
        }
        for field in message.nested.extensions { result.extension.append(try build(field, scope: name)) }
        result.reservedRange = message.reservedRanges.map { .init(start: Int32($0.start), end: Int32($0.end)) }
        result.reservedName = message.reservedNames
        try checkRanges(message, name: name)
        try checkNumbers(message, name: name)
        return result
    }

    /// Extension and reserved ranges: positive, extension ranges not empty, none overlapping
    /// another (extension ranges not overlapping reserved ones either), reserved names once.
    private func checkRanges(_ message: MessageSyntax, name: String) throws(ProtoError) {
        func overlap(_ a: MessageSyntax.Range, _ b: MessageSyntax.Range) -> Bool { a.end > b.start && b.end > a.start }
        func text(_ range: MessageSyntax.Range) -> String { "\(range.start) to \(range.end - 1)" }
        for (index, range) in message.reservedRanges.enumerated() {
            guard range.start > 0 else { throw error(range.position, .invalid("reserved numbers must be positive integers")) }
            if let other = message.reservedRanges[..<index].first(where: { overlap($0, range) }) {
                throw error(range.position, .invalid("reserved range \(text(range)) overlaps with already-defined range \(text(other))"))
            }
        }
        for (index, range) in message.extensionRanges.enumerated() {
            guard range.start > 0 else { throw error(range.position, .invalid("extension numbers must be positive integers")) }
            guard range.end > range.start else {
                throw error(range.position, .invalid("extension range end number must be greater than start number"))
            }
            if let other = message.extensionRanges[..<index].first(where: { overlap($0, range) }) {
                // protoc reports this one at the earlier range.
                throw error(other.position, .invalid("extension range \(text(range)) overlaps with already-defined range \(text(other))"))
            }
            if let other = message.reservedRanges.first(where: { overlap($0, range) }) {
                throw error(range.position, .invalid("extension range \(text(range)) overlaps with reserved range \(text(other))"))
            }
        }
        var names = Set<String>()
        for reserved in message.reservedNames where !names.insert(reserved).inserted {
            throw error(message.position, .invalid("field name \"\(reserved)\" is reserved multiple times"))
        }
    }

    /// Field numbers: in range, outside 19000...19999, not reserved, not taken twice;
    /// names not reserved; ranges not overlapping fields; in proto3, default JSON names distinct.
    private func checkNumbers(_ message: MessageSyntax, name: String) throws(ProtoError) {
        if isProto3 {
            var jsonNames: [String: String] = [:]
            for field in message.fields {
                let key = String(field.name.lowercased().filter { $0 != "_" })
                if let previous = jsonNames[key] {
                    throw error(field.position, .invalid(
                        "the JSON camel-case name of field \"\(field.name)\" conflicts with field \"\(previous)\"; this is not allowed in proto3"))
                }
                jsonNames[key] = field.name
            }
        }
        var seen: [Int64: String] = [:]
        for field in message.fields {
            try checkFieldNumber(field)
            if let previous = seen[field.number] {
                throw error(field.numberPosition, .duplicateFieldNumber(Int32(field.number), field: field.name, previous: previous))
            }
            seen[field.number] = field.name
            if message.reservedRanges.contains(where: { $0.start <= field.number && field.number < $0.end }) {
                throw error(field.numberPosition, .invalidFieldNumber(field.number, "is reserved in \"\(name)\""))
            }
            if message.reservedNames.contains(field.name) {
                throw error(field.position, .invalid("field name \"\(field.name)\" is reserved in \"\(name)\""))
            }
            if message.extensionRanges.contains(where: { $0.start <= field.number && field.number < $0.end }) {
                throw error(field.numberPosition, .invalidFieldNumber(field.number, "lies in an extension range of \"\(name)\""))
            }
        }
    }

    /// Extensions may go up to 2^31 - 1 when their extendee is a message set; the compiler
    /// checks their upper bound once it knows the extendee.
    private func checkFieldNumber(_ field: FieldSyntax) throws(ProtoError) {
        let limit: Int64 = field.extendee == nil ? 536_870_911 : Int64(Int32.max)
        guard field.number >= 1 && field.number <= limit else {
            throw error(field.numberPosition, .invalidFieldNumber(field.number, "is outside 1...536870911"))
        }
        guard !(19000...19999).contains(field.number) else {
            throw error(field.numberPosition, .invalidFieldNumber(field.number, "is reserved for the protocol buffer library implementation"))
        }
    }

    private func build(_ field: FieldSyntax, scope: String) throws(ProtoError) -> FieldDescriptorProto {
        let fullName = qualified(scope, field.name)
        var result = FieldDescriptorProto()
        result.name = field.name
        result.number = Int32(field.number)
        result.label = field.label
        if let extendee = field.extendee {
            try checkFieldNumber(field)
            guard let (extendeeName, symbol) = symbols.lookup(extendee, relativeTo: fullName, visible: visible, typesOnly: true) else {
                throw unresolved(extendee, at: field.extendeePosition)
            }
            guard symbol.kind == .message else { throw error(field.extendeePosition, .wrongKind(extendee, expected: "a message type")) }
            if isProto3 && !(extendeeName.hasPrefix("google.protobuf.") && extendeeName.hasSuffix("Options")) {
                throw error(field.extendeePosition, .invalid("extensions in proto3 are only allowed for defining options"))
            }
            if field.jsonName != nil {
                throw error(field.jsonNamePosition, .invalid("option json_name is not allowed on extension fields"))
            }
            result.extendee = "." + extendeeName
        }
        switch field.type {
        case let .scalar(type):
            result.type = type
        case let .named(name), let .group(name):
            guard let (typeName, symbol) = symbols.lookup(name, relativeTo: fullName, visible: visible, typesOnly: true) else {
                throw unresolved(name, at: field.typePosition)
            }
            guard symbol.kind.isType else { throw error(field.typePosition, .wrongKind(name, expected: "a type")) }
            if case .group = field.type {
                result.type = .group
            } else {
                result.type = symbol.kind == .message ? .message : .enum
            }
            if isProto3 && field.extendee == nil && symbol.kind == .enum && !proto3Enums.contains(symbol.file) {
                throw error(field.typePosition, .invalid("enum type \"\(name)\" is not a proto3 enum, but is used in a proto3 message"))
            }
            result.typeName = "." + typeName
        }
        if let value = field.defaultValue {
            result.defaultValue = try defaultValue(value, field: field, resolved: result)
        }
        if let oneofIndex = field.oneofIndex { result.oneofIndex = Int32(oneofIndex) }
        result.jsonName = field.jsonName ?? TextFormatting.jsonName(field.name)
        if field.proto3Optional { result.proto3Optional = true }
        return result
    }

    private func unresolved(_ name: String, at position: SourcePosition) -> ProtoError {
        error(position, .unresolvedType(name))
    }

    /// The default as protoc's `DefaultValueAsString` prints it, after checking it fits the type.
    private func defaultValue(_ value: OptionSyntax.Value, field: FieldSyntax, resolved: FieldDescriptorProto) throws(ProtoError) -> String {
        let position = field.defaultPosition
        if isProto3 { throw error(position, .invalid("explicit default values are not allowed in proto3")) }
        if field.label == .repeated { throw error(position, .invalid("repeated fields can't have default values")) }
        guard let type = resolved.type, type != .message, type != .group else {
            throw error(position, .invalid("messages can't have default values"))
        }
        let fail = { (why: String) -> ProtoError in self.error(position, .invalidValue(why)) }
        switch (type, value) {
        case (.int32, _), (.sint32, _), (.sfixed32, _), (.int64, _), (.sint64, _), (.sfixed64, _),
             (.uint32, _), (.fixed32, _), (.uint64, _), (.fixed64, _):
            let limits: (negative: UInt64, positive: UInt64)
            switch type {
            case .int32, .sint32, .sfixed32: limits = (1 << 31, UInt64(Int32.max))
            case .int64, .sint64, .sfixed64: limits = (1 << 63, UInt64(Int64.max))
            case .uint32, .fixed32: limits = (0, UInt64(UInt32.max))
            default: limits = (0, UInt64.max)
            }
            switch value {
            case let .positiveInteger(magnitude) where magnitude <= limits.positive: return "\(magnitude)"
            case let .negativeInteger(magnitude) where magnitude <= limits.negative: return magnitude == 0 ? "0" : "-\(magnitude)"
            default: throw fail("expected an integer in range for the default of \(type) field \"\(field.name)\"")
            }
        case (.float, _), (.double, _):
            let number: Double
            switch value {
            case let .float(double): number = double
            case let .positiveInteger(magnitude): number = Double(magnitude)
            case let .negativeInteger(magnitude): number = -Double(magnitude)
            case .identifier("inf"): number = .infinity
            case .identifier("nan"): number = .nan
            default: throw fail("expected a number for the default of \(type) field \"\(field.name)\"")
            }
            return type == .float ? TextFormatting.float(Float(number)) : TextFormatting.double(number)
        case (.bool, .identifier("true")), (.bool, .identifier("false")):
            if case let .identifier(word) = value { return word }
            throw fail("expected \"true\" or \"false\"")
        case (.string, .string(let bytes)):
            return String(decoding: bytes, as: UTF8.self)
        case (.bytes, .string(let bytes)):
            return TextFormatting.cEscape(bytes)
        case (.enum, .identifier(let word)):
            let enumName = String((resolved.typeName ?? "").dropFirst())
            let parent = enumName.lastIndex(of: ".").map { String(enumName[..<$0]) } ?? ""
            guard case .enumValue(enumName)? = symbols[qualified(parent, word)]?.kind else {
                throw fail("enum type \"\(enumName)\" has no value named \"\(word)\"")
            }
            return word
        default:
            throw fail("default value does not fit \(type) field \"\(field.name)\"")
        }
    }

    private func build(_ item: EnumSyntax, scope: String) throws(ProtoError) -> EnumDescriptorProto {
        var result = EnumDescriptorProto()
        result.name = item.name
        guard let first = item.values.first else { throw error(item.position, .invalid("enums must contain at least one value")) }
        if isProto3 && first.number != 0 {
            throw error(first.numberPosition, .invalid("the first enum value must be zero in proto3"))
        }
        let allowAlias = item.options.contains { option in
            if option.name.count == 1, option.name[0].name == "allow_alias", !option.name[0].isExtension,
               case .identifier("true") = option.value { return true }
            return false
        }
        for (index, range) in item.reservedRanges.enumerated() {
            if let other = item.reservedRanges[..<index].first(where: { $0.start <= range.end && range.start <= $0.end }) {
                throw error(range.position, .invalid(
                    "reserved range \(range.start) to \(range.end) overlaps with already-defined range \(other.start) to \(other.end)"))
            }
        }
        var seen: [Int64: String] = [:]
        for value in item.values {
            if let previous = seen[value.number], !allowAlias {
                throw error(value.numberPosition, .invalid(
                    "\"\(value.name)\" uses the same enum value as \"\(previous)\"; set option allow_alias = true to allow this"))
            }
            seen[value.number] = value.name
            if item.reservedRanges.contains(where: { $0.start <= value.number && value.number <= $0.end }) {
                throw error(value.position, .invalid("enum value \"\(value.name)\" uses reserved number \(value.number)"))
            }
            var descriptor = EnumValueDescriptorProto()
            descriptor.name = value.name
            descriptor.number = Int32(value.number)
            result.value.append(descriptor)
        }
        result.reservedRange = item.reservedRanges.map { .init(start: Int32($0.start), end: Int32($0.end)) }
        result.reservedName = item.reservedNames
        if isProto3 { try checkPrefixStrippedNames(item) }
        return result
    }

    /// proto3 enum value names stay distinct once the enum's name is stripped as a prefix
    /// and the rest is PascalCased (`MY_ENUM_FOO` and `FOO` clash), unless they alias one number.
    private func checkPrefixStrippedNames(_ item: EnumSyntax) throws(ProtoError) {
        let prefix = Array(item.name.lowercased().filter { $0 != "_" })
        var seen: [String: EnumSyntax.Value] = [:]
        for value in item.values {
            let stripped = TextFormatting.pascalCase(Self.removingPrefix(prefix, from: value.name))
            if let previous = seen[stripped], previous.name != value.name, previous.number != value.number {
                throw error(value.position, .invalid(
                    "enum value \"\(value.name)\" has the same name as \"\(previous.name)\" once the enum name prefix is stripped and case ignored"))
            }
            if seen[stripped] == nil { seen[stripped] = value }
        }
    }

    /// protoc's `PrefixRemover::MaybeRemove`: drops a leading enum-name prefix, matched
    /// case-insensitively and ignoring underscores, unless nothing would remain.
    static func removingPrefix(_ prefix: [Character], from name: String) -> String {
        let characters = Array(name)
        var index = 0
        var matched = 0
        while index < characters.count && matched < prefix.count {
            if characters[index] == "_" {
                index += 1
                continue
            }
            guard characters[index].lowercased() == String(prefix[matched]) else { return name }
            index += 1
            matched += 1
        }
        guard matched == prefix.count else { return name }
        while index < characters.count && characters[index] == "_" { index += 1 }
        return index == characters.count ? name : String(characters[index...])
    }

    private func build(_ service: ServiceSyntax, scope: String) throws(ProtoError) -> ServiceDescriptorProto {
        let name = qualified(scope, service.name)
        var result = ServiceDescriptorProto()
        result.name = service.name
        for method in service.methods {
            let methodName = name + "." + method.name
            var descriptor = MethodDescriptorProto()
            descriptor.name = method.name
            descriptor.inputType = try messageReference(method.inputType, scope: methodName, at: method.inputPosition)
            descriptor.outputType = try messageReference(method.outputType, scope: methodName, at: method.outputPosition)
            if method.clientStreaming { descriptor.clientStreaming = true }
            if method.serverStreaming { descriptor.serverStreaming = true }
            result.method.append(descriptor)
        }
        return result
    }

    private func messageReference(_ name: String, scope: String, at position: SourcePosition) throws(ProtoError) -> String {
        guard let (fullName, symbol) = symbols.lookup(name, relativeTo: scope, visible: visible, typesOnly: true) else {
            throw unresolved(name, at: position)
        }
        guard symbol.kind == .message else { throw error(position, .wrongKind(name, expected: "a message type")) }
        return "." + fullName
    }
}
