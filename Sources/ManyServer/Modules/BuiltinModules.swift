import COSE
import ManyIdentity
import ManyModules
import ManyProtocol
import Synchronization

/// The registry, shared by the server and the base module's `status` and `endpoints`
/// (which hold it weakly, since the registry holds them).
final class RegistryBox: Sendable {
    let registry = Mutex(ModuleRegistry())

    func endpoint(for method: String) -> Endpoint? {
        registry.withLock { $0.endpoints[method] }
    }
}

/// What `status` reports besides the registry.
struct ServerDescription: Sendable {
    let name: String
    let address: Address
    let publicKey: COSEKey?
    let serverVersion: String?
    let timestampWindowSeconds: UInt64
}

/// The modules every server has.
enum BuiltinModules {
    /// The base module: `status`, `heartbeat`, `endpoints` (arguments ignored, as in many-rs).
    static func base(_ description: ServerDescription, registry: RegistryBox) -> SimpleModule {
        SimpleModule(name: BaseModule.name, attributeID: BaseModule.attributeID, endpoints: [
            BaseModule.Method.status: Endpoint { [weak registry] _ throws(ManyError) in
                guard let registry else { throw .internalServerError() }
                return try ManyCodec.encode(status(description, registry: registry))
            },
            BaseModule.Method.heartbeat: Endpoint { _ throws(ManyError) in try ManyCodec.encode(HeartbeatReturn()) },
            BaseModule.Method.endpoints: Endpoint { [weak registry] _ throws(ManyError) in
                guard let registry else { throw .internalServerError() }
                return try ManyCodec.encode(registry.registry.withLock { $0.methods })
            },
        ])
    }

    static func status(_ description: ServerDescription, registry: RegistryBox) -> Status {
        Status(
            version: 1, name: description.name, publicKey: description.publicKey, identity: description.address,
            attributes: registry.registry.withLock { $0.attributes }, serverVersion: description.serverVersion,
            timeoutSeconds: description.timestampWindowSeconds)
    }

    /// The async module: `async.status` for tokens of deferred calls.
    static func async(_ calls: AsyncCalls) -> SimpleModule {
        SimpleModule(name: AsyncModule.name, attributeID: AsyncModule.attributeID, endpoints: [
            AsyncModule.Method.status: .typed { (arguments: AsyncStatusArgs, call: EndpointCall) async throws(ManyError) -> AsyncStatusReturn in
                calls.status(token: arguments.token, sender: call.sender)
            },
        ])
    }
}
