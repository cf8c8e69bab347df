extension SwiftGenerator {
    /// The file's namespace enum holding its ``GeneratedProtoFile``: its descriptor without source
    /// info, in base64 lines, and its imports' files (which must be generated too).
    func writeFileDescriptor(_ file: FileDescriptorProto, to writer: inout CodeWriter) {
        var stripped = file
        stripped.sourceCodeInfo = nil
        let base64 = Array(Base64.encode(stripped.serializedBytes()).utf8)
        let name = file.name ?? ""
        writer.line("/// `\(name)`'s descriptor and its imports': what JSON and text format of its messages go through.")
        writer.block("public enum \(SwiftNames.fileNamespace(name))") { writer in
            writer.line("public static let file = GeneratedProtoFile(")
            writer.line("    name: \(SwiftNames.stringLiteral(name)),")
            let dependencies = file.dependency.map { SwiftNames.fileNamespace($0) + ".file" }
            writer.line("    dependencies: [\(dependencies.joined(separator: ", "))],")
            writer.line("    descriptor: [")
            var start = 0
            while start < base64.count {
                let end = min(start + Self.base64LineLength, base64.count)
                writer.line("        \"" + String(decoding: base64[start..<end], as: UTF8.self) + "\",")
                start = end
            }
            writer.line("    ])")
        }
    }

    private static let base64LineLength = 100
}
