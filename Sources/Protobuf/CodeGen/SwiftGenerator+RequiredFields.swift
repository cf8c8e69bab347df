extension SwiftGenerator {
    /// The messages that hold a `required` field, or a message field (singular, repeated, map
    /// value or oneof member) whose type does: a fixed point over the message graph.
    static func messagesReachingRequired(_ messages: [String: MessageInfo]) -> Set<String> {
        var reaching = Set(messages.filter { $0.value.descriptor.field.contains { $0.label == .required } }.keys)
        var changed = true
        while changed {
            changed = false
            for (name, info) in messages where !reaching.contains(name) {
                let holds = info.descriptor.field.contains { field in
                    (field.type == .message || field.type == .group) && field.typeName.map { reaching.contains($0) } == true
                }
                if holds {
                    reaching.insert(name)
                    changed = true
                }
            }
        }
        return reaching
    }

    /// `missingRequiredFieldPath()`: this message's unset required fields in declaration order,
    /// then its sub-messages in field-number order (list items by index, map values by key), each
    /// named as Python's `FindInitializationErrors` names it.
    func writeMissingRequiredFieldPath(_ plans: [FieldPlan], message: DescriptorProto, to writer: inout CodeWriter) {
        writer.block("public func missingRequiredFieldPath() -> String?") { writer in
            for field in message.field where field.label == .required {
                let baseName = SwiftNames.lowerCamel(field.name ?? "")
                writer.line("if self._\(baseName) == nil { return \(SwiftNames.stringLiteral(field.name ?? "")) }")
            }
            for plan in plans where plan.isMessage {
                guard plan.descriptor.typeName.map({ reachesRequired.contains($0) }) == true else { continue }
                let protoName = plan.descriptor.name ?? ""
                let prefix = SwiftNames.stringLiteral(protoName + ".")
                switch plan.storage {
                case let .map(key, _):
                    writer.block("for key in self.\(plan.name).keys.sorted(by: \(codec(key)).keyPrecedes)") { writer in
                        writer.line("if let path = self.\(plan.name)[key]?.missingRequiredFieldPath() {")
                        writer.line("    return \(SwiftNames.stringLiteral(protoName)) + RequiredFieldPath.key(key) + \".\" + path")
                        writer.line("}")
                    }
                case .repeated:
                    writer.block("for (index, value) in self.\(plan.name).enumerated()") { writer in
                        writer.line("if let path = value.missingRequiredFieldPath() { return \(SwiftNames.stringLiteral(protoName)) + \"[\\(index)].\" + path }")
                    }
                case .presence:
                    let value = plan.isBoxed ? "box.value" : "value"
                    let binding = plan.isBoxed ? "box" : "value"
                    writer.line("if let \(binding) = self._\(plan.baseName), let path = \(value).missingRequiredFieldPath() { return \(prefix) + path }")
                case .implicit:
                    writer.line("if let path = self.\(plan.name).missingRequiredFieldPath() { return \(prefix) + path }")
                case let .oneofMember(oneof):
                    writer.line("if case let .\(plan.name)(value)? = self.\(SwiftNames.escaped(oneof)), let path = value.missingRequiredFieldPath() { return \(prefix) + path }")
                }
            }
            writer.line("return nil")
        }
    }
}
