import ArgumentParser
import Foundation
import Logging
import ManyIdentity
import ManyMock
import ManyServer
import Transport

/// `many server`, as many-rs: a base server (status, heartbeat, endpoints) signed by the
/// `--pem` identity, optionally answering the methods of a mock file as well.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Starts a base server.",
        discussion: """
        Listens on --addr (default 127.0.0.1:8000), or on 127.0.0.1:--port; port 0 picks a \
        free port, which the startup log line shows. Stops cleanly on SIGINT or SIGTERM.
        """
    )

    /// What `status` reports as the server version.
    static let serverVersion = "0.1.0"

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "The location of a PEM file for the identity of this server.")
    var pem: String

    @Option(name: .shortAndLong, help: "The address and port to bind to for the MANY HTTP server.")
    var addr = "127.0.0.1:8000"

    @Option(help: "The port to bind to on 127.0.0.1 (instead of --addr).")
    var port: Int?

    @Option(name: .customLong("http2-port"), help: "Also serve MANY over HTTP/2 (h2c) on this port of the same host.")
    var http2Port: Int?

    @Option(name: .shortAndLong, help: "The name to give the server.")
    var name = "many-server"

    @Option(name: .shortAndLong, help: "A mock file (TOML or JSON) whose methods the server also answers.")
    var mockfile: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if let http2Port, !(0...65535).contains(http2Port) { throw ValidationError("--http2-port must be 0...65535") }
        if port == nil, (try? ListenAddress(addr)) == nil { throw ValidationError("--addr: expected HOST:PORT, e.g. 127.0.0.1:8000") }
    }

    func run() async throws {
        let logger = verbosity.makeLogger(label: "many")
        let mock = try mockfile.map { path throws(ToolFailure) -> MockFile in
            do { return try MockFile(contentsOfFile: path) } catch { throw ToolFailure("\(error)") }
        }
        let identity = try ServerCommand.loadIdentity(pem)
        let listen = try port.map { ListenAddress(host: "127.0.0.1", port: $0) } ?? ListenAddress(addr)
        let server = ManyServer(
            identity: identity, name: name, configuration: ManyServerConfiguration(serverVersion: Self.serverVersion),
            logger: logger)
        if let mock {
            let module = MockModule(mock, excluding: Set(server.endpoints.methods))
            do { try server.register(module) } catch { throw ToolFailure("could not serve the mock file: \(error)") }
            logger.info("Serving mock responses", metadata: ["methods": "\(module.methods.joined(separator: ","))"])
        }
        let shutdown = try await Self.listen(server, at: listen, http2Port: http2Port)
        let signal = await TerminationSignal.next()
        logger.info("Stopping on \(signal)")
        await shutdown()
    }

    /// Starts serving; returns what stops the server.
    private static func listen(_ server: ManyServer, at listen: ListenAddress, http2Port: Int?) async throws(ToolFailure)
        -> @Sendable () async -> Void
    {
        let http: HTTPServer
        do { http = try await server.listen(host: listen.host, port: listen.port) } catch {
            throw ToolFailure("could not listen on \(listen.host):\(listen.port): \(error)")
        }
        guard let http2Port else { return { await http.shutdown() } }
        do {
            let http2 = try await server.listenHTTP2(configuration: HTTP2ServerConfiguration(host: listen.host, port: http2Port))
            return {
                await http2.shutdown()
                await http.shutdown()
            }
        } catch {
            await http.shutdown()
            throw ToolFailure("could not listen on \(listen.host):\(http2Port) for HTTP/2: \(error)")
        }
    }

    static func loadIdentity(_ path: String) throws(ToolFailure) -> any SigningIdentity {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ToolFailure("Could not read PEM file \(path).")
        }
        do { return try PrivateKeyPEM.identity(pem: text) } catch {
            throw ToolFailure("Could not generate identity from PEM file \(path): \(error)")
        }
    }
}
