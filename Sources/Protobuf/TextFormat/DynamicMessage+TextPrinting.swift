extension DynamicMessage {
    /// The message in protobuf text format exactly as `protoc --decode` prints it (protoc
    /// 3.21's `TextFormat::Print`): set fields in number order, two spaces per level, groups
    /// by their type's name, map entries sorted by key, enums by name (the first declared for
    /// a number; the number when unnamed), strings and bytes `CEscape`d, floats as
    /// `SimpleFtoa`/`SimpleDtoa`, then unknown fields by number (length-delimited ones that
    /// parse as fields printed as a nested block).
    ///
    /// Unknown fields that are extensions in `extensions` print by name among the fields, in
    /// number order (`[corpus.p2.top_ext]: "x"`), as protoc prints the extensions it knows.
    /// With `expandAny`, a `google.protobuf.Any` whose type URL (`type.googleapis.com/` or
    /// `type.googleprod.com/`) names a type in the pool, and whose value decodes with its
    /// required fields, prints as `[type.googleapis.com/pkg.T] { ... }`, as C++'s printer does
    /// with `SetExpandAny(true)` and Python's `text_format` by default (`protoc --decode` does not expand).
    public func textFormat(pool: DescriptorPool, extensions: ExtensionFields = .none, expandAny: Bool = false) -> String {
        var printer = TextFormatPrinter(pool: pool, extensions: extensions, expandAny: expandAny)
        printer.print(self, indent: "")
        return printer.output
    }
}

/// Writes text format for ``DynamicMessage/textFormat(pool:extensions:expandAny:)``.
struct TextFormatPrinter {
    let pool: DescriptorPool
    let extensions: ExtensionFields
    let expandAny: Bool
    var output = ""

    init(pool: DescriptorPool, extensions: ExtensionFields, expandAny: Bool) {
        self.pool = pool
        self.extensions = extensions
        self.expandAny = expandAny
    }

    mutating func print(_ message: DynamicMessage, indent: String) {
        if expandAny, message.type.fullName == TextFormatAny.typeName, printExpanded(any: message, indent: indent) { return }
        let (known, unknown) = extensionValues(message)
        var next = known.startIndex
        for field in message.type.fields {
            while next < known.endIndex, known[next].field.number < field.number {
                printExtension(known[next], indent: indent)
                next += 1
            }
            guard let slot = message[field.number] else { continue }
            let name = field.type == .group ? field.typeName.map(TextFormatParser.shortName) ?? field.name : field.name
            switch slot {
            case let .single(value):
                if !field.hasPresence && value.isZero { continue }
                print(name, value, type: field.type, typeName: field.typeName, indent: indent)
            case let .repeated(values):
                for value in values { print(name, value, type: field.type, typeName: field.typeName, indent: indent) }
            case let .map(entries):
                guard let entryType = field.typeName.flatMap({ pool.messageType($0) }), let keyField = entryType.field(number: 1),
                      let valueField = entryType.field(number: 2) else { continue }
                let inner = indent + "  "
                for entry in entries.sorted(by: { Self.keyOrder($0.key, $1.key) }) {
                    output += indent + name + " {\n"
                    print("key", entry.key, type: keyField.type, typeName: nil, indent: inner)
                    print("value", entry.value, type: valueField.type, typeName: valueField.typeName, indent: inner)
                    output += indent + "}\n"
                }
            }
        }
        for item in known[next...] { printExtension(item, indent: indent) }
        UnknownFieldsPrinter.print(unknown, indent: indent, into: &output)
    }

    /// The message's unknown fields split into the known extensions' values (in number order)
    /// and the fields that stay unknown (in the order read).
    private func extensionValues(
        _ message: DynamicMessage
    ) -> (known: [(field: ExtensionFields.Field, values: [DynamicMessage.Value])], unknown: [WireField]) {
        let extendee = message.type.fullName
        guard !message.unknownFields.isEmpty, extensions.hasFields(extending: extendee) else { return ([], message.unknownFields) }
        var positions: [Int: [Int]] = [:]
        for (position, field) in message.unknownFields.enumerated() where extensions.field(extending: extendee, number: field.number) != nil {
            positions[field.number, default: []].append(position)
        }
        var known: [(field: ExtensionFields.Field, values: [DynamicMessage.Value])] = []
        var taken: Set<Int> = []
        for number in positions.keys.sorted() {
            guard let field = extensions.field(extending: extendee, number: number), let indexes = positions[number] else { continue }
            let read = field.values(indexes.map { message.unknownFields[$0] }, pool: pool)
            for (index, wasTaken) in zip(indexes, read.taken) where wasTaken { taken.insert(index) }
            if !read.values.isEmpty { known.append((field, read.values)) }
        }
        let unknown = message.unknownFields.enumerated().filter { !taken.contains($0.offset) }.map(\.element)
        return (known, unknown)
    }

    private mutating func printExtension(_ item: (field: ExtensionFields.Field, values: [DynamicMessage.Value]), indent: String) {
        for value in item.values {
            print("[" + item.field.fullName + "]", value, type: item.field.type, typeName: item.field.typeName, indent: indent)
        }
    }

    /// `[type.googleapis.com/pkg.T] { ... }` when the Any's type is in the pool and its value
    /// decodes with every required field; false (print it as a plain message) otherwise.
    private mutating func printExpanded(any: DynamicMessage, indent: String) -> Bool {
        guard let (url, message) = TextFormatAny.unpack(any, pool: pool) else { return false }
        output += indent + "[" + url + "] {\n"
        print(message, indent: indent + "  ")
        output += indent + "}\n"
        return true
    }

    private mutating func print(
        _ name: String, _ value: DynamicMessage.Value, type: FieldDescriptorProto.FieldType, typeName: String?, indent: String
    ) {
        switch value {
        case let .message(message):
            output += indent + name + " {\n"
            print(message, indent: indent + "  ")
            output += indent + "}\n"
        case let .enum(number):
            let valueName = typeName.flatMap { pool.enumType($0) }?.values.first { $0.number == number }?.name
            output += indent + name + ": " + (valueName ?? String(number)) + "\n"
        default:
            output += indent + name + ": " + Self.scalarText(value) + "\n"
        }
    }

    static func scalarText(_ value: DynamicMessage.Value) -> String {
        switch value {
        case let .int32(number), let .enum(number): return String(number)
        case let .int64(number): return String(number)
        case let .uint32(number): return String(number)
        case let .uint64(number): return String(number)
        case let .float(number): return TextFormatting.float(number)
        case let .double(number): return TextFormatting.double(number)
        case let .bool(flag): return flag ? "true" : "false"
        case let .string(text): return "\"" + TextFormatting.cEscape(Array(text.utf8)) + "\""
        case let .bytes(bytes): return "\"" + TextFormatting.cEscape(bytes) + "\""
        case .message: return ""
        }
    }

    /// protoc's `MapEntryMessageComparator`: integers by signed or unsigned value, `false`
    /// before `true`, strings by bytes.
    static func keyOrder(_ lhs: DynamicMessage.Value, _ rhs: DynamicMessage.Value) -> Bool {
        switch (lhs, rhs) {
        case let (.int32(a), .int32(b)): return a < b
        case let (.int64(a), .int64(b)): return a < b
        case let (.uint32(a), .uint32(b)): return a < b
        case let (.uint64(a), .uint64(b)): return a < b
        case let (.bool(a), .bool(b)): return !a && b
        case let (.string(a), .string(b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return false
        }
    }
}
