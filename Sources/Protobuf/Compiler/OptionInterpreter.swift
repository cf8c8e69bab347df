/// Interprets `option` statements the way protoc's `OptionInterpreter` does: each name
/// is resolved to a standard option or an extension of the element's options message
/// (through sub-message fields for `(ext).a.b` names), the value is checked against the
/// field's type and becomes one wire field. Standard options are then written in
/// field-number order and custom ones after them in source order.
struct OptionInterpreter {
    let file: String
    let symbols: SymbolTable
    let visible: Set<String>
    let index: TypeIndex

    /// The options message for `options` on an element of `kind` whose full name is `scope`
    /// (files pass `package.dummy`, as protoc does); nil when there are none, unless `present`.
    /// Each option's source path is mapped in `paths` to the path of the field it set.
    func interpret(
        _ options: [OptionSyntax], kind: OptionsKind, scope: String, paths: inout OptionPaths, preset: [WireField] = [],
        present: Bool = false
    ) throws(ProtoError) -> DescriptorOptions? {
        guard !options.isEmpty || !preset.isEmpty || present else { return nil }
        var fields = preset
        for option in options {
            let (field, path, isRepeated) = try interpret(option, kind: kind, scope: scope)
            if !isRepeated && Self.isSet(path[...], in: fields) {
                throw ProtoError(file, option.position, .invalid("option \"\(option.displayName)\" was already set"))
            }
            fields.append(field)
            paths.record(option.sourcePath, fieldNumbers: path, isRepeated: isRepeated)
        }
        let standard = fields.enumerated().filter { $0.element.number < 1000 }
            .sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(\.element)
        return DescriptorOptions(fields: standard + fields.filter { $0.number >= 1000 })
    }

    /// Whether the field at `path` (numbers through sub-messages) already has a value in `fields`,
    /// looking inside aggregate values too, as protoc's `ExamineIfOptionIsSet` does.
    static func isSet(_ path: ArraySlice<Int>, in fields: [WireField]) -> Bool {
        guard let number = path.first else { return false }
        for field in fields where field.number == number {
            if path.count == 1 { return true }
            switch field.value {
            case let .group(inner):
                if isSet(path.dropFirst(), in: inner) { return true }
            case let .lengthDelimited(bytes):
                var reader = WireReader(bytes)
                var inner: [WireField] = []
                while !reader.isAtEnd {
                    guard let (innerNumber, type) = try? reader.readTag(),
                          let value = try? reader.readField(number: innerNumber, type: type) else { break }
                    inner.append(value)
                }
                if isSet(path.dropFirst(), in: inner) { return true }
            default:
                continue
            }
        }
        return false
    }

    private func interpret(_ option: OptionSyntax, kind: OptionsKind, scope: String) throws(ProtoError) -> (WireField, [Int], Bool) {
        let position = option.position
        let name = option.displayName
        guard let first = option.name.first else { throw ProtoError(file, position, .unknownOption(name)) }
        if !first.isExtension {
            guard option.name.count == 1, let standard = kind.standard(first.name) else {
                throw ProtoError(file, position, .unknownOption(name))
            }
            let encoding = OptionValueEncoding(file: file, index: index)
            let value = try encoding.encode(
                option.value, type: standard.type, typeName: nil, standardEnum: standard.enumValues, name: name, position: option.valuePosition)
            return (WireField(number: standard.number, value: value), [standard.number], false)
        }
        var path: [FieldDescriptorProto] = []
        var extendee = kind.messageName
        for (offset, part) in option.name.enumerated() {
            let field = try resolve(part, in: extendee, scope: scope, option: option)
            path.append(field)
            if offset < option.name.count - 1 {
                guard index.message(of: field) != nil, let typeName = field.typeName else {
                    throw ProtoError(file, position, .invalid("option \"\(name)\" is an atomic type, not a message"))
                }
                extendee = String(typeName.dropFirst())
            }
        }
        guard let leaf = path.last, let leafType = leaf.type, let number = leaf.number else {
            throw ProtoError(file, position, .unknownOption(name))
        }
        var value: WireValue
        if leafType == .message || leafType == .group {
            guard case let .aggregate(tokens) = option.value, let message = index.message(of: leaf), let typeName = leaf.typeName else {
                throw ProtoError(file, option.valuePosition, .invalidValue(
                    "option \"\(name)\" is a message; set it with \"\(name) = { <proto text format> }\" or field by field"))
            }
            var aggregate = AggregateEncoder(file: file, index: index, tokens: tokens)
            let fields = try aggregate.encodeMessage(String(typeName.dropFirst()), message: message, closing: nil, depth: 0)
            value = leafType == .group ? .group(fields) : .lengthDelimited(AggregateEncoder.bytes(fields))
        } else {
            let encoding = OptionValueEncoding(file: file, index: index)
            value = try encoding.encode(option.value, type: leafType, typeName: leaf.typeName, name: name, position: option.valuePosition)
        }
        var field = WireField(number: Int(number), value: value)
        for outer in path.dropLast().reversed() {
            field = WireField(
                number: Int(outer.number ?? 0), value: outer.type == .group ? .group([field]) : .lengthDelimited(AggregateEncoder.bytes([field])))
        }
        return (field, path.map { Int($0.number ?? 0) }, leaf.label == .repeated)
    }

    /// One part of an option name: a field of `message` by name, or an extension of it.
    private func resolve(_ part: OptionSyntax.NamePart, in message: String, scope: String, option: OptionSyntax) throws(ProtoError) -> FieldDescriptorProto {
        if part.isExtension {
            guard let (fullName, symbol) = symbols.lookup(part.name, relativeTo: scope, visible: visible, typesOnly: false),
                  symbol.kind == .extension, let field = index.extensions[fullName]
            else {
                throw ProtoError(file, option.position, .unknownOption(
                    "\(option.displayName)\" (make sure the file defining \"\(part.name)\" is imported)"))
            }
            guard field.extendee == "." + message else {
                throw ProtoError(file, option.position, .invalid(
                    "option \"\(part.name)\" extends \(field.extendee ?? "?"), not \(message)"))
            }
            return field
        }
        guard let descriptor = index.messages[message]?.descriptor,
              let field = descriptor.field.first(where: { $0.name == part.name })
        else {
            throw ProtoError(file, option.position, .unknownOption("\(option.displayName)\" (\(message) has no field \"\(part.name)\")"))
        }
        return field
    }
}

/// Where each option's source location moves once interpreted: protoc's `interpreted_paths_`
/// with `repeated_option_counts_` numbering repeated options.
struct OptionPaths {
    private(set) var interpreted: [[Int32]: [Int32]] = [:]
    private var repeatedCounts: [[Int32]: Int32] = [:]

    /// `[..., options, 999, i]` becomes `[..., options] + fieldNumbers`, plus the option's
    /// index among earlier values of the same repeated option.
    mutating func record(_ sourcePath: [Int32], fieldNumbers: [Int], isRepeated: Bool) {
        guard sourcePath.count >= 2 else { return }
        var destination = Array(sourcePath.dropLast(2)) + fieldNumbers.map { Int32($0) }
        if isRepeated {
            let index = repeatedCounts[destination, default: 0]
            repeatedCounts[destination] = index + 1
            destination.append(index)
        }
        interpreted[sourcePath] = destination
    }
}
