/// Compiles `.proto` files to descriptors as `protoc --descriptor_set_out` does: reads
/// each file and its imports through a ``ProtoFileLoader``, parses them (proto2 and
/// proto3), resolves every type reference, interprets options, and returns the files
/// dependencies first.
///
/// ```swift
/// let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: ["protos"]))
/// let set = try compiler.compile(["api.proto"])      // --include_imports
/// let bytes = set.serializedBytes()                   // same bytes as protoc writes
/// ```
public struct ProtoCompiler {
    /// Bound on the number of distinct files one compilation reads.
    public static let filesMax = 10_000

    public var loader: any ProtoFileLoader

    public init(loader: any ProtoFileLoader) {
        self.loader = loader
    }

    /// The files named (as imported, relative to an include path) and everything they
    /// import, each once, dependencies before dependents: `--include_imports` order.
    /// `includeSourceInfo` adds each file's `SourceCodeInfo` (`--include_source_info`).
    public func compile(_ names: [String], includeSourceInfo: Bool = false) throws(ProtoError) -> FileDescriptorSet {
        var session = CompileSession(loader: loader, includeSourceInfo: includeSourceInfo)
        for name in names { try session.compile(name, importedFrom: nil) }
        return FileDescriptorSet(file: session.order.compactMap { session.built[$0] })
    }
}

/// The state of one compilation: files parsed and built so far, and the import chain.
private struct CompileSession {
    let loader: any ProtoFileLoader
    let includeSourceInfo: Bool
    var parsed: [String: ProtoFileSyntax] = [:]
    var built: [String: FileDescriptorProto] = [:]
    var order: [String] = []
    var inProgress: [String] = []
    var symbols = SymbolTable()
    var index = TypeIndex()
    /// Extension numbers taken so far, by extendee.
    var extensionNumbers: [String: [Int32: String]] = [:]

    init(loader: any ProtoFileLoader, includeSourceInfo: Bool) {
        self.loader = loader
        self.includeSourceInfo = includeSourceInfo
    }

    mutating func compile(_ name: String, importedFrom: (file: String, position: SourcePosition)?) throws(ProtoError) {
        if built[name] != nil { return }
        if let start = inProgress.firstIndex(of: name) {
            // protoc reports the cycle at the import that starts it, in the file that imports itself.
            let chain = Array(inProgress[start...]) + [name]
            let position = parsed[name]?.imports.first { $0.path == chain[1] }?.position ?? SourcePosition(line: 0, column: 0)
            throw ProtoError(name, position, .importCycle(chain))
        }
        guard parsed.count < ProtoCompiler.filesMax else {
            throw ProtoError(file: name, line: 1, column: 1, reason: .invalid("more than \(ProtoCompiler.filesMax) files"))
        }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.contains("\\"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            let reason = ProtoError.Reason.invalid(
                "\"\(name)\": backslashes, consecutive slashes, \".\", or \"..\" are not allowed in an import path")
            if let importedFrom { throw ProtoError(importedFrom.file, importedFrom.position, reason) }
            throw ProtoError(file: name, line: 1, column: 1, reason: reason)
        }
        guard let source = loader.load(name) else {
            if let importedFrom { throw ProtoError(importedFrom.file, importedFrom.position, .fileNotFound(name)) }
            throw ProtoError(file: name, line: 1, column: 1, reason: .fileNotFound(name))
        }
        let syntax = try Parser.parse(source, name: name)
        parsed[name] = syntax
        inProgress.append(name)
        for item in syntax.imports {
            try compile(item.path, importedFrom: (name, item.position))
        }
        inProgress.removeLast()
        try build(syntax)
        order.append(name)
    }

    /// Files whose symbols `syntax` may use: itself, its imports, and what those re-export with `import public`.
    private func visibleFiles(_ syntax: ProtoFileSyntax) -> Set<String> {
        var visible: Set<String> = [syntax.name]
        var pending = syntax.imports.map(\.path)
        while let next = pending.popLast() {
            guard visible.insert(next).inserted, let imported = parsed[next] else { continue }
            pending += imported.imports.filter { $0.kind == .public }.map(\.path)
        }
        return visible
    }

    private mutating func build(_ syntax: ProtoFileSyntax) throws(ProtoError) {
        try symbols.register(syntax)
        let visible = visibleFiles(syntax)
        let proto3Files = Set(parsed.values.filter { $0.syntax == .proto3 }.map(\.name))
        let builder = FileBuilder(syntax: syntax, symbols: symbols, visible: visible, proto3Enums: proto3Files)
        let imports = syntax.imports
        var file = try builder.build(
            dependencies: imports.map(\.path),
            publicIndexes: imports.indices.filter { imports[$0].kind == .public }.map { Int32($0) },
            weakIndexes: imports.indices.filter { imports[$0].kind == .weak }.map { Int32($0) })
        index.add(file)
        let interpreter = OptionInterpreter(file: syntax.name, symbols: symbols, visible: visible, index: index)
        var optionPass = OptionPass(interpreter: interpreter)
        try optionPass.apply(syntax, to: &file)
        index.add(file)
        try checkExtensions(syntax.scope, file: file, name: syntax.name)
        if includeSourceInfo {
            file.sourceCodeInfo = SourceInfoBuilder.build(syntax.locations, interpretedPaths: optionPass.paths.interpreted)
        }
        built[syntax.name] = file
    }

    /// Every extension's number lies in an extension range of its extendee, and no two
    /// extensions of one message (from any file) share a number.
    private mutating func checkExtensions(_ scope: ScopeSyntax, file: FileDescriptorProto, name: String) throws(ProtoError) {
        var all: [(FieldSyntax, FieldDescriptorProto)] = []
        collect(scope, descriptors: file.messageType, extensions: file.extension, into: &all)
        for (syntax, field) in all {
            guard let extendee = field.extendee, let message = index.messages[String(extendee.dropFirst())] else { continue }
            let number = field.number ?? 0
            if number > 536_870_911 && message.descriptor.options?.bool(1) != true {
                throw ProtoError(name, syntax.numberPosition, .invalidFieldNumber(
                    Int64(number), "is outside 1...536870911 (only message sets take larger extension numbers)"))
            }
            if let previous = extensionNumbers[extendee]?[number] {
                throw ProtoError(name, syntax.numberPosition, .duplicateFieldNumber(number, field: syntax.name, previous: previous))
            }
            extensionNumbers[extendee, default: [:]][number] = syntax.name
            let inRange = message.descriptor.extensionRange.contains { ($0.start ?? 0) <= number && number < ($0.end ?? 0) }
            guard inRange else {
                throw ProtoError(name, syntax.numberPosition, .invalidFieldNumber(
                    Int64(number), "is not in an extension range of \"\(extendee.dropFirst())\""))
            }
        }
    }

    private func collect(
        _ scope: ScopeSyntax, descriptors: [DescriptorProto], extensions: [FieldDescriptorProto],
        into all: inout [(FieldSyntax, FieldDescriptorProto)]
    ) {
        all += zip(scope.extensions, extensions)
        for (message, descriptor) in zip(scope.messages, descriptors) {
            collect(message.nested, descriptors: descriptor.nestedType, extensions: descriptor.extension, into: &all)
        }
    }
}
