extension SwiftGenerator {
    /// `decodeField`: one `case` per field number reading the payload into its property;
    /// false (keep as unknown) when the wire type does not fit.
    func writeDecode(_ plans: [FieldPlan], message: DescriptorProto, to writer: inout CodeWriter) {
        writer.block("public mutating func decodeField(_ number: Int, _ type: WireType, from reader: inout WireReader) throws(WireError) -> Bool") { writer in
            guard !plans.isEmpty else {
                writer.line("false")
                return
            }
            writer.switchBlock("switch number") { writer in
                for plan in plans {
                    writer.line("case \(plan.number):")
                    for line in decodeLines(plan, message: message) { writer.line("    " + line) }
                }
                writer.line("default: return false")
            }
            writer.line("return true")
        }
    }

    private func decodeLines(_ plan: FieldPlan, message: DescriptorProto) -> [String] {
        let property = "self.\(plan.name)"
        let wireType = plan.isGroup ? ".startGroup" : plan.isMessage ? ".lengthDelimited" : nil
        switch plan.storage {
        case .map:
            guard case let .map(key, value) = plan.storage else { return [] }
            return ["guard try reader.readMapEntry(\(codec(key)).self, \(codec(value)).self, type, into: &\(property)) else { return false }"]
        case .repeated:
            if plan.isGroup {
                return ["guard type == .startGroup else { return false }",
                        "\(property).append(try reader.readGroup(number: \(plan.number), merging: nil as \(plan.swiftType)?))"]
            }
            if let closed = plan.closedEnum {
                return ["guard try reader.readRepeatedClosedEnum(\(closed).self, type, number: \(plan.number), into: &\(property), unknownFields: &self.unknownFields) else { return false }"]
            }
            return ["guard try reader.readRepeated(\(plan.codec).self, type, into: &\(property)) else { return false }"]
        case .implicit, .presence:
            let target = plan.storage.isPresence ? "self._\(plan.baseName)" : property
            if let wireType {
                let existing = plan.isBoxed ? "\(target)?.value" : target
                let read = plan.isGroup ? "reader.readGroup(number: \(plan.number), merging: \(existing))" : "reader.readMessage(merging: \(existing))"
                return ["guard type == \(wireType) else { return false }", "\(target) = " + (plan.isBoxed ? "ProtoBox(try \(read))" : "try \(read)")]
            }
            if let closed = plan.closedEnum {
                return ["guard type == .varint else { return false }",
                        "if let value = try reader.readClosedEnum(\(closed).self, number: \(plan.number), unknownFields: &self.unknownFields) { \(target) = value }"]
            }
            return ["guard let value = try reader.read(\(plan.codec).self, type) else { return false }", "\(target) = value"]
        case let .oneofMember(oneof):
            let oneofProperty = "self.\(SwiftNames.escaped(oneof))"
            if let wireType {
                let read = plan.isGroup ? "reader.readGroup(number: \(plan.number), merging: existing)" : "reader.readMessage(merging: existing)"
                return ["guard type == \(wireType) else { return false }",
                        "var existing: \(plan.swiftType)? = nil",
                        "if case let .\(plan.name)(value)? = \(oneofProperty) { existing = value }",
                        "\(oneofProperty) = .\(plan.name)(try \(read))"]
            }
            if let closed = plan.closedEnum {
                return ["guard type == .varint else { return false }",
                        "if let value = try reader.readClosedEnum(\(closed).self, number: \(plan.number), unknownFields: &self.unknownFields) { \(oneofProperty) = .\(plan.name)(value) }"]
            }
            return ["guard let value = try reader.read(\(plan.codec).self, type) else { return false }", "\(oneofProperty) = .\(plan.name)(value)"]
        }
    }

    /// `encode(to:)`: fields in number order, then the unknown fields.
    func writeEncode(_ plans: [FieldPlan], message: DescriptorProto, to writer: inout CodeWriter) {
        writer.block("public func encode(to writer: inout WireWriter)") { writer in
            for plan in plans {
                let property = "self.\(plan.name)"
                switch plan.storage {
                case let .map(key, value):
                    writer.line("writer.writeMap(\(codec(key)).self, \(codec(value)).self, \(plan.number), \(property))")
                case .repeated:
                    if plan.isGroup {
                        writer.line("for value in \(property) { writer.writeGroupField(\(plan.number), value) }")
                    } else {
                        writer.line("writer.writeRepeated(\(plan.codec).self, \(plan.number), \(property), packed: \(plan.isPacked))")
                    }
                case .implicit:
                    writer.line("if \(nonZero(property, plan)) { writer.write(\(plan.codec).self, \(plan.number), \(property)) }")
                case .presence:
                    let value = plan.isBoxed ? "box.value" : "value"
                    let binding = plan.isBoxed ? "box" : "value"
                    writer.line("if let \(binding) = self._\(plan.baseName) { \(encodeCall(plan, value)) }")
                case let .oneofMember(oneof):
                    writer.line("if case let .\(plan.name)(value)? = self.\(SwiftNames.escaped(oneof)) { \(encodeCall(plan, "value")) }")
                }
            }
            writer.line("writer.writeUnknownFields(self.unknownFields)")
        }
    }

    private func encodeCall(_ plan: FieldPlan, _ value: String) -> String {
        if plan.isGroup { return "writer.writeGroupField(\(plan.number), \(value))" }
        if plan.isMessage { return "writer.writeMessageField(\(plan.number), \(value))" }
        return "writer.write(\(plan.codec).self, \(plan.number), \(value))"
    }
}

extension SwiftGenerator.Storage {
    var isPresence: Bool {
        if case .presence = self { return true }
        return false
    }
}
