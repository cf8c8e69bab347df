/// The command line, read as protoc reads it: `-IDIR`/`-I DIR`/`--proto_path=DIR`,
/// `--decode=TYPE`, `--encode=TYPE`, `--decode_raw`, `--descriptor_set_out=FILE` (`-oFILE`),
/// `--include_imports`, `--include_source_info`, `--swift_out=DIR`, then `.proto` files.
struct ProtocArguments {
    enum Mode: Equatable {
        case decode(String), encode(String), decodeRaw
    }

    var includePaths: [String] = []
    var mode: Mode?
    var descriptorSetOut: String?
    var includeImports = false
    var includeSourceInfo = false
    var swiftOut: String?
    var files: [String] = []

    static let usage = """
        Usage: swift-many-protoc [OPTION] PROTO_FILES
          -IPATH, --proto_path=PATH   Directory to search for imports (default: the current one).
          --encode=MESSAGE_TYPE       Read a text-format MESSAGE_TYPE from standard input, write it in binary to standard output.
          --decode=MESSAGE_TYPE       Read a binary MESSAGE_TYPE from standard input, write it in text format to standard output.
          --decode_raw                Read an arbitrary message from standard input, write its fields by number in text format.
          -oFILE, --descriptor_set_out=FILE
                                      Write the FileDescriptorSet of the input files to FILE.
          --include_imports           With --descriptor_set_out, include every imported file.
          --include_source_info       With --descriptor_set_out, keep source locations and comments.
          --swift_out=DIR             Generate Swift for the input files into DIR (FILE.proto -> FILE.pb.swift).
        """

    init(_ arguments: [String]) throws(ProtocFailure) {
        var index = 0
        /// The option's value: after `=` (or glued to a short flag), else the next argument.
        func value(_ argument: String, _ flag: String) throws(ProtocFailure) -> String {
            if argument.count > flag.count {
                let rest = argument.dropFirst(flag.count)
                return String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
            }
            index += 1
            guard index < arguments.count else { throw .usage("Missing value for flag: \(flag)") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("-I") {
                includePaths.append(try value(argument, "-I"))
            } else if argument.hasPrefix("--proto_path") {
                includePaths.append(try value(argument, "--proto_path"))
            } else if argument == "--decode_raw" {
                mode = .decodeRaw
            } else if argument.hasPrefix("--decode") {
                mode = .decode(try value(argument, "--decode"))
            } else if argument.hasPrefix("--encode") {
                mode = .encode(try value(argument, "--encode"))
            } else if argument.hasPrefix("--descriptor_set_out") {
                descriptorSetOut = try value(argument, "--descriptor_set_out")
            } else if argument.hasPrefix("-o") {
                descriptorSetOut = try value(argument, "-o")
            } else if argument == "--include_imports" {
                includeImports = true
            } else if argument == "--include_source_info" {
                includeSourceInfo = true
            } else if argument.hasPrefix("--swift_out") {
                swiftOut = try value(argument, "--swift_out")
            } else if argument.hasPrefix("-") {
                throw .usage("Unknown flag: \(argument)")
            } else {
                files.append(argument)
            }
            index += 1
        }
        if includePaths.isEmpty { includePaths = ["."] }
        if mode == .decodeRaw {
            guard files.isEmpty else { throw .plain("When using --decode_raw, no input files should be given.") }
            return
        }
        guard !files.isEmpty else { throw .usage("Missing input file.") }
        guard mode != nil || descriptorSetOut != nil || swiftOut != nil else { throw .usage("Missing output directives.") }
    }

    /// Each input file by its name relative to the include path holding it, as protoc names it.
    var importNames: [String] {
        files.map { file in
            for path in includePaths where path != "." {
                let directory = path.hasSuffix("/") ? path : path + "/"
                if file.hasPrefix(directory) { return String(file.dropFirst(directory.count)) }
            }
            return file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        }
    }
}
