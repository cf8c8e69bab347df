/// The command line of `kvstore`, parsed as many-rs's `kvstore` (clap) takes it:
///
/// ```
/// kvstore [--pem FILE] [--server-id ADDR] [--alt-owner ADDR] [-v] [-q] [URL] SUBCOMMAND …
///   get KEY [--hex-key] [--hex]
///   query KEY [--hex-key]
///   put KEY [VALUE] [--hex-key] [--stdin]
///   disable KEY [--hex-key] [--reason TEXT]
///   transfer KEY NEW_OWNER [--hex-key]
///   member add ID RAFT_ADDRESS | member promote ID | member remove ID | member transfer ID [--group N]
///   bench [--endpoints H:P,…] [--api ours|etcd] [--clients N] [--seconds S] [--key-size B]
///         [--value-size B] [--keys N] [--read-ratio F] [--read-level L] [--target NAME]
///         [--route spread|leader]
/// ```
struct ToolArguments {
    var server = "http://localhost:8000"
    var pem: String?
    var serverID: String?
    var alternativeOwner: String?
    var verbosity = 0
    var subcommand = ""
    /// The subcommand's positional arguments.
    var positionals: [String] = []
    /// The subcommand's flags and options (`--hex` → `""`).
    var options: [String: String] = [:]

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static let subcommands: Set = ["get", "query", "put", "disable", "transfer", "member", "bench"]
    /// Options of subcommands that take a value.
    static let valueOptions = Set(["--reason", "--group"]).union(benchOptions)
    static let benchOptions: Set<String> = [
        "--endpoints", "--api", "--clients", "--seconds", "--key-size", "--value-size", "--keys", "--read-ratio",
        "--read-level", "--target", "--route", "--http2-endpoints", "--conns",
    ]
    static let flags: [String: Set<String>] = [
        "get": ["--hex-key", "--hex"], "query": ["--hex-key"], "put": ["--hex-key", "--stdin"], "disable": ["--hex-key", "--reason"],
        "transfer": ["--hex-key"], "member": ["--group"], "bench": benchOptions,
    ]

    init(_ arguments: [String]) throws(Invalid) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if subcommand.isEmpty {
                try global(argument, &rest)
            } else if argument.hasPrefix("--") {
                let (name, inline) = Self.split(argument)
                guard Self.flags[subcommand]?.contains(name) == true else { throw Invalid(description: "unexpected argument '\(name)' for \(subcommand)") }
                if Self.valueOptions.contains(name) {
                    guard let value = inline ?? rest.popFirst() else { throw Invalid(description: "\(name) needs a value") }
                    options[name] = value
                } else {
                    options[name] = ""
                }
            } else {
                positionals.append(argument)
            }
        }
        guard !subcommand.isEmpty else { throw Invalid(description: "a subcommand is required: get, query, put, disable, transfer, member or bench") }
    }

    private mutating func global(_ argument: String, _ rest: inout ArraySlice<String>) throws(Invalid) {
        let (name, inline) = Self.split(argument)
        func value() throws(Invalid) -> String {
            guard let value = inline ?? rest.popFirst() else { throw Invalid(description: "\(name) needs a value") }
            return value
        }
        switch name {
        case "--pem": pem = try value()
        case "--server-id": serverID = try value()
        case "--alt-owner": alternativeOwner = try value()
        case "--logmode": _ = try value()
        case "-v", "--verbose": verbosity += 1
        case "-q", "--quiet": verbosity -= 1
        default:
            if Self.subcommands.contains(argument) {
                subcommand = argument
            } else if argument.hasPrefix("-") {
                throw Invalid(description: "unexpected argument '\(argument)'")
            } else {
                server = argument
            }
        }
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
