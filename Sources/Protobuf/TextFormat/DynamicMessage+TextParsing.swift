extension DynamicMessage {
    /// Reads protobuf text format as `protoc --encode` does (its `TextFormat::Parser` with
    /// partial messages allowed): fields by name (groups by their type's name), `:` optional
    /// before messages, `{}` or `<>`, lists in `[...]`, `;` or `,` after a field, `#` comments,
    /// enums by name or number, adjacent strings joined. A singular field given twice, or two
    /// members of a oneof, is an error, as in protoc. Messages nest at most `nestingLimit` deep.
    ///
    /// Extensions in `extensions` are read by name (`[corpus.p2.top_ext]: "x"`) and kept as
    /// unknown fields, in number order after the fields read (packed when declared packed), as
    /// protoc writes them when their numbers follow the message's own. A `google.protobuf.Any`
    /// may be written expanded, `[type.googleapis.com/pkg.T] { ... }`, when the pool holds the type.
    public init(
        textFormat text: String, type: MessageType, pool: DescriptorPool, extensions: ExtensionFields = .none,
        nestingLimit: Int = WireReader.defaultNestingLimit
    ) throws(TextFormatError) {
        var parser = TextFormatParser(tokens: try TextFormatTokenizer(text), pool: pool, extensions: extensions, nestingLimit: nestingLimit)
        self.init(type: type)
        while parser.tokens.current.kind != .end { try parser.parseField(into: &self) }
        TextFormatParser.orderExtensions(in: &self, extensions: extensions)
    }
}

/// The recursive-descent reader behind ``DynamicMessage/init(textFormat:type:pool:nestingLimit:)``.
struct TextFormatParser {
    var tokens: TextFormatTokenizer
    let pool: DescriptorPool
    let extensions: ExtensionFields
    let nestingLimit: Int
    private var depth = 0

    init(tokens: TextFormatTokenizer, pool: DescriptorPool, extensions: ExtensionFields, nestingLimit: Int) {
        self.tokens = tokens
        self.pool = pool
        self.extensions = extensions
        self.nestingLimit = nestingLimit
    }

    /// One field with its value or list of values, and the `;` or `,` after it.
    mutating func parseField(into message: inout DynamicMessage) throws(TextFormatError) {
        if try consumeIf("[") {
            try parseBracketed(into: &message)
            if try !consumeIf(";") { try consumeIf(",") }
            return
        }
        guard current.kind == .identifier else { throw error(.expected("identifier", found: current.text)) }
        let name = current.text
        try advance()
        guard let field = Self.field(named: name, in: message.type) else {
            throw error(.unknownField(type: message.type.fullName, name: name))
        }
        if !field.isRepeated { try checkNotSet(field, in: message) }
        let isMessage = field.type == .message || field.type == .group
        if isMessage {
            try consumeIf(":")
        } else {
            try expect(":")
        }
        if field.isRepeated, try consumeIf("[") {
            if try !consumeIf("]") {
                repeat { try parseValue(field, into: &message) } while try consumeIf(",")
                try expect("]")
            }
        } else {
            try parseValue(field, into: &message)
        }
        if try !consumeIf(";") { try consumeIf(",") }
    }

    /// A field by name; a group only by its type's name, as protoc spells it.
    private static func field(named name: String, in type: MessageType) -> MessageType.Field? {
        let field = type.field(named: name) ?? type.field(named: name.lowercased()).flatMap { $0.type == .group ? $0 : nil }
        if let field, field.type == .group, field.typeName.map(Self.shortName) != name { return nil }
        return field
    }

    static func shortName(_ fullName: String) -> String {
        fullName.split(separator: ".").last.map(String.init) ?? fullName
    }

    private func checkNotSet(_ field: MessageType.Field, in message: DynamicMessage) throws(TextFormatError) {
        if message.slots[field.position] != nil { throw error(.fieldSpecifiedTwice(name: field.name)) }
        guard let oneof = field.oneofIndex, let members = message.type.oneofMembers[oneof] else { return }
        for position in members where message.slots[position] != nil {
            let oneofName = message.type.oneofNames[oneof] ?? ""
            throw error(.oneofConflict(field: field.name, other: message.type.fields[position].name, oneof: oneofName))
        }
    }

    /// One value of `field`, stored: appended to a list or map, or set.
    private mutating func parseValue(_ field: MessageType.Field, into message: inout DynamicMessage) throws(TextFormatError) {
        if field.isMap {
            guard let entryType = pool.messageType(of: field), let keyField = entryType.field(number: 1),
                  let valueField = entryType.field(number: 2) else { return }
            let entry = try parseMessage(entryType)
            guard let key = entry[1].flatMap(Self.single) ?? DynamicMessage.zeroValue(keyField, pool: pool),
                  let value = entry[2].flatMap(Self.single) ?? DynamicMessage.zeroValue(valueField, pool: pool) else { return }
            var entries: [DynamicMessage.MapEntry] = []
            if case let .map(existing)? = message.slots[field.position] { entries = existing }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append(.init(key: key, value: value))
            }
            message.slots[field.position] = .map(entries)
            return
        }
        let value: DynamicMessage.Value
        if field.type == .message || field.type == .group {
            guard let subtype = pool.messageType(of: field) else { return }
            value = .message(try parseMessage(subtype))
        } else {
            value = try parseScalar(field)
        }
        if field.isRepeated {
            var list: [DynamicMessage.Value] = []
            if case let .repeated(items)? = message.slots[field.position] { list = items }
            list.append(value)
            message.slots[field.position] = .repeated(list)
        } else if field.hasPresence || !value.isZero {
            message.assign(field, .single(value))
        }
    }

    private static func single(_ value: DynamicMessage.FieldValue) -> DynamicMessage.Value? {
        if case let .single(item) = value { return item }
        return nil
    }

    /// `{ fields }` or `< fields >`, one nesting level deeper.
    mutating func parseMessage(_ type: MessageType) throws(TextFormatError) -> DynamicMessage {
        let closing: String
        if try consumeIf("{") {
            closing = "}"
        } else if try consumeIf("<") {
            closing = ">"
        } else {
            throw error(.expectedSymbol("{", found: current.text))
        }
        guard depth < nestingLimit else { throw error(.nestingTooDeep(limit: nestingLimit)) }
        depth += 1
        defer { depth -= 1 }
        var message = DynamicMessage(type: type)
        while try !consumeIf(closing) { try parseField(into: &message) }
        Self.orderExtensions(in: &message, extensions: extensions)
        return message
    }

    // MARK: tokens

    var current: TextFormatTokenizer.Token { tokens.current }

    mutating func advance() throws(TextFormatError) {
        try tokens.advance()
    }

    /// Consumes the symbol `text` if it is next.
    @discardableResult
    mutating func consumeIf(_ text: String) throws(TextFormatError) -> Bool {
        guard current.kind == .symbol && current.text == text else { return false }
        try advance()
        return true
    }

    mutating func expect(_ text: String) throws(TextFormatError) {
        guard try consumeIf(text) else { throw error(.expectedSymbol(text, found: current.text)) }
    }

    /// An error at the next token, where protoc reports it.
    func error(_ reason: TextFormatError.Reason) -> TextFormatError {
        TextFormatError(line: current.line + 1, column: current.column + 1, reason: reason)
    }
}
