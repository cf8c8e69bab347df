import ArgumentParser
import Foundation
import Logging

/// `many`: MANY identities, messages and a base server, flag-compatible with many-rs's
/// `many` tool (`src/many/src/main.rs`).
@main
struct ManyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "many",
        abstract: "MANY identities, messages and servers (flag-compatible with many-rs's `many`).",
        subcommands: [IdCommand.self, MessageCommand.self, ServerCommand.self]
    )

    /// Parses the command line, runs the subcommand and exits with many-rs's status codes:
    /// 0 done, 1 failed, 2 bad command line (clap's code, where ArgumentParser uses 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ToolFailure {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as ServerFailure {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(ToolFailure.failureExitCode)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? ToolFailure.usageExitCode : code.rawValue)
        }
    }
}

/// `-v` / `-q`, as many-rs's `Verbosity`: the level starts at info; each `-v` raises it
/// (debug, trace), each `-q` lowers it (warning, error, off).
struct VerbosityOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Increase output logging verbosity to DEBUG level.")
    var verbose: Int

    @Flag(name: .shortAndLong, help: "Suppress all output logging. Can be used multiple times to suppress more.")
    var quiet: Int

    /// The log level, or nil when logging is off.
    var level: Logger.Level? {
        switch 2 + verbose - quiet {
        case ..<0: return nil
        case 0: return .error
        case 1: return .warning
        case 2: return .info
        case 3: return .debug
        default: return .trace
        }
    }

    /// A logger writing to standard error at this level.
    func makeLogger(label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = level ?? .critical
        if level == nil { logger = Logger(label: label) { _ in SwiftLogNoOpLogHandler() } }
        return logger
    }
}

/// A failure the tool reports on standard error before exiting with `exitCode`.
struct ToolFailure: Error, CustomStringConvertible {
    /// many-rs's code for a failed command.
    static let failureExitCode: Int32 = 1
    /// clap's code for a bad command line, which many-rs also uses for an argument
    /// `many id` cannot understand.
    static let usageExitCode: Int32 = 2

    let message: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = ToolFailure.failureExitCode) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}
