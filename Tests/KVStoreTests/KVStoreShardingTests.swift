import KVStore
import ManyModules
import Testing

/// The store over several groups: the initial ACL lands in the group that owns each key,
/// accounts in every group, and reads find keys wherever they live.
struct KVStoreShardingTests {
    @Test func initialStateAcrossGroups() async throws {
        let store = KVStore(backend: LocalKVBackend(groupCount: 4))
        let keys: [[UInt8]] = (0..<16).map { [UInt8($0), 0xa0] }
        #expect(Set(keys.map(store.sharding.group(for:))).count > 1)
        let account = try KVFixtures.carol.with(subresource: 5)
        let state = KVInitialState(
            identity: KVFixtures.carol, acl: Dictionary(uniqueKeysWithValues: keys.map { ($0, KVFixtures.alice) }),
            accounts: [KVAccount(address: account, roles: [KVFixtures.bob: [KVAccount.Role.canKvStorePut]])])
        #expect(try await store.initialize(state))
        #expect(try await !store.initialize(state))
        for key in keys {
            let denied = try await store.apply(.manyPut(sender: KVFixtures.bob, KVStorePutArgs(key: key, value: [1])))
            #expect(KVOutcome(rawValue: denied.value) == .permissionDenied)
            #expect(try await store.apply(.manyPut(sender: KVFixtures.alice, KVStorePutArgs(key: key, value: key))).value == 0)
            // The account is known in every group.
            let forAccount = KVStorePutArgs(key: key + [1], value: [2], alternativeOwner: account)
            #expect(try await store.apply(.manyPut(sender: KVFixtures.bob, forAccount)).value == 0)
        }
        for key in keys { #expect(try await store.get(key, level: .stale) == key) }
        #expect(try await store.keyCount(level: .stale) == 32)
        #expect(try await store.owned(level: .stale).keys.count == 32)
        #expect(try await store.hash(level: .stale).count == 32)
    }

    @Test func limitsAreCheckedBeforeProposing() async throws {
        let store = KVStore(backend: LocalKVBackend(), limits: KVLimits(keySizeBytesMax: 4, valueSizeBytesMax: 4))
        await #expect(throws: KVStoreError.tooLarge(field: "key", sizeBytes: 5, sizeBytesMax: 4)) { try await store.put([1, 2, 3, 4, 5], [1]) }
        await #expect(throws: KVStoreError.tooLarge(field: "value", sizeBytes: 5, sizeBytesMax: 4)) { try await store.put([1], [1, 2, 3, 4, 5]) }
        await #expect(throws: KVStoreError.emptyKey) { try await store.put([], [1]) }
        #expect(try await store.keyCount(level: .stale) == 0)
    }
}
