/// The syntax tree of one `.proto` file, as written: type names not yet resolved,
/// options not yet interpreted, positions kept for errors.
struct ProtoFileSyntax: Sendable {
    enum Syntax: Sendable { case proto2, proto3 }

    struct Import: Sendable {
        enum Kind: Sendable { case normal, `public`, weak }
        var path: String
        var kind: Kind
        /// Where the `import` keyword is.
        var position: SourcePosition
    }

    var name: String
    var syntax: Syntax = .proto2
    var package: String?
    var packagePosition = SourcePosition(line: 0, column: 0)
    var imports: [Import] = []
    var options: [OptionSyntax] = []
    var scope = ScopeSyntax()
    var services: [ServiceSyntax] = []
    /// Source locations with comments, for `SourceCodeInfo`.
    var locations: [LocationRecord] = []
}

/// What files and messages both hold: message and enum types, and extensions from `extend` blocks.
struct ScopeSyntax: Sendable {
    var messages: [MessageSyntax] = []
    var enums: [EnumSyntax] = []
    var extensions: [FieldSyntax] = []
}

struct MessageSyntax: Sendable {
    struct Range: Sendable {
        var start: Int64
        /// Exclusive for messages, as in `DescriptorProto.ReservedRange`.
        var end: Int64
        var position: SourcePosition
        var options: [OptionSyntax] = []
        /// Written `to max`: for extension ranges the end depends on `message_set_wire_format`.
        var endsAtMax = false
    }

    struct Oneof: Sendable {
        var name: String
        var position: SourcePosition
        var options: [OptionSyntax] = []
    }

    var name: String
    var position: SourcePosition
    var fields: [FieldSyntax] = []
    var nested = ScopeSyntax()
    var oneofs: [Oneof] = []
    var extensionRanges: [Range] = []
    var reservedRanges: [Range] = []
    var reservedNames: [String] = []
    var options: [OptionSyntax] = []
    /// Synthesized for a `map<K, V>` field; protoc marks it `map_entry = true`.
    var isMapEntry = false
}

struct FieldSyntax: Sendable {
    enum TypeReference: Sendable {
        case scalar(FieldDescriptorProto.FieldType)
        /// A message or enum name, relative or with a leading dot; resolved by the compiler.
        case named(String)
        /// A proto2 group: the nested message of this name.
        case group(String)
    }

    var name: String
    var position: SourcePosition
    var number: Int64
    var numberPosition: SourcePosition
    var label: FieldDescriptorProto.Label
    var type: TypeReference
    var typePosition: SourcePosition
    var proto3Optional = false
    var oneofIndex: Int?
    /// For extensions: the extended message's name as written, and where.
    var extendee: String?
    var extendeePosition = SourcePosition(line: 0, column: 0)
    var defaultValue: OptionSyntax.Value?
    var defaultPosition = SourcePosition(line: 0, column: 0)
    var jsonName: String?
    var jsonNamePosition = SourcePosition(line: 0, column: 0)
    var options: [OptionSyntax] = []
}

struct EnumSyntax: Sendable {
    struct Value: Sendable {
        var name: String
        var number: Int64
        var position: SourcePosition
        var numberPosition: SourcePosition
        var options: [OptionSyntax] = []
    }

    var name: String
    var position: SourcePosition
    var values: [Value] = []
    /// Inclusive ranges, as in `EnumDescriptorProto.EnumReservedRange`.
    var reservedRanges: [MessageSyntax.Range] = []
    var reservedNames: [String] = []
    var options: [OptionSyntax] = []
}

struct ServiceSyntax: Sendable {
    struct Method: Sendable {
        var name: String
        var position: SourcePosition
        var inputType: String
        var inputPosition: SourcePosition
        var outputType: String
        var outputPosition: SourcePosition
        var clientStreaming = false
        var serverStreaming = false
        var options: [OptionSyntax] = []
        /// Written with a `{ ... }` body, which gives the method an options message even when empty.
        var hasBody = false
    }

    var name: String
    var position: SourcePosition
    var methods: [Method] = []
    var options: [OptionSyntax] = []
}

/// One `option name = value` (or `[name = value]`), uninterpreted: protoc's `UninterpretedOption`.
struct OptionSyntax: Sendable {
    struct NamePart: Sendable {
        var name: String
        /// Written in parentheses: an extension's name rather than a field's.
        var isExtension: Bool
    }

    enum Value: Sendable {
        case identifier(String)
        case positiveInteger(UInt64)
        /// A negative integer; its magnitude may be up to 2^63.
        case negativeInteger(UInt64)
        case float(Double)
        case string([UInt8])
        /// A text-format message in braces: its tokens, braces excluded.
        case aggregate([Token])
    }

    var name: [NamePart]
    var value: Value
    /// Where the name starts.
    var position: SourcePosition
    var valuePosition: SourcePosition
    /// The option's `SourceCodeInfo` path before interpretation: `[..., options, 999, index]`.
    var sourcePath: [Int32]

    /// The name as written, e.g. `(my.ext).field`.
    var displayName: String {
        name.map { $0.isExtension ? "(\($0.name))" : $0.name }.joined(separator: ".")
    }
}
