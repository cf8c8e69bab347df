/// Encodes an aggregate option value, `{ a: 1 b { c: "x" } [ext.name]: 2 }` in protobuf
/// text format, as a message of the option's type: fields in number order, repeated
/// numeric fields packed when the field is, proto3 zero scalars left out, like protoc's
/// round trip through a dynamic message.
struct AggregateEncoder {
    /// Nesting bound for messages inside an aggregate value.
    static let nestingMax = 100

    let file: String
    let index: TypeIndex
    let tokens: [Token]
    private var position = 0

    init(file: String, index: TypeIndex, tokens: [Token]) {
        self.file = file
        self.index = index
        self.tokens = tokens
    }

    static func bytes(_ fields: [WireField]) -> [UInt8] {
        var writer = WireWriter()
        for field in fields { writer.write(field) }
        return writer.bytes
    }

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private func fail(_ what: String) -> ProtoError {
        let found = current?.quoted ?? "end of aggregate value"
        let at = current?.position ?? tokens.last?.position ?? SourcePosition(line: 0, column: 0)
        return ProtoError(file, at, .expected(what + " in aggregate value", found: found))
    }

    private mutating func consume(_ symbol: String) -> Bool {
        guard let token = current, token.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    /// The fields of message `name` up to `closing` (or the end of the tokens).
    mutating func encodeMessage(_ name: String, message: TypeIndex.Message, closing: String?, depth: Int) throws(ProtoError) -> [WireField] {
        guard depth < Self.nestingMax else { throw fail("messages nested at most \(Self.nestingMax) deep") }
        var values: [Int32: (field: FieldDescriptorProto, values: [WireValue])] = [:]
        while true {
            if let closing, consume(closing) { break }
            guard current != nil else {
                if closing == nil { break }
                throw fail("\"\(closing ?? "")\"")
            }
            let field = try fieldName(in: name, message: message)
            let number = field.number ?? 0
            if values[number] != nil && field.label != .repeated {
                throw fail("field \"\(field.name ?? "")\" set once (it is not repeated)")
            }
            let parsed = try fieldValues(field, depth: depth)
            values[number, default: (field, [])].values += parsed
            _ = consume(",") || consume(";")
        }
        return emit(values, proto3: message.isProto3)
    }

    private mutating func fieldName(in name: String, message: TypeIndex.Message) throws(ProtoError) -> FieldDescriptorProto {
        if consume("[") {
            var extensionName = ""
            while let token = current, !token.isSymbol("]") {
                extensionName += token.text
                position += 1
            }
            guard consume("]") else { throw fail("\"]\"") }
            guard let field = index.extensions[extensionName], field.extendee == "." + name else {
                throw fail("extension of \(name) (\"\(extensionName)\" is not one)")
            }
            return field
        }
        guard let token = current, token.kind == .identifier else { throw fail("field name") }
        position += 1
        let fields = message.descriptor.field
        if let field = fields.first(where: { $0.name == token.text && $0.type != .group }) { return field }
        if let field = fields.first(where: { $0.type == .group && $0.typeName?.split(separator: ".").last.map(String.init) == token.text }) {
            return field
        }
        position -= 1
        throw fail("a field of \(name)")
    }

    private mutating func fieldValues(_ field: FieldDescriptorProto, depth: Int) throws(ProtoError) -> [WireValue] {
        let isMessage = field.type == .message || field.type == .group
        if isMessage {
            _ = consume(":")
        } else if !consume(":") {
            throw fail("\":\"")
        }
        guard consume("[") else { return [try singleValue(field, depth: depth)] }
        var values: [WireValue] = []
        if consume("]") { return values }
        repeat {
            values.append(try singleValue(field, depth: depth))
        } while consume(",")
        guard consume("]") else { throw fail("\"]\"") }
        return values
    }

    private mutating func singleValue(_ field: FieldDescriptorProto, depth: Int) throws(ProtoError) -> WireValue {
        if field.type == .message || field.type == .group {
            guard let message = index.message(of: field), let typeName = field.typeName else { throw fail("message type") }
            let closing: String
            if consume("{") {
                closing = "}"
            } else if consume("<") {
                closing = ">"
            } else {
                throw fail("\"{\"")
            }
            let fields = try encodeMessage(String(typeName.dropFirst()), message: message, closing: closing, depth: depth + 1)
            return field.type == .group ? .group(fields) : .lengthDelimited(Self.bytes(fields))
        }
        let start = current?.position ?? SourcePosition(line: 0, column: 0)
        let value = try scalarToken()
        let encoding = OptionValueEncoding(file: file, index: index)
        return try encoding.encode(
            value, type: field.type ?? .int32, typeName: field.typeName, name: field.name ?? "", position: start, textFormat: true)
    }

    private mutating func scalarToken() throws(ProtoError) -> OptionSyntax.Value {
        let negative = consume("-")
        guard let token = current else { throw fail("value") }
        switch token.kind {
        case .integer:
            guard let magnitude = Parser.integerValue(token.text) else { throw fail("integer in range") }
            position += 1
            return negative ? .negativeInteger(magnitude) : .positiveInteger(magnitude)
        case .float:
            var text = token.text
            if text.hasSuffix(".") { text += "0" }
            if text.hasPrefix(".") { text = "0" + text }
            guard let value = Double(text) else { throw fail("number") }
            position += 1
            return .float(negative ? -value : value)
        case .identifier:
            position += 1
            if negative {
                switch token.text.lowercased() {
                case "inf", "infinity": return .float(-.infinity)
                case "nan": return .float(.nan)
                default: throw fail("number after \"-\"")
                }
            }
            return .identifier(token.text)
        case .string where !negative:
            var bytes: [UInt8] = []
            while let next = current, next.kind == .string {
                bytes += next.bytes
                position += 1
            }
            return .string(bytes)
        default:
            throw fail("value")
        }
    }

    /// Writes collected values in field-number order.
    private func emit(_ values: [Int32: (field: FieldDescriptorProto, values: [WireValue])], proto3: Bool) -> [WireField] {
        var fields: [WireField] = []
        for number in values.keys.sorted() {
            guard let (field, list) = values[number] else { continue }
            if index.isPacked(field, proto3: proto3) {
                guard !list.isEmpty else { continue }
                var writer = WireWriter()
                for value in list {
                    switch value {
                    case let .varint(raw): writer.writeVarint(raw)
                    case let .fixed32(raw): writer.writeFixed32(raw)
                    case let .fixed64(raw): writer.writeFixed64(raw)
                    case .lengthDelimited, .group: break
                    }
                }
                fields.append(WireField(number: Int(number), value: .lengthDelimited(writer.bytes)))
                continue
            }
            for value in list where !(proto3 && isImplicitDefault(field, value)) {
                fields.append(WireField(number: Int(number), value: value))
            }
        }
        return fields
    }

    /// A proto3 singular scalar without presence holding its zero value, which is not written.
    private func isImplicitDefault(_ field: FieldDescriptorProto, _ value: WireValue) -> Bool {
        guard field.label != .repeated, field.proto3Optional != true, field.oneofIndex == nil,
              field.type != .message, field.type != .group else { return false }
        switch value {
        case let .varint(raw), let .fixed64(raw): return raw == 0
        case let .fixed32(raw): return raw == 0
        case let .lengthDelimited(bytes): return bytes.isEmpty
        case .group: return false
        }
    }
}
