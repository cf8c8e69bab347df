import Foundation
import Protobuf

/// Compiles the input files and does what the arguments ask.
struct ProtocRun {
    let arguments: ProtocArguments

    init(_ arguments: ProtocArguments) {
        self.arguments = arguments
    }

    func run() throws(ProtocFailure) {
        if arguments.mode == .decodeRaw { return try decodeRaw() }
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: arguments.includePaths))
        let names = arguments.importNames
        let set: FileDescriptorSet
        do {
            // Generated code carries the .proto comments, which source info holds.
            set = try compiler.compile(names, includeSourceInfo: arguments.includeSourceInfo || arguments.swiftOut != nil)
        } catch {
            throw .proto(error)
        }
        if let path = arguments.descriptorSetOut {
            var output = set
            if !arguments.includeImports { output.file = set.file.filter { names.contains($0.name ?? "") } }
            if !arguments.includeSourceInfo {
                for index in output.file.indices { output.file[index].sourceCodeInfo = nil }
            }
            try write(output.serializedBytes(), to: path)
        }
        if let directory = arguments.swiftOut {
            let generator = SwiftGenerator(set: set)
            for name in names {
                guard let source = generator.generate(fileNamed: name) else { continue }
                try write(Array(source.utf8), to: directory + "/" + SwiftGenerator.outputName(for: name))
            }
        }
        switch arguments.mode {
        case let .decode(typeName)?: try decode(typeName, set: set)
        case let .encode(typeName)?: try encode(typeName, set: set)
        case .decodeRaw?, nil: break
        }
    }

    private func messageType(_ name: String, in set: FileDescriptorSet) throws(ProtocFailure) -> (MessageType, DescriptorPool) {
        guard let pool = try? DescriptorPool(set), let type = pool.messageType(name) else { throw .typeNotDefined(name) }
        return (type, pool)
    }

    /// Binary from standard input, text format to standard output (required fields may be missing, as in protoc).
    private func decode(_ typeName: String, set: FileDescriptorSet) throws(ProtocFailure) {
        let (type, pool) = try messageType(typeName, in: set)
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        do {
            let message = try DynamicMessage(serializedBytes: input, type: type, pool: pool, checkRequired: false)
            FileHandle.standardOutput.write(Data(message.textFormat(pool: pool, extensions: ExtensionFields(files: set.file)).utf8))
        } catch {
            throw .binaryInput(error)
        }
    }

    /// Text format from standard input, binary to standard output, fields in the order read for maps, as protoc writes them.
    private func encode(_ typeName: String, set: FileDescriptorSet) throws(ProtocFailure) {
        let (type, pool) = try messageType(typeName, in: set)
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let message: DynamicMessage
        do {
            message = try DynamicMessage(textFormat: input, type: type, pool: pool, extensions: ExtensionFields(files: set.file))
        } catch {
            throw .textInput(error)
        }
        do {
            FileHandle.standardOutput.write(Data(try message.serializedBytes(deterministic: false, checkRequired: false)))
        } catch {
            throw .binaryInput(error)
        }
    }

    /// Binary from standard input, its fields by number in text format to standard output.
    private func decodeRaw() throws(ProtocFailure) {
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        do {
            FileHandle.standardOutput.write(Data(try RawTextFormat.print(input).utf8))
        } catch {
            throw .rawInput(error)
        }
    }

    private func write(_ bytes: [UInt8], to path: String) throws(ProtocFailure) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }
}
