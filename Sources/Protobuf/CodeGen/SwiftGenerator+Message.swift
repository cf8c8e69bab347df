extension SwiftGenerator {
    /// A proto message as a struct: its properties, oneof enums, nested types, and the
    /// ``WireMessage`` members that decode and encode it.
    func writeMessage(
        _ info: MessageInfo, fullName: String, declaredName: String, path: [Int32], comments: DocComments, to writer: inout CodeWriter
    ) {
        let message = info.descriptor
        let plans = plans(for: message, fullName: fullName, isProto3: info.isProto3)
        if comments.write(path, to: &writer) { writer.line("///") }
        writer.line("/// `\(fullName.dropFirst())`")
        writer.block("public struct \(declaredName): GeneratedMessage") { writer in
            writer.line("public static let protoMessageName = \(SwiftNames.stringLiteral(String(fullName.dropFirst())))")
            writer.line("public static var protoFile: GeneratedProtoFile { \(SwiftNames.fileNamespace(info.fileName)).file }")
            writer.line()
            writeProperties(plans, message: message, path: path, comments: comments, to: &writer)
            writer.line("public var unknownFields: [WireField] = []")
            writeOneofEnums(plans, message: message, path: path, comments: comments, to: &writer)
            for (index, nested) in message.nestedType.enumerated() {
                let nestedName = fullName + "." + (nested.name ?? "")
                guard let nestedInfo = messages[nestedName], !nestedInfo.isMapEntry else { continue }
                writer.line()
                writeMessage(
                    nestedInfo, fullName: nestedName, declaredName: SwiftNames.typeName(nested.name ?? ""), path: path + [3, Int32(index)],
                    comments: comments, to: &writer)
            }
            for (index, item) in message.enumType.enumerated() {
                guard let enumInfo = enums[fullName + "." + (item.name ?? "")] else { continue }
                writer.line()
                writeEnum(
                    enumInfo, declaredName: SwiftNames.typeName(item.name ?? ""), fullName: String(fullName.dropFirst()) + "." + (item.name ?? ""),
                    path: path + [4, Int32(index)], comments: comments, to: &writer)
            }
            writer.line()
            writer.line("public init() {}")
            writer.line()
            writeDecode(plans, message: message, to: &writer)
            writer.line()
            writeEncode(plans, message: message, to: &writer)
            if reachesRequired.contains(fullName) {
                writer.line()
                writeMissingRequiredFieldPath(plans, message: message, to: &writer)
            }
        }
    }

    private func writeProperties(_ plans: [FieldPlan], message: DescriptorProto, path: [Int32], comments: DocComments, to writer: inout CodeWriter) {
        var oneofsDeclared: Set<String> = []
        for plan in plans {
            if case .oneofMember = plan.storage {} else { comments.write(path + [2, Int32(plan.declarationIndex)], to: &writer) }
            switch plan.storage {
            case .implicit:
                writer.line("public var \(plan.name): \(plan.swiftType) = \(defaultValue(plan.descriptor))")
            case .repeated:
                writer.line("public var \(plan.name): [\(plan.swiftType)] = []")
            case let .map(key, value):
                writer.line("public var \(plan.name): [\(swiftType(key)): \(swiftType(value))] = [:]")
            case let .oneofMember(oneof):
                guard oneofsDeclared.insert(oneof).inserted else { continue }
                writer.line("public var \(SwiftNames.escaped(oneof)): \(oneofTypeName(oneof, in: message))? = nil")
            case .presence:
                let stored = plan.isBoxed ? "ProtoBox<\(plan.swiftType)>?" : "\(plan.swiftType)?"
                let read = plan.isBoxed ? "_\(plan.baseName)?.value" : "_\(plan.baseName)"
                let write = plan.isBoxed ? "ProtoBox(newValue)" : "newValue"
                let capitalized = plan.baseName.prefix(1).uppercased() + plan.baseName.dropFirst()
                writer.block("public var \(plan.name): \(plan.swiftType)") { writer in
                    writer.line("get { \(read) ?? \(defaultValue(plan.descriptor)) }")
                    writer.line("set { _\(plan.baseName) = \(write) }")
                }
                writer.line("public var has\(capitalized): Bool { _\(plan.baseName) != nil }")
                writer.line("public mutating func clear\(capitalized)() { _\(plan.baseName) = nil }")
                writer.line("private var _\(plan.baseName): \(stored) = nil")
            }
        }
    }

    private func writeOneofEnums(_ plans: [FieldPlan], message: DescriptorProto, path: [Int32], comments: DocComments, to writer: inout CodeWriter) {
        var order: [String] = []
        var members: [String: [FieldPlan]] = [:]
        for plan in plans {
            guard case let .oneofMember(oneof) = plan.storage else { continue }
            if members[oneof] == nil { order.append(oneof) }
            members[oneof, default: []].append(plan)
        }
        for oneof in order {
            writer.line()
            writer.block("public indirect enum \(oneofTypeName(oneof, in: message)): Hashable, Sendable") { writer in
                for plan in members[oneof] ?? [] {
                    comments.write(path + [2, Int32(plan.declarationIndex)], to: &writer)
                    writer.line("case \(plan.name)(\(plan.swiftType))")
                }
            }
        }
    }
}
