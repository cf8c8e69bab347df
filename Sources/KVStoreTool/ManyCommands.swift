import CBOR
import Foundation
import ManyClient
import ManyIdentity
import ManyModules
import ManyProtocol

/// `get`, `query`, `put`, `disable`, `transfer` over the MANY API.
enum ManyCommands {
    static func run(_ arguments: ToolArguments) async throws {
        let client = ManyClient(url: arguments.server, identity: try identity(arguments.pem), serverAddress: try address(arguments.serverID) ?? .anonymous)
        defer { Task { await client.shutdown() } }
        let alternativeOwner = try address(arguments.alternativeOwner)
        guard let keyText = arguments.positionals.first else { throw UsageError(message: "\(arguments.subcommand) needs a KEY") }
        let key: [UInt8]
        if arguments.options["--hex-key"] != nil {
            guard let decoded = Hex.decode(keyText) else { throw UsageError(message: "KEY is not hex: \(keyText)") }
            key = decoded
        } else {
            key = Array(keyText.utf8)
        }
        switch arguments.subcommand {
        case "get":
            let result = try await client.call(method: KVStoreModule.Method.get, argument: KVStoreGetArgs(key: key), as: KVStoreGetReturn.self)
            guard let value = result.value else { return print("None") }
            if arguments.options["--hex"] != nil { print(Hex.encode(value)) } else { FileHandle.standardOutput.write(Data(value)) }
        case "query":
            let result = try await client.call(method: KVStoreModule.Method.query, argument: KVStoreQueryArgs(key: key), as: KVStoreQueryReturn.self)
            switch result.disabled {
            case .flag(true)?: print("\(result.owner), disabled")
            case let .reason(reason)?: print("\(result.owner), disabled (\(reason))")
            default: print("\(result.owner)")
            }
        case "put":
            let value: [UInt8]
            if arguments.options["--stdin"] != nil {
                guard arguments.positionals.count == 1 else { throw UsageError(message: "VALUE and --stdin cannot be used together") }
                value = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                guard arguments.positionals.count == 2 else { throw UsageError(message: "Must pass a value") }
                value = Array(arguments.positionals[1].utf8)
            }
            try await printResult(client, KVStoreCommandsModule.Method.put, KVStorePutArgs(key: key, value: value, alternativeOwner: alternativeOwner))
        case "disable":
            // many-rs's CLI sends code 123456 with the text as message.
            let reason = arguments.options["--reason"].map { Reason(code: 123_456, message: $0) }
            try await printResult(
                client, KVStoreCommandsModule.Method.disable, KVStoreDisableArgs(key: key, alternativeOwner: alternativeOwner, reason: reason))
        default:
            guard arguments.positionals.count == 2, let newOwner = try address(arguments.positionals[1]) else {
                throw UsageError(message: "transfer needs KEY NEW_OWNER")
            }
            try await printResult(
                client, KVStoreTransferModule.Method.transfer, KVStoreTransferArgs(key: key, alternativeOwner: alternativeOwner, newOwner: newOwner))
        }
    }

    /// many-rs prints the payload with `minicbor::display`.
    private static func printResult(_ client: ManyClient, _ method: String, _ argument: some Encodable) async throws {
        let data: [UInt8]
        do { data = try ManyCodec.encode(argument) } catch { throw ManyClientError.encoding(error) }
        let payload = try await client.callRaw(method: method, data: data)
        guard !payload.isEmpty else { return print("") }
        print((try? CBOR(decoding: payload).diagnostic()) ?? Hex.encode(payload))
    }

    private static func identity(_ pem: String?) throws -> any Identity {
        guard let pem else { return AnonymousIdentity() }
        let text: String
        do { text = try String(contentsOfFile: pem, encoding: .utf8) } catch { throw UsageError(message: "could not read \(pem)") }
        do { return try PrivateKeyPEM.identity(pem: text) } catch { throw UsageError(message: "could not read a key from \(pem): \(error)") }
    }

    private static func address(_ text: String?) throws -> Address? {
        guard let text else { return nil }
        do { return try Address(string: text) } catch { throw UsageError(message: "not an address: \(text)") }
    }
}
