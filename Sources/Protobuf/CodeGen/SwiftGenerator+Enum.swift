extension SwiftGenerator {
    /// A proto enum as a Swift enum: one case per number (the first name declared for it),
    /// later aliases as static properties, `unrecognized` for numbers it does not name.
    func writeEnum(
        _ info: EnumInfo, declaredName: String, fullName: String, path: [Int32], comments: DocComments, to writer: inout CodeWriter
    ) {
        var seen: [Int32: String] = [:]
        var cases: [(name: String, number: Int32, index: Int)] = []
        var aliases: [(name: String, target: String)] = []
        for (index, value) in info.descriptor.value.enumerated() {
            let name = info.memberNames[value.name ?? ""] ?? "_"
            let number = value.number ?? 0
            if let target = seen[number] {
                aliases.append((name, target))
            } else {
                seen[number] = name
                cases.append((name, number, index))
            }
        }
        if comments.write(path, to: &writer) { writer.line("///") }
        writer.line("/// `\(fullName)`")
        writer.block("public enum \(declaredName): GeneratedEnum") { writer in
            for item in cases {
                comments.write(path + [2, Int32(item.index)], to: &writer)
                writer.line("case \(SwiftNames.escaped(item.name)) // = \(item.number)")
            }
            writer.line("case unrecognized(Int32)")
            writer.line()
            writer.line("public static let isClosed = \(info.isClosed)")
            for alias in aliases { writer.line("public static let \(SwiftNames.escaped(alias.name)) = \(declaredName).\(SwiftNames.escaped(alias.target))") }
            writer.line()
            writer.block("public init(rawValue: Int32)") { writer in
                writer.switchBlock("switch rawValue") { writer in
                    for item in cases { writer.line("case \(item.number): self = .\(SwiftNames.escaped(item.name))") }
                    writer.line("default: self = .unrecognized(rawValue)")
                }
            }
            writer.line()
            writer.block("public var rawValue: Int32") { writer in
                writer.switchBlock("switch self") { writer in
                    for item in cases { writer.line("case .\(SwiftNames.escaped(item.name)): return \(item.number)") }
                    writer.line("case let .unrecognized(number): return number")
                }
            }
            writer.line()
            writer.block("public static func names(_ number: Int32) -> Bool") { writer in
                let numbers = cases.map { String($0.number) }.joined(separator: ", ")
                writer.line(numbers.isEmpty ? "false" : "[\(numbers)].contains(number)")
            }
        }
    }
}
