import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer
import RaftHost

/// The MANY kvstore modules over a ``KVStore`` (many-rs `many-kvstore/src/module.rs`):
/// attribute 3 (`kvstore.info`, `get`, `query`, `list`), 7 (`kvstore.put`, `disable`) and 13
/// (`kvstore.transfer`). Writes go through the store's backend, so in a cluster they are
/// replicated; the sender is the one the server verified from the envelope.
///
/// ```swift
/// for module in KVStoreManyModules.modules(store: store) { try server.register(module) }
/// ```
public enum KVStoreManyModules {
    /// The freshness of `kvstore.get`, `query` and `info` reads.
    public static let readLevel = KVReadLevel.lease

    /// The three modules, ready to register.
    public static func modules(store: KVStore) -> [SimpleModule] {
        [
            SimpleModule(name: KVStoreModule.name, attributeID: KVStoreModule.attributeID, endpoints: [
                KVStoreModule.Method.info: .typed { (_: KVStoreInfoArgs) async throws(ManyError) -> KVStoreInfoReturn in
                    KVStoreInfoReturn(hash: try await reading { () async throws(KVStoreError) in try await store.hash(level: readLevel) })
                },
                KVStoreModule.Method.get: .typed { (args: KVStoreGetArgs) async throws(ManyError) -> KVStoreGetReturn in
                    KVStoreGetReturn(value: try await reading { () async throws(KVStoreError) in try await store.get(args.key, level: readLevel) })
                },
                KVStoreModule.Method.query: .typed { (args: KVStoreQueryArgs) async throws(ManyError) -> KVStoreQueryReturn in
                    let entry = try await reading { () async throws(KVStoreError) in try await store.entry(args.key, level: readLevel) }
                    guard let entry, let owner = entry.owner else { throw .kvStoreKeyNotFound() }
                    return KVStoreQueryReturn(owner: owner, disabled: entry.disabled, previousOwner: entry.previousOwner)
                },
                KVStoreModule.Method.list: .typed { (args: KVStoreListArgs) async throws(ManyError) -> KVStoreListReturn in
                    let owned = try await reading { () async throws(KVStoreError) in try await store.owned(level: readLevel) }
                    return KVStoreListReturn(keys: KVStoreListing.keys(owned, args))
                },
            ]),
            SimpleModule(name: KVStoreCommandsModule.name, attributeID: KVStoreCommandsModule.attributeID, endpoints: [
                KVStoreCommandsModule.Method.put: .typed(deniesAnonymous: true) {
                    (args: KVStorePutArgs, call: EndpointCall) async throws(ManyError) -> KVStorePutReturn in
                    try await write(store, .manyPut(sender: call.sender, args))
                },
                KVStoreCommandsModule.Method.disable: .typed(deniesAnonymous: true) {
                    (args: KVStoreDisableArgs, call: EndpointCall) async throws(ManyError) -> KVStoreDisableReturn in
                    try await write(store, .manyDisable(sender: call.sender, args))
                },
            ]),
            SimpleModule(name: KVStoreTransferModule.name, attributeID: KVStoreTransferModule.attributeID, endpoints: [
                KVStoreTransferModule.Method.transfer: .typed(deniesAnonymous: true) {
                    (args: KVStoreTransferArgs, call: EndpointCall) async throws(ManyError) -> KVStoreTransferReturn in
                    try await write(store, .manyTransfer(sender: call.sender, args))
                },
            ]),
        ]
    }

    private static func write(_ store: KVStore, _ command: KVCommand) async throws(ManyError) -> EmptyReturn {
        let result: StateMachineResult
        do { result = try await store.apply(command) } catch { throw manyError(error, writing: true) }
        guard result.value != KVOutcome.ok.rawValue else { return EmptyReturn() }
        let outcome = KVOutcome(rawValue: result.value) ?? .badCommand
        throw manyError(.refused(outcome, detail: String(decoding: result.data, as: UTF8.self)), writing: true)
    }

    private static func reading<T>(_ body: () async throws(KVStoreError) -> T) async throws(ManyError) -> T {
        do { return try await body() } catch { throw manyError(error, writing: false) }
    }

    /// many-rs's error for a refusal (`many-kvstore/src/error.rs`; -90003 from
    /// `many-modules/src/account/errors.rs`).
    static func manyError(_ error: KVStoreError, writing: Bool) -> ManyError {
        switch error {
        case let .refused(outcome, detail):
            switch outcome {
            case .permissionDenied: return .kvStorePermissionDenied()
            case .keyDisabled: return .kvStoreKeyDisabled()
            case .notFound: return .kvStoreKeyNotFound()
            case .anonymousOwnerDenied: return .kvStoreAnonymousAlternativeOwnerDenied()
            case .subresourceOwnerUnsupported: return .kvStoreSubresourceAlternativeOwnerUnsupported()
            case .cannotDisableEmptyKey: return .kvStoreCannotDisableEmptyKey()
            case .needsRole:
                return .attributeSpecific(
                    attribute: 9, id: 3, message: "Sender needs role '{role}' to perform this operation.", arguments: ["role": detail])
            case .ok, .compareFailed, .badCommand, .alreadyInitialized:
                return .unknown("unexpected outcome \(outcome)")
            }
        case .tooLarge, .emptyKey:
            return .unknown(error.description)
        case .backend, .corruptAnswer:
            return writing ? .kvStoreStorageApplyFailed(error.description) : .kvStoreStorageGetFailed(error.description)
        }
    }
}

