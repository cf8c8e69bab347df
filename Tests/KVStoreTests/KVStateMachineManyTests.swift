import ManyIdentity
import ManyModules
import Testing
@testable import KVStore

/// The MANY semantics, scenario by scenario as many-rs's `many-kvstore/tests/kvstore.rs`
/// checks them (owners, disable, illegal owner, list skipping disabled keys), plus the
/// alternative-owner rules of `module/account.rs` `validate_alternative_owner`.
struct KVStateMachineManyTests {
    let alice = KVFixtures.alice, bob = KVFixtures.bob

    @Test(arguments: MachineKind.allCases) func putGetDisable(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.get([1]) == .value([2]))
        #expect(driver.disable(alice, [1]) == .ok)
        #expect(driver.get([1]) == .disabled)
    }

    @Test(arguments: MachineKind.allCases) func putPutOverwritesForTheOwner(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.put(alice, [1], [3]) == .ok)
        #expect(driver.get([1]) == .value([3]))
    }

    @Test(arguments: MachineKind.allCases) func anotherSenderIsDeniedPutAndDisable(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.put(bob, [1], [3]) == .permissionDenied)
        #expect(driver.disable(bob, [1]) == .permissionDenied)
        #expect(driver.get([1]) == .value([2]))
    }

    @Test(arguments: MachineKind.allCases) func theOwnerReenablesWithAPut(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.disable(alice, [1]) == .ok)
        #expect(driver.put(bob, [1], [3]) == .permissionDenied)
        #expect(driver.put(alice, [1], [3]) == .ok)
        #expect(driver.get([1]) == .value([3]))
        #expect(driver.entry([1])?.disabled == .flag(false))
    }

    @Test(arguments: MachineKind.allCases) func queryShowsOwnerAndDisabledState(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.entry([1]) == KVEntry(value: [2], owner: alice, disabled: .flag(false)))
        let reason = Reason(code: 123, message: "Foo")
        #expect(driver.disable(alice, [1], reason: reason) == .ok)
        #expect(driver.entry([1])?.disabled == .reason(reason))
        #expect(driver.entry([1])?.owner == alice)
    }

    @Test(arguments: MachineKind.allCases) func aKeyTransferredToIllegalIsImmutable(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [2]) == .ok)
        #expect(driver.transfer(alice, [1], to: .illegal) == .ok)
        #expect(driver.put(bob, [1], [3]) == .permissionDenied)
        #expect(driver.put(bob, [1], [3], alternativeOwner: .illegal) == .permissionDenied)
        #expect(driver.put(alice, [1], [3]) == .permissionDenied)
    }

    @Test(arguments: MachineKind.allCases) func listSkipsDisabledKeysUntilReenabled(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        for key in 1...5 { #expect(driver.put(alice, [UInt8(key)], [1]) == .ok) }
        #expect(driver.list([]).keys == [[1], [2], [3], [4], [5]])
        #expect(driver.disable(alice, [1]) == .ok)
        #expect(driver.disable(alice, [2], reason: Reason(code: 123, message: "Foo")) == .ok)
        #expect(driver.list([]).keys == [[3], [4], [5]])
        #expect(driver.put(alice, [2], Array("foo".utf8)) == .ok)
        #expect(driver.list([]).keys == [[2], [3], [4], [5]])
    }

    @Test(arguments: MachineKind.allCases) func transferMovesOwnershipAndRemembersThePreviousOwner(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [7], [1]) == .ok)
        #expect(driver.transfer(bob, [7], to: bob) == .permissionDenied)
        #expect(driver.transfer(alice, [7], to: bob) == .ok)
        #expect(driver.entry([7]) == KVEntry(value: [1], owner: bob, disabled: .flag(false), previousOwner: alice))
        #expect(driver.put(alice, [7], [2]) == .permissionDenied)
        #expect(driver.put(bob, [7], [2]) == .ok)
    }

    @Test(arguments: MachineKind.allCases) func transferRefusals(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.transfer(alice, [9], to: bob) == .notFound)
        #expect(driver.put(alice, [9], [1]) == .ok)
        #expect(driver.transfer(alice, [9], to: .anonymous) == .anonymousOwnerDenied)
        #expect(driver.disable(alice, [9]) == .ok)
        // many-rs's transfer reads the value first, which refuses a disabled key.
        #expect(driver.transfer(alice, [9], to: bob) == .keyDisabled)
    }

    @Test(arguments: MachineKind.allCases) func disableNeedsAValue(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.disable(alice, [1]) == .cannotDisableEmptyKey)
        #expect(driver.put(alice, [1], [1]) == .ok)
        #expect(driver.disable(alice, [1]) == .ok)
        #expect(driver.disable(alice, [1]) == .keyDisabled)
    }

    @Test(arguments: MachineKind.allCases) func alternativeOwnersNeedAnAccountRole(_ kind: MachineKind) throws {
        let driver = MachineDriver(kind)
        let account = try KVFixtures.carol.with(subresource: 1)
        let state = KVInitialState(identity: KVFixtures.carol, accounts: [
            KVAccount(address: account, roles: [alice: [KVAccount.Role.canKvStorePut], KVFixtures.carol: [KVAccount.Role.owner]]),
        ])
        #expect(driver.outcome(.initialize(state)) == .ok)
        #expect(driver.put(alice, [1], [1], alternativeOwner: account) == .ok)
        #expect(driver.entry([1])?.owner == account)
        // alice may put but not disable for the account; the error names the first role.
        let refused = driver.apply(.manyDisable(sender: alice, KVStoreDisableArgs(key: [1], alternativeOwner: account)))
        #expect(KVOutcome(rawValue: refused.value) == .needsRole)
        #expect(String(decoding: refused.data, as: UTF8.self) == "canKvStoreDisable")
        #expect(driver.disable(KVFixtures.carol, [1], alternativeOwner: account) == .ok)
        #expect(driver.put(bob, [2], [1], alternativeOwner: account) == .needsRole)
    }

    @Test(arguments: MachineKind.allCases) func alternativeOwnersThatAreNotAccounts(_ kind: MachineKind) throws {
        let driver = MachineDriver(kind)
        #expect(driver.put(alice, [1], [1], alternativeOwner: try bob.with(subresource: 3)) == .subresourceOwnerUnsupported)
        #expect(driver.put(alice, [1], [1], alternativeOwner: .anonymous) == .anonymousOwnerDenied)
        #expect(driver.put(alice, [1], [1], alternativeOwner: bob) == .permissionDenied)
    }

    @Test(arguments: MachineKind.allCases) func theInitialACLReservesKeysForTheirOwners(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.outcome(.initialize(KVInitialState(identity: KVFixtures.carol, acl: [[1, 2, 3]: alice]))) == .ok)
        #expect(driver.outcome(.initialize(KVInitialState(identity: bob))) == .alreadyInitialized)
        #expect(driver.get([1, 2, 3]) == .missing)
        #expect(driver.put(bob, [1, 2, 3], [1]) == .permissionDenied)
        #expect(driver.put(alice, [1, 2, 3], [1]) == .ok)
    }
}
