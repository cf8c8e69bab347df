import ManyIdentity
import ManyModules
import RaftHost
import Testing
@testable import KVStore

/// Plain commands (the HTTP APIs' put, delete, compare-and-set, prefix list), snapshots,
/// and what malformed bytes do.
struct KVStateMachinePlainTests {
    @Test(arguments: MachineKind.allCases) func putGetDelete(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.outcome(.put(key: Array("a".utf8), value: Array("1".utf8))) == .ok)
        #expect(driver.get(Array("a".utf8)) == .value(Array("1".utf8)))
        #expect(driver.apply(.delete(key: Array("a".utf8))).data == [1])
        #expect(driver.apply(.delete(key: Array("a".utf8))).data == [0])
        #expect(driver.get(Array("a".utf8)) == .missing)
    }

    @Test(arguments: MachineKind.allCases) func plainWritesLeaveOwnedKeysAlone(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.put(KVFixtures.alice, [1], [1]) == .ok)
        #expect(driver.outcome(.put(key: [1], value: [2])) == .permissionDenied)
        #expect(driver.outcome(.delete(key: [1])) == .permissionDenied)
        #expect(driver.outcome(.compareAndSet(key: [1], expected: [1], new: [2])) == .permissionDenied)
        #expect(driver.get([1]) == .value([1]))
    }

    @Test(arguments: MachineKind.allCases) func compareAndSet(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        #expect(driver.outcome(.compareAndSet(key: [5], expected: [1], new: [2])) == .compareFailed)
        #expect(driver.outcome(.compareAndSet(key: [5], expected: nil, new: [1])) == .ok)
        #expect(driver.outcome(.compareAndSet(key: [5], expected: nil, new: [9])) == .compareFailed)
        #expect(driver.outcome(.compareAndSet(key: [5], expected: [1], new: [2])) == .ok)
        #expect(driver.get([5]) == .value([2]))
        #expect(driver.outcome(.compareAndSet(key: [5], expected: [2], new: nil)) == .ok)
        #expect(driver.get([5]) == .missing)
    }

    @Test(arguments: MachineKind.allCases) func prefixListIsSortedAndLimited(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        for key in ["b/2", "a/1", "b/1", "b/3", "c"] {
            driver.apply(.put(key: Array(key.utf8), value: Array(key.utf8)))
        }
        let all = driver.list(Array("b/".utf8))
        #expect(all.keys.map { String(decoding: $0, as: UTF8.self) } == ["b/1", "b/2", "b/3"])
        #expect(all.values == all.keys)
        #expect(!all.truncated)
        let two = driver.list(Array("b/".utf8), limit: 2)
        #expect(two.keys.map { String(decoding: $0, as: UTF8.self) } == ["b/1", "b/2"])
        #expect(two.truncated)
    }

    @Test(arguments: MachineKind.allCases) func snapshotRoundTripKeepsEverything(_ kind: MachineKind) throws {
        let driver = MachineDriver(kind)
        let account = try KVFixtures.carol.with(subresource: 2)
        driver.apply(.initialize(KVInitialState(
            identity: KVFixtures.carol, acl: [[9]: KVFixtures.bob],
            accounts: [KVAccount(address: account, roles: [KVFixtures.alice: ["owner"]])])))
        driver.apply(.put(key: [1], value: [1, 1]))
        _ = driver.put(KVFixtures.alice, [2], [2])
        _ = driver.disable(KVFixtures.alice, [2], reason: Reason(code: 7, message: "gone {why}", arguments: ["why": "test"]))
        _ = driver.put(KVFixtures.alice, [3], [3], alternativeOwner: account)
        _ = driver.transfer(KVFixtures.alice, [3], to: KVFixtures.bob, alternativeOwner: account)

        // Restored into either kind, the state gives the same snapshot, hash and entries.
        let snapshot = try driver.machine.saveSnapshot()
        let directory = ScratchDirectory("kv-restore")
        for restoredKind in MachineKind.allCases {
            let restored = makeMachine(restoredKind, in: directory, name: "\(restoredKind).sqlite")
            try restored.recoverFromSnapshot(snapshot)
            #expect(try restored.saveSnapshot() == snapshot)
            #expect(try restored.lookup(KVQuery.hash.encoded()) == driver.machine.lookup(KVQuery.hash.encoded()))
            for key: [UInt8] in [[1], [2], [3], [9]] {
                #expect(try restored.lookup(KVQuery.entry(key: key).encoded()) == driver.machine.lookup(KVQuery.entry(key: key).encoded()))
            }
            // The account came back too: alice still acts for it.
            let result = try restored.update([StateMachineEntry(index: 99, command: KVCommand.manyPut(
                sender: KVFixtures.alice, KVStorePutArgs(key: [4], value: [4], alternativeOwner: account)).encoded())])
            #expect(result[0].value == KVOutcome.ok.rawValue)
        }
    }

    @Test(arguments: MachineKind.allCases) func equalStatesHashEqually(_ kind: MachineKind) throws {
        let first = MachineDriver(kind), second = MachineDriver(kind)
        for key in 0..<20 { first.apply(.put(key: [UInt8(key)], value: [1])) }
        for key in (0..<20).reversed() { second.apply(.put(key: [UInt8(key)], value: [1])) }
        // Applied indexes match too (same number of entries), so the bytes must match.
        #expect(try first.machine.saveSnapshot() == second.machine.saveSnapshot())
        #expect(try first.machine.lookup(KVQuery.hash.encoded()).count == 32)
    }

    @Test(arguments: MachineKind.allCases) func badCommandsAreResultsNotCrashes(_ kind: MachineKind) {
        let driver = MachineDriver(kind)
        let put = KVCommand.put(key: [1], value: [2]).encoded()
        for bytes in [[], [9, 1], [1, 99], Array(put.dropLast()), put + [0], [1, 1, 0xff, 0xff, 0xff, 0xff]] {
            #expect(driver.applyRaw(bytes).value == KVOutcome.badCommand.rawValue)
        }
        #expect(driver.get([1]) == .missing)
    }

    @Test(arguments: MachineKind.allCases) func decodersReportWhereBytesGoWrong(_ kind: MachineKind) {
        // A value length of 2^32 - 1 with nothing behind it: refused before any copy.
        #expect(throws: KVCodingError(offset: 7, reason: "field of 4294967295 bytes over the limit of 67108864")) {
            try KVCommand(decoding: [1, 1, 1, 0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff])
        }
        #expect(throws: KVCodingError.self) { try KVQuery(decoding: [1, 3, 0, 0, 0]) }
        let machine = MachineDriver(kind).machine
        #expect(throws: StateMachineError.self) { try machine.recoverFromSnapshot(Array("KVS".utf8) + [2]) }
        #expect(throws: StateMachineError.self) { try machine.lookup([1, 42]) }
    }

    @Test func everyCommandRoundTrips() throws {
        let commands: [KVCommand] = [
            .put(key: [1], value: []), .delete(key: [2]), .compareAndSet(key: [3], expected: nil, new: [4]),
            .manyPut(sender: KVFixtures.alice, KVStorePutArgs(key: [1], value: [2], alternativeOwner: KVFixtures.bob)),
            .manyDisable(sender: KVFixtures.alice, KVStoreDisableArgs(key: [1], reason: Reason(code: 1, message: "m", arguments: ["a": "b"]))),
            .manyTransfer(sender: KVFixtures.alice, KVStoreTransferArgs(key: [1], newOwner: .illegal)),
            .initialize(KVInitialState(identity: KVFixtures.carol, acl: [[1]: KVFixtures.alice],
                                       accounts: [KVAccount(address: KVFixtures.bob, roles: [KVFixtures.alice: ["owner", "canKvStorePut"]])])),
        ]
        for command in commands { #expect(try KVCommand(decoding: command.encoded()) == command) }
    }
}
