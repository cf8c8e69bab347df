extension TextFormatParser {
    /// What follows `[`: an extension by full name and its value or list of values, or, in a
    /// `google.protobuf.Any`, a type URL and the message it packs (`[type.googleapis.com/pkg.T] { ... }`).
    mutating func parseBracketed(into message: inout DynamicMessage) throws(TextFormatError) {
        var name = try dottedName()
        if message.type.fullName == TextFormatAny.typeName, try consumeIf("/") {
            name += "/" + (try dottedName())
            try expect("]")
            try parseExpandedAny(url: name, into: &message)
            return
        }
        try expect("]")
        guard let field = extensions.field(named: name), field.extendee == message.type.fullName else {
            throw error(.unknownExtension(name: name, type: message.type.fullName))
        }
        if !field.isRepeated, message.unknownFields.contains(where: { $0.number == field.number }) {
            throw error(.fieldSpecifiedTwice(name: name))
        }
        if field.type == .message || field.type == .group {
            try consumeIf(":")
        } else {
            try expect(":")
        }
        var values: [DynamicMessage.Value] = []
        if field.isRepeated, try consumeIf("[") {
            if try !consumeIf("]") {
                repeat { values.append(try extensionValue(field)) } while try consumeIf(",")
                try expect("]")
            }
        } else {
            values.append(try extensionValue(field))
        }
        message.unknownFields += field.wireFields(values)
    }

    /// `name(.name)*`, as protoc reads an extension's name or a type URL's parts.
    private mutating func dottedName() throws(TextFormatError) -> String {
        var name = ""
        repeat {
            guard current.kind == .identifier else { throw error(.expected("identifier", found: current.text)) }
            name += (name.isEmpty ? "" : ".") + current.text
            try advance()
        } while try consumeIf(".")
        return name
    }

    private mutating func extensionValue(_ field: ExtensionFields.Field) throws(TextFormatError) -> DynamicMessage.Value {
        guard field.type == .message || field.type == .group else {
            return try parseScalar(ScalarField(name: Self.shortName(field.fullName), type: field.type, typeName: field.typeName))
        }
        guard let type = field.typeName.flatMap({ pool.messageType($0) }) else {
            throw error(.unknownExtension(name: field.fullName, type: field.extendee))
        }
        return .message(try parseMessage(type))
    }

    /// The packed message after `[url]`: an optional `:`, then `{ ... }` or `< ... >`, stored as
    /// the Any's `type_url` and `value` (its bytes as protoc writes them: maps in the order read).
    private mutating func parseExpandedAny(url: String, into message: inout DynamicMessage) throws(TextFormatError) {
        guard let type = TextFormatAny.messageType(url: url, pool: pool) else { throw error(.anyTypeNotFound(url: url)) }
        try consumeIf(":")
        let packed = try parseMessage(type)
        guard message[1] == nil && message[2] == nil else { throw error(.anySpecifiedTwice) }
        let bytes = (try? packed.serializedBytes(deterministic: false, checkRequired: false)) ?? []
        do {
            try message.set(1, .single(.string(url)))
            if !bytes.isEmpty { try message.set(2, .single(.bytes(bytes))) }
        } catch {
            throw self.error(.anyTypeNotFound(url: url))
        }
    }

    /// Extensions read into `message.unknownFields` put in number order, a packed extension's
    /// runs joined into one, as C++ writes a message's extensions.
    static func orderExtensions(in message: inout DynamicMessage, extensions: ExtensionFields) {
        guard message.unknownFields.count > 1 else { return }
        var merged: [WireField] = []
        var packedRun: [Int: Int] = [:]
        for field in message.unknownFields {
            if case let .lengthDelimited(bytes) = field.value,
               extensions.field(extending: message.type.fullName, number: field.number)?.isPacked == true {
                if let index = packedRun[field.number], case let .lengthDelimited(earlier) = merged[index].value {
                    merged[index].value = .lengthDelimited(earlier + bytes)
                    continue
                }
                packedRun[field.number] = merged.count
            }
            merged.append(field)
        }
        message.unknownFields = merged.enumerated()
            .sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
            .map(\.element)
    }
}
