/// Fills in the options of a built file, walking its syntax tree and descriptor side by
/// side (they have the same shape), once every type the options may name is indexed.
struct OptionPass {
    let interpreter: OptionInterpreter
    /// Source paths of the options interpreted so far, for `SourceCodeInfo`.
    var paths = OptionPaths()

    mutating func apply(_ syntax: ProtoFileSyntax, to file: inout FileDescriptorProto) throws(ProtoError) {
        let package = syntax.package ?? ""
        file.options = try interpret(syntax.options, kind: .file, scope: package + ".dummy")
        try apply(syntax.scope, scope: package, messages: &file.messageType, enums: &file.enumType, extensions: &file.extension)
        for (service, index) in zip(syntax.services, file.service.indices) {
            let name = qualified(package, service.name)
            file.service[index].options = try interpret(service.options, kind: .service, scope: name)
            for (method, methodIndex) in zip(service.methods, file.service[index].method.indices) {
                file.service[index].method[methodIndex].options = try interpret(
                    method.options, kind: .method, scope: name + "." + method.name, present: method.hasBody)
            }
        }
    }

    private mutating func apply(
        _ syntax: ScopeSyntax, scope: String, messages: inout [DescriptorProto], enums: inout [EnumDescriptorProto],
        extensions: inout [FieldDescriptorProto]
    ) throws(ProtoError) {
        for (message, index) in zip(syntax.messages, messages.indices) {
            try apply(message, scope: scope, to: &messages[index])
        }
        for (item, index) in zip(syntax.enums, enums.indices) {
            let name = qualified(scope, item.name)
            enums[index].options = try interpret(item.options, kind: .enum, scope: name)
            for (value, valueIndex) in zip(item.values, enums[index].value.indices) {
                enums[index].value[valueIndex].options = try interpret(value.options, kind: .enumValue, scope: qualified(scope, value.name))
            }
        }
        for (field, index) in zip(syntax.extensions, extensions.indices) {
            extensions[index].options = try interpret(field.options, kind: .field, scope: qualified(scope, field.name))
        }
    }

    private mutating func apply(_ message: MessageSyntax, scope: String, to descriptor: inout DescriptorProto) throws(ProtoError) {
        let name = qualified(scope, message.name)
        let mapEntry = message.isMapEntry ? [WireField(number: 7, value: .varint(1))] : []
        descriptor.options = try interpret(message.options, kind: .message, scope: name, preset: mapEntry)
        for (field, index) in zip(message.fields, descriptor.field.indices) {
            descriptor.field[index].options = try interpret(field.options, kind: .field, scope: name + "." + field.name)
        }
        for (oneof, index) in zip(message.oneofs, descriptor.oneofDecl.indices) {
            descriptor.oneofDecl[index].options = try interpret(oneof.options, kind: .oneof, scope: name + "." + oneof.name)
        }
        for (range, index) in zip(message.extensionRanges, descriptor.extensionRange.indices) {
            // One statement's options are parsed once and shared by its ranges; each range's copy has its own path.
            let options = range.options.map { option in
                var copy = option
                if copy.sourcePath.count >= 4 { copy.sourcePath[copy.sourcePath.count - 4] = Int32(index) }
                return copy
            }
            descriptor.extensionRange[index].options = try interpret(options, kind: .extensionRange, scope: name)
        }
        try apply(message.nested, scope: name, messages: &descriptor.nestedType, enums: &descriptor.enumType, extensions: &descriptor.extension)
    }

    private mutating func interpret(
        _ options: [OptionSyntax], kind: OptionsKind, scope: String, preset: [WireField] = [], present: Bool = false
    ) throws(ProtoError) -> DescriptorOptions? {
        try interpreter.interpret(options, kind: kind, scope: scope, paths: &paths, preset: preset, present: present)
    }
}
