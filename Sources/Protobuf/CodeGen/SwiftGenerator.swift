/// Writes Swift source for compiled `.proto` files (what `swift-many-protoc --swift_out`
/// writes): a struct per message with binary encoding and decoding (``GeneratedMessage``),
/// an enum per enum (``GeneratedEnum``), oneofs as enums, maps as dictionaries, proto2
/// optionals with their defaults, nested types nested; per service a server protocol and a
/// client struct over a ``ProtoTransport``. Comments in the `.proto` become doc comments when
/// the set carries source info. Extensions are not generated.
public struct SwiftGenerator: Sendable {
    /// Every message and enum of the set by full name (with the leading dot).
    let messages: [String: MessageInfo]
    let enums: [String: EnumInfo]
    let files: [FileDescriptorProto]
    /// Each file's `.proto` comments by element path (leading, else trailing), when it has source info.
    let comments: [String: [[Int32]: String]]
    /// The messages (full names, leading dot) that hold a `required` field, or can hold one in a
    /// sub-message: the ones whose generated code checks for missing required fields.
    let reachesRequired: Set<String>

    struct MessageInfo: Sendable {
        let swiftName: String
        let descriptor: DescriptorProto
        let isProto3: Bool
        /// The `.proto` file declaring it.
        let fileName: String
        var isMapEntry: Bool { descriptor.options?.bool(7) == true }
    }

    struct EnumInfo: Sendable {
        let swiftName: String
        let descriptor: EnumDescriptorProto
        let isClosed: Bool
        /// Each value's Swift name by value name: a case, or for an alias a static property.
        let memberNames: [String: String]
    }

    /// `set` must hold every file the generated files import (`--include_imports`).
    public init(set: FileDescriptorSet) {
        var messages: [String: MessageInfo] = [:]
        var enums: [String: EnumInfo] = [:]
        for file in set.file {
            let scope = file.package.map { "." + $0 } ?? ""
            let prefix = SwiftNames.packagePrefix(file.package)
            let isProto3 = file.syntax == "proto3"
            for message in file.messageType {
                Self.index(
                    message, protoScope: scope, swiftName: prefix + (message.name ?? ""), isProto3: isProto3, fileName: file.name ?? "",
                    into: &messages, &enums)
            }
            for item in file.enumType {
                enums[scope + "." + (item.name ?? "")] = Self.enumInfo(item, swiftName: prefix + (item.name ?? ""), isClosed: !isProto3)
            }
        }
        self.messages = messages
        self.enums = enums
        files = set.file
        var comments: [String: [[Int32]: String]] = [:]
        for file in set.file {
            guard let info = file.sourceCodeInfo else { continue }
            var byPath: [[Int32]: String] = [:]
            for location in info.location {
                if let text = location.leadingComments ?? location.trailingComments { byPath[location.path] = text }
            }
            comments[file.name ?? ""] = byPath
        }
        self.comments = comments
        reachesRequired = Self.messagesReachingRequired(messages)
    }

    private static func index(
        _ message: DescriptorProto, protoScope: String, swiftName: String, isProto3: Bool, fileName: String,
        into messages: inout [String: MessageInfo], _ enums: inout [String: EnumInfo]
    ) {
        let fullName = protoScope + "." + (message.name ?? "")
        messages[fullName] = MessageInfo(swiftName: swiftName, descriptor: message, isProto3: isProto3, fileName: fileName)
        for nested in message.nestedType {
            let name = swiftName + "." + SwiftNames.typeName(nested.name ?? "")
            index(nested, protoScope: fullName, swiftName: name, isProto3: isProto3, fileName: fileName, into: &messages, &enums)
        }
        for item in message.enumType {
            let name = swiftName + "." + SwiftNames.typeName(item.name ?? "")
            enums[fullName + "." + (item.name ?? "")] = enumInfo(item, swiftName: name, isClosed: !isProto3)
        }
    }

    private static func enumInfo(_ item: EnumDescriptorProto, swiftName: String, isClosed: Bool) -> EnumInfo {
        var names: [String: String] = [:]
        var used: Set<String> = ["unrecognized"]
        for value in item.value {
            var name = SwiftNames.enumCase(value.name ?? "", enumName: item.name ?? "")
            if used.contains(name) { name += "_\(value.number ?? 0)" }
            used.insert(name)
            names[value.name ?? ""] = name
        }
        return EnumInfo(swiftName: swiftName, descriptor: item, isClosed: isClosed, memberNames: names)
    }

    /// Where `--swift_out` writes the code for `protoName`: `dir/name.proto` → `dir/name.pb.swift`.
    public static func outputName(for protoName: String) -> String {
        (protoName.hasSuffix(".proto") ? String(protoName.dropLast(6)) : protoName) + ".pb.swift"
    }

    /// The Swift source for file `name` of the set, or nil when the set has no such file.
    public func generate(fileNamed name: String) -> String? {
        guard let file = files.first(where: { $0.name == name }) else { return nil }
        var writer = CodeWriter()
        writer.line("// Generated by swift-many-protoc from \(name). Do not edit.")
        writer.line()
        writer.line("import Protobuf")
        let scope = file.package.map { "." + $0 } ?? ""
        let comments = DocComments(byPath: self.comments[name] ?? [:])
        for (index, message) in file.messageType.enumerated() {
            guard let info = messages[scope + "." + (message.name ?? "")] else { continue }
            writer.line()
            writeMessage(info, fullName: scope + "." + (message.name ?? ""), declaredName: info.swiftName, path: [4, Int32(index)], comments: comments, to: &writer)
        }
        for (index, item) in file.enumType.enumerated() {
            guard let info = enums[scope + "." + (item.name ?? "")] else { continue }
            writer.line()
            writeEnum(info, declaredName: info.swiftName, fullName: String((scope + "." + (item.name ?? "")).dropFirst()), path: [5, Int32(index)], comments: comments, to: &writer)
        }
        for (index, service) in file.service.enumerated() {
            writer.line()
            writeService(service, package: file.package, path: [6, Int32(index)], comments: comments, to: &writer)
        }
        writer.line()
        writeFileDescriptor(file, to: &writer)
        return writer.text
    }
}

/// A file's comments by element path, written as `///` lines.
struct DocComments {
    let byPath: [[Int32]: String]

    /// Writes the comment of element `path`, if it has one; returns whether it did.
    @discardableResult
    func write(_ path: [Int32], to writer: inout CodeWriter) -> Bool {
        guard let text = byPath[path] else { return false }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.trimmingTrailingBlanks($0) }
        while lines.last?.allSatisfy({ $0 == " " }) == true { lines.removeLast() }
        for line in lines {
            writer.line(line.isEmpty ? "///" : "///" + (line.hasPrefix(" ") ? "" : " ") + line)
        }
        return !lines.isEmpty
    }

    private static func trimmingTrailingBlanks(_ line: Substring) -> String {
        var line = line
        while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
        return String(line)
    }
}
