import ArgumentParser
import Foundation
import Logging
import ManyIdentity
import ManyMock
import ManyServer
import Transport

/// `many-mock`: a MANY server that answers from a mock file, for client developers
/// (many-rs serves mock files through `many server --mockfile`; this is the same server
/// on its own).
@main
struct ManyMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "many-mock",
        abstract: "Serve canned MANY responses from a mock file (TOML or JSON).",
        discussion: """
        MOCKFILE maps each method to its response in CBOR diagnostic notation:
          simplefield = '"hello"'
          object = '{"numfield": 10, "arrayfield": ["foo", "bar", "baz"]}'
          echo = '{"method": "${method}", "id": "${id}"}'
        status, heartbeat and endpoints are the server's own. Without --pem the server is \
        anonymous (unsigned responses). Stops cleanly on SIGINT or SIGTERM. Exit status: 0 \
        stopped, 1 a bad file or key or an address in use, 2 a bad command line.
        """
    )

    @Option(help: "A PEM file for the identity of this server (default: anonymous).")
    var pem: String?

    @Option(name: .shortAndLong, help: "The address and port to bind to.")
    var addr = "127.0.0.1:8000"

    @Option(help: "The port to bind to on 127.0.0.1 (instead of --addr); 0 picks a free one.")
    var port: Int?

    @Option(name: .shortAndLong, help: "The name to give the server.")
    var name = "mock server"

    @Flag(name: .shortAndLong, help: "Log less (once: warnings, twice: errors).")
    var quiet: Int

    @Argument(help: "The mock file.")
    var mockfile: String

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as Failure {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                (code == .success ? FileHandle.standardOutput : FileHandle.standardError).write(Data((message + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    struct Failure: Error {
        let message: String
    }

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if port == nil, (try? ListenAddress(addr)) == nil { throw ValidationError("--addr: expected HOST:PORT, e.g. 127.0.0.1:8000") }
    }

    func run() async throws {
        var logger = Logger(label: "many-mock") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = quiet == 0 ? .info : (quiet == 1 ? .warning : .error)
        let mock: MockFile
        do { mock = try MockFile(contentsOfFile: mockfile) } catch { throw Failure(message: "\(error)") }
        let identity = try loadIdentity()
        let listen = try port.map { ListenAddress(host: "127.0.0.1", port: $0) } ?? ListenAddress(addr)
        let server = ManyServer(identity: identity, name: name, logger: logger)
        let module = MockModule(mock, excluding: Set(server.endpoints.methods))
        do { try server.register(module) } catch { throw Failure(message: "could not serve the mock file: \(error)") }
        logger.info("Serving mock responses", metadata: ["methods": "\(module.methods.joined(separator: ","))"])
        let http: @Sendable () async -> Void
        do {
            let running = try await server.listen(host: listen.host, port: listen.port)
            http = { await running.shutdown() }
        } catch {
            throw Failure(message: "could not listen on \(listen.host):\(listen.port): \(error)")
        }
        let signal = await TerminationSignal.next()
        logger.info("Stopping on \(signal)")
        await http()
    }

    private func loadIdentity() throws -> any Identity {
        guard let pem else { return AnonymousIdentity() }
        let text: String
        do { text = try String(contentsOfFile: pem, encoding: .utf8) } catch { throw Failure(message: "Could not read PEM file \(pem).") }
        do { return try PrivateKeyPEM.identity(pem: text) } catch {
            throw Failure(message: "Could not generate identity from PEM file \(pem): \(error)")
        }
    }
}
