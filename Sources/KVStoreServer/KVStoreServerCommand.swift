import ArgumentParser
import Foundation
import KVStore
import Logging
import ManyIdentity
import ManyServer
import Transport

/// `many-kvstore`: the key-value store's server (many-rs `many-kvstore/src/main.rs`). One
/// listener serves the MANY API (`POST /`) and the HTTP APIs (`/key`, `/db/…`, `/set`, …).
@main
struct KVStoreServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "many-kvstore",
        abstract: "Serve the key-value store over MANY and HTTP.",
        discussion: """
        The state file (JSON5, as many-rs's staging/kvstore_state.json5) names the identity \
        that creates accounts and the initial ACL; it is loaded once, when the store is new. \
        Every write goes through Raft (a write-ahead log in --persistent, fsynced before it \
        is acknowledged); without --peer the node is a group of one. A cluster: give each \
        node its --id, --raft-addr and the same --peer list; add nodes later with --join \
        and `kvstore URL member add`. Stops on SIGINT or SIGTERM. Exit status: 0 stopped, \
        1 a bad file, key or address.
        """
    )

    @Flag(name: .shortAndLong, help: "Log more (once: debug, twice: trace).")
    var verbose: Int

    @Flag(name: .shortAndLong, help: "Log less (once: warnings, twice: errors).")
    var quiet: Int

    @Option(help: "The PEM file of this server's identity.")
    var pem: String

    @Option(name: .shortAndLong, help: "The address and port to bind to.")
    var addr = "127.0.0.1:8000"

    @Option(help: "The port to bind to on 127.0.0.1 (instead of --addr); 0 picks a free one.")
    var port: Int?

    @Option(help: "The initial state file (JSON5).")
    var state: String?

    @Option(help: "The persistent store's directory.")
    var persistent: String

    @Flag(name: .shortAndLong, help: "Delete the persistent store first and start from the state file.")
    var clean = false

    @Option(help: "Accepted for many-rs compatibility; unused.")
    var cacheDb: String?

    @Option(help: "Raft groups the keys are sharded over.")
    var groups = 1

    @Option(help: "The largest key, in bytes (HTTP APIs: 413 above).")
    var keySizeMax = KVLimits().keySizeBytesMax

    @Option(name: .customLong("http2-port"), help: "Also serve every HTTP API (and MANY) over HTTP/2 (h2c: prior knowledge or Upgrade) on this port of the same host.")
    var http2Port: Int?

    @Option(help: "The largest value, in bytes (HTTP APIs: 413 above).")
    var valueSizeMax = KVLimits().valueSizeBytesMax

    @Option(help: "HTTP event-loop threads; 0 serves HTTP on the Raft host's own thread, so a request reaches the log without a thread hand-off (default: one per core).")
    var httpThreads = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup(title: "Replication")
    var raft: RaftOptions

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if let http2Port, !(0...65535).contains(http2Port) { throw ValidationError("--http2-port must be 0...65535") }
        if port == nil, (try? ListenAddress(addr)) == nil { throw ValidationError("--addr: expected HOST:PORT, e.g. 127.0.0.1:8000") }
        guard (1...1024).contains(groups) else { throw ValidationError("--groups must be 1...1024") }
        guard (0...256).contains(httpThreads) else { throw ValidationError("--http-threads must be 0...256") }
    }

    func run() async throws {
        var logger = Logger(label: "many-kvstore") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = [Logger.Level.error, .warning, .info, .debug, .trace][max(0, min(4, 2 + verbose - quiet))]
        let identity = try loadIdentity()
        try preparePersistentDirectory()
        let backend = try await BackendWiring.start(options: raft, groupCount: groups, persistentPath: persistent, logger: logger)
        let store = KVStore(backend: backend, limits: KVLimits(keySizeBytesMax: keySizeMax, valueSizeBytesMax: valueSizeMax))
        if !raft.join {
            do { try await loadState(into: store, logger: logger) } catch {
                await backend.host.shutdown()
                throw error
            }
        }

        let many = ManyServer(identity: identity, name: "many-kvstore", configuration: ManyServerConfiguration(serverVersion: "0.1.0"), logger: logger)
        for module in KVStoreManyModules.modules(store: store) { try many.register(module) }
        let http = KVHTTPService(store: store)
        let manyHandler = many.httpHandler
        let listen = try port.map { ListenAddress(host: "127.0.0.1", port: $0) } ?? ListenAddress(addr)
        let bodyMax = max(2 * 1024 * 1024, valueSizeMax + 64 * 1024)
        let routes: HTTPServer.Handler = { request in
            request.path == "/" ? await manyHandler(request) : await http.handle(request)
        }
        let eventLoops: ServerEventLoops = httpThreads == 0 ? .shared(backend.host.eventLoop) : .own(threads: httpThreads)
        let server: HTTPServer
        do {
            server = try await HTTPServer.start(
                configuration: HTTPServerConfiguration(host: listen.host, port: listen.port, bodySizeBytesMax: bodyMax, eventLoops: eventLoops), logger: logger,
                handler: routes)
        } catch {
            await backend.host.shutdown()
            throw Failure(description: "could not listen on \(listen.host):\(listen.port): \(error)")
        }
        var server2: HTTP2Server?
        if let http2Port {
            do {
                server2 = try await HTTP2Server.start(
                    configuration: HTTP2ServerConfiguration(host: listen.host, port: http2Port, bodySizeBytesMax: bodyMax, eventLoops: eventLoops), logger: logger,
                    handler: HTTP1Bridge.handler(routes))
            } catch {
                await server.shutdown()
                await backend.host.shutdown()
                throw Failure(description: "could not listen on \(listen.host):\(http2Port) for HTTP/2: \(error)")
            }
        }
        logger.info("many-kvstore listening", metadata: ["address": "\(identity.address)", "port": "\(server.port)", "groups": "\(groups)"])
        FileHandle.standardOutput.write(Data("listening on \(server.host):\(server.port)\n".utf8))
        if let server2 {
            logger.info("serving HTTP/2", metadata: ["port": "\(server2.port)"])
            FileHandle.standardOutput.write(Data("http2 on \(server2.host):\(server2.port)\n".utf8))
        }
        let signal = await TerminationSignal.next()
        logger.info("Stopping on \(signal)")
        await server2?.shutdown()
        await server.shutdown()
        await backend.host.shutdown()
    }

    private func loadIdentity() throws -> any Identity {
        let text: String
        do { text = try String(contentsOfFile: pem, encoding: .utf8) } catch { throw Failure(description: "Could not read PEM file \(pem).") }
        do { return try PrivateKeyPEM.identity(pem: text) } catch {
            throw Failure(description: "Could not generate identity from PEM file \(pem): \(error)")
        }
    }

    private func preparePersistentDirectory() throws {
        let files = FileManager.default
        if clean { try? files.removeItem(atPath: persistent) }
        do { try files.createDirectory(atPath: persistent, withIntermediateDirectories: true) } catch {
            throw Failure(description: "could not create \(persistent): \(error)")
        }
    }

    private func loadState(into store: KVStore, logger: Logger) async throws {
        guard let state else {
            logger.warning("no --state file: the store starts empty, with no root identity")
            return
        }
        let text: String
        do { text = try String(contentsOfFile: state, encoding: .utf8) } catch { throw Failure(description: "Could not read state file \(state).") }
        let (initial, expectedHash) = try KVInitialState.parse(json5: text)
        try await initialize(store, initial, logger: logger)
        let hash = try await store.hash(level: .readIndex).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        if let expectedHash, expectedHash != hash {
            throw Failure(description: "Invalid initial hash. Expected '\(expectedHash)', was '\(hash)'.")
        }
        logger.info("initial state loaded", metadata: ["hash": "\(hash)", "acl": "\(initial.acl.count)"])
    }
}

extension KVStoreServerCommand {
    /// Proposes the initial state (a no-op on a store that has one) once the groups can
    /// commit: right after a cluster starts there is no leader yet.
    private func initialize(_ store: KVStore, _ initial: KVInitialState, logger: Logger) async throws {
        var attempt = 0
        while true {
            do {
                _ = try await store.initialize(initial)
                return
            } catch {
                attempt += 1
                guard attempt < 120 else { throw Failure(description: "could not write the initial state: \(error)") }
                if attempt % 10 == 1 { logger.info("waiting for a leader to write the initial state", metadata: ["error": "\(error)"]) }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
