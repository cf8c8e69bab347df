import Crypto
import Dispatch
import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer

/// What every input meets: fixed identities, a pinned clock, and two servers with the base
/// module and a small typed module, so that runs reproduce byte for byte.
enum FuzzWorld {
    /// The servers' clock; the seeds are timestamped with it.
    static let now = Timestamp(seconds: 1_700_000_000)

    static let serverIdentity = ed25519(1)
    static let alice = ed25519(2)
    static let carol = p256(3)

    /// The server whose answers are checked against ``ManyServer/checks``.
    static let server = makeServer(replayCacheEntriesMax: nil)
    /// The same with a small replay cache, so that eviction runs too.
    static let guardedServer = makeServer(replayCacheEntriesMax: 64)

    static func ed25519(_ seed: UInt8) -> Ed25519Identity {
        // 32 equal bytes are a valid Ed25519 seed, so this cannot fail.
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
        return Ed25519Identity(privateKey: key)
    }

    static func p256(_ seed: UInt8) -> ECDSAIdentity {
        // 32 equal small bytes are below the P-256 group order, so this cannot fail.
        let key = try! P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
        return ECDSAIdentity(privateKey: key)
    }

    private static func makeServer(replayCacheEntriesMax: Int?) -> ManyServer {
        let configuration = ManyServerConfiguration(
            serverVersion: "fuzz", replayCacheEntriesMax: replayCacheEntriesMax, clock: { FuzzWorld.now })
        let server = ManyServer(identity: serverIdentity, name: "fuzz", configuration: configuration)
        do {
            try server.register(calculator)
        } catch {
            preconditionFailure("the calculator module registers on a new server: \(error)")
        }
        return server
    }

    /// Typed arguments, an application error and an endpoint closed to anonymous senders.
    static let calculator = SimpleModule(name: "Calculator", attributeID: 1000, endpoints: [
        "calc.add": .typed { (args: AddArguments) async throws(ManyError) -> Int64 in
            let (sum, overflow) = args.a.addingReportingOverflow(args.b)
            guard !overflow else { throw ManyError(code: 1, message: "{a} + {b} overflows", arguments: ["a": "\(args.a)", "b": "\(args.b)"]) }
            return sum
        },
        "calc.whoami": .typed(deniesAnonymous: true) { (_: EmptyArgument, call: EndpointCall) async throws(ManyError) -> String in
            call.sender.description
        },
    ])

    /// `server.handle(bytes)` from a synchronous caller (libFuzzer's callback).
    static func handle(_ bytes: [UInt8], on server: ManyServer) -> [UInt8] {
        let reply = ReplyBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            reply.bytes = await server.handle(bytes)
            done.signal()
        }
        done.wait()
        return reply.bytes
    }
}

struct AddArguments: Codable, Sendable {
    var a: Int64
    var b: Int64
    enum CodingKeys: Int, CodingKey { case a = 0, b = 1 }
}

/// Written by the task before it signals, read after the wait: the semaphore orders them.
private final class ReplyBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
