import Crypto
import ManyIdentity
import ManyModules
import RaftHost
@testable import KVStore

/// Identities and helpers shared by the KV store tests.
enum KVFixtures {
    /// A fixed Ed25519 identity per seed byte, so failures reproduce.
    static func identity(_ seed: UInt8) -> Ed25519Identity {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
        return Ed25519Identity(privateKey: key)
    }

    static let alice = identity(2).address
    static let bob = identity(3).address
    static let carol = identity(4).address

    /// many-rs `many-identity-dsa/src/impls/ed25519.rs` `eddsa_identity()` and its address,
    /// the owner in many-rs's `staging/kvstore_state.json5`.
    static let manyRsPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIHcoTY2RYa48O8ONAgfxEw+15MIyqSat0/QpwA1YxiPD
        -----END PRIVATE KEY-----
        """
    static let manyRsAddress = "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp"

    /// many-rs `staging/kvstore_state.json5`, verbatim.
    static let manyRsStagingState = """
        // #################################################
        // WARNING: DO NOT USE THIS FILE AS-IS IN PRODUCTION
        //
        // MANY ID : Key file
        // maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp : keys/id1.pem
        // mahukzwuwgt3porn6q4vq4xu3mwy5gyskhouryzbscq7wb2iow : keys/id2.pem
        // #################################################
        {
          // ########################
          // CHANGE ME FOR PRODUCTION
          // ########################
          // The identity that is used to create new accounts. The server does not need to
          // know the private key for this, just that it's not reused.
          identity: "mahukzwuwgt3porn6q4vq4xu3mwy5gyskhouryzbscq7wb2iow",

          // ########################
          // CHANGE ME FOR PRODUCTION
          // ########################
          // The initial database ACL
          acl: {
            "010203": {
              owner: "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp",
            }
          }
        }
        """
}

/// A state machine driven one command at a time, with log indexes counted for it.
final class MachineDriver {
    let machine: any StateMachine
    private let directory = ScratchDirectory("kv-machine")
    private var index: UInt64 = 0

    init(_ kind: MachineKind = .memory) {
        machine = makeMachine(kind, in: directory)
    }

    @discardableResult
    func apply(_ command: KVCommand) -> StateMachineResult {
        applyRaw(command.encoded())
    }

    func applyRaw(_ bytes: [UInt8]) -> StateMachineResult {
        index += 1
        return try! machine.update([StateMachineEntry(index: index, command: bytes)])[0]
    }

    func outcome(_ command: KVCommand) -> KVOutcome? { KVOutcome(rawValue: apply(command).value) }

    func get(_ key: [UInt8]) -> KVGetAnswer {
        try! KVGetAnswer(decoding: machine.lookup(KVQuery.get(key: key).encoded()))
    }

    func entry(_ key: [UInt8]) -> KVEntry? {
        try! KVEntry.decodeAnswer(machine.lookup(KVQuery.entry(key: key).encoded()))
    }

    func list(_ prefix: [UInt8], limit: UInt32 = 100) -> KVListAnswer {
        try! KVListAnswer(decoding: machine.lookup(KVQuery.list(prefix: prefix, limit: limit).encoded()))
    }

    func put(_ sender: Address, _ key: [UInt8], _ value: [UInt8], alternativeOwner: Address? = nil) -> KVOutcome? {
        outcome(.manyPut(sender: sender, KVStorePutArgs(key: key, value: value, alternativeOwner: alternativeOwner)))
    }

    func disable(_ sender: Address, _ key: [UInt8], alternativeOwner: Address? = nil, reason: Reason? = nil) -> KVOutcome? {
        outcome(.manyDisable(sender: sender, KVStoreDisableArgs(key: key, alternativeOwner: alternativeOwner, reason: reason)))
    }

    func transfer(_ sender: Address, _ key: [UInt8], to newOwner: Address, alternativeOwner: Address? = nil) -> KVOutcome? {
        outcome(.manyTransfer(sender: sender, KVStoreTransferArgs(key: key, alternativeOwner: alternativeOwner, newOwner: newOwner)))
    }
}
