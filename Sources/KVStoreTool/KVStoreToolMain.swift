import Foundation
import ManyClient
import ManyIdentity
import ManyProtocol

/// `kvstore`: the key-value store's client (many-rs `src/kvstore/src/main.rs`), plus
/// `member …` for membership changes through the store's HTTP API and `bench`, the load
/// generator of `scripts/bench kv`.
///
/// Output as many-rs prints it: `get` writes the raw value (`--hex`: hex and a newline,
/// `None` when absent), `query` the owner (`, disabled`, or `, disabled (reason)`),
/// `put`, `disable` and `transfer` the result in CBOR diagnostic notation (`null`). A
/// server error is logged to stderr as `Error returned by server:` and exits 1; a bad
/// command line exits 2.
@main
enum KVStoreToolMain {
    static func main() async {
        let arguments: ToolArguments
        do { arguments = try ToolArguments(Array(CommandLine.arguments.dropFirst())) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(2)
        }
        do {
            if arguments.subcommand == "member" {
                try await MemberCommand.run(arguments)
            } else if arguments.subcommand == "bench" {
                try await BenchCommand.run(arguments)
            } else {
                try await ManyCommands.run(arguments)
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            exit(2)
        } catch let error as ManyClientError {
            let text = error.manyError.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n|  ")
            FileHandle.standardError.write(Data(" ERROR kvstore: Error returned by server:\n|  \(text)\n\n".utf8))
            exit(1)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// A command line that names the right subcommand but not what it needs.
struct UsageError: Error {
    let message: String
}
