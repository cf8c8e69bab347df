import CBOR
import ManyIdentity
import ManyModules
import ManyProtocol
import Testing

/// The kvstore module types, byte for byte as many-rs lays them out (`many-modules/src/
/// _3_kvstore*`, `_7_kvstore_commands*`, `_13_kvstore_transfer*`). Every expected encoding
/// below is written by hand from the Rust field numbers, with its diagnostic notation beside it.
struct KVStoreTypesTests {
    // MARK: Fixtures

    /// `h'6b6579'` ("key") and `h'76616c7565'` ("value").
    static let key = Array("key".utf8)
    static let value = Array("value".utf8)

    static let alice = try! Address(publicKeyHash: [UInt8](repeating: 0xaa, count: 28))
    static let bob = try! Address(publicKeyHash: [UInt8](repeating: 0xbb, count: 28))
    /// `10000(h'01aa…aa')`: tag d9 2710, byte string of 29 (58 1d).
    static let aliceHex = "d92710581d01" + String(repeating: "aa", count: 28)
    static let bobHex = "d92710581d01" + String(repeating: "bb", count: 28)

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.filter { !$0.isWhitespace }.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }

    static func encoded(_ value: some Encodable) throws -> [UInt8] { try CBOREncoder().encode(value) }

    /// The kind of the error decoding `wire` as `type` throws, nil if it decodes. A missing
    /// field is reported by its Swift name (`keyNotFound("newOwner")` for key 2).
    static func failure<T: Decodable>(_ type: T.Type, _ wire: [UInt8]) -> CBORCodingError.Kind? {
        do {
            _ = try CBORDecoder().decode(type, from: wire)
            return nil
        } catch {
            return error.kind
        }
    }

    static func failure<T: Decodable>(_ type: T.Type, _ wire: CBOR) -> CBORCodingError.Kind? {
        failure(type, wire.encoded())
    }

    static func isTypeMismatch(_ kind: CBORCodingError.Kind?) -> Bool {
        if case .typeMismatch = kind { return true }
        return false
    }

    static func isDataCorrupted(_ kind: CBORCodingError.Kind?) -> Bool {
        if case .dataCorrupted = kind { return true }
        return false
    }

    // MARK: Modules and errors

    @Test func moduleIDsAndEndpoints() {
        #expect(KVStoreModule.attributeID == 3)
        #expect(KVStoreCommandsModule.attributeID == 7)
        #expect(KVStoreTransferModule.attributeID == 13)
        #expect(KVStoreModule.endpoints == ["kvstore.get", "kvstore.info", "kvstore.list", "kvstore.query"])
        #expect(KVStoreCommandsModule.endpoints == ["kvstore.disable", "kvstore.put"])
        #expect(KVStoreTransferModule.endpoints == ["kvstore.transfer"])
    }

    @Test func errorCodesAndTemplates() throws {
        let attributeErrors: [(ManyError, Int64, String)] = [
            (.kvStorePermissionDenied(), -30001, "You do not have the authorization to modify this key."),
            (.kvStoreInvalidInitialHash(expected: "ab", actual: "cd"), -30002, "Invalid initial hash. Expected 'ab', was 'cd'."),
            (.kvStoreKeyDisabled(), -30003, "The key was disabled by its owner."),
            (.kvStoreAnonymousAlternativeOwnerDenied(), -30004, "Anonymous alternative owner denied."),
            (.kvStoreSubresourceAlternativeOwnerUnsupported(), -30005, "Subresource alternative owner unsupported."),
            (.kvStoreKeyNotFound(), -30006, "The key was not found."),
            (.kvStoreCannotDisableEmptyKey(), -30007, "Unable to disable an empty key."),
            (.kvStoreStorageApplyFailed("disk full"), 1, "Unable to apply change to persistent storage: disk full."),
            (.kvStoreStorageGetFailed("gone"), 2, "Unable to get data from persistent storage: gone."),
        ]
        for (error, code, text) in attributeErrors {
            #expect(error.code == code)
            #expect(error.description == text)
        }
        #expect(ManyError.kvStoreInvalidInitialHash(expected: "ab", actual: "cd").arguments == ["expected": "ab", "actual": "cd"])
        #expect(ManyError.kvStoreKeyDisabled().isAttributeSpecific)
        #expect(ManyError.kvStoreStorageGetFailed("x").isApplicationSpecific)
        // The error travels as many-rs writes it: {0: -30003, 1: message}.
        let wire = ManyError.kvStoreKeyDisabled().encoded()
        #expect(try CBOR(decoding: wire) == [0: .int(-30003), 1: "The key was disabled by its owner."])
    }

    // MARK: kvstore.info, kvstore.get

    @Test func infoIsAnArrayNotAMap() throws {
        // InfoReturns has no #[cbor(map)]: minicbor-derive writes [h'010203'].
        #expect(try Self.encoded(KVStoreInfoReturn(hash: [1, 2, 3])) == Self.bytes("81 43 010203"))
        #expect(try Self.encoded(KVStoreInfoArgs()) == [0xf6])
        #expect(try CBORDecoder().decode(KVStoreInfoReturn.self, from: Self.bytes("82 43 010203 07")) == KVStoreInfoReturn(hash: [1, 2, 3]))
        #expect(try CBORDecoder().decode(KVStoreInfoReturn.self, from: Self.bytes("9f 41 09 ff")) == KVStoreInfoReturn(hash: [9]))
        #expect(Self.failure(KVStoreInfoReturn.self, [0: .bytes([1])]) != nil)
        #expect(Self.failure(KVStoreInfoReturn.self, Self.bytes("80")) == .valueNotFound(expected: "Array<UInt8>"))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreInfoReturn.self, ["hash"])))
        // The argument is EmptyArg: anything, or no data.
        _ = try ManyCodec.decode(KVStoreInfoArgs.self, from: [])
    }

    @Test func getLayout() throws {
        // {0: h'6b6579'}
        #expect(try Self.encoded(KVStoreGetArgs(key: Self.key)) == Self.bytes("a1 00 43 6b6579"))
        // {0: h'76616c7565'}, and {} when there is no value.
        #expect(try Self.encoded(KVStoreGetReturn(value: Self.value)) == Self.bytes("a1 00 45 76616c7565"))
        #expect(try Self.encoded(KVStoreGetReturn(value: nil)) == [0xa0])
        for value in [KVStoreGetReturn(value: Self.value), KVStoreGetReturn(value: []), KVStoreGetReturn(value: nil)] {
            #expect(try CBORDecoder().decode(KVStoreGetReturn.self, from: Self.encoded(value)) == value)
        }
        #expect(try CBORDecoder().decode(KVStoreGetArgs.self, from: Self.bytes("a1 00 43 6b6579")) == KVStoreGetArgs(key: Self.key))
        // null is None, unknown keys are ignored.
        #expect(try CBORDecoder().decode(KVStoreGetReturn.self, from: [0: .null, 9: "x"]) == KVStoreGetReturn(value: nil))
    }

    @Test func keysAreDefiniteByteStringsOnly() {
        // minicbor's ByteVec takes a byte string; text, an array of integers or a chunked string is not one.
        #expect(Self.isTypeMismatch(Self.failure(KVStoreGetArgs.self, [0: "key"])))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreGetArgs.self, [0: [107, 101, 121]])))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreGetArgs.self, Self.bytes("a1 00 5f 43 6b6579 ff"))))
        #expect(Self.failure(KVStoreGetArgs.self, [1: .bytes(Self.key)]) == .keyNotFound("key"))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreGetArgs.self, [0: .null])))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreGetReturn.self, [0: 5])))
        #expect(throws: ManyError.self) { try ManyCodec.decode(KVStoreGetArgs.self, from: [0x43, 1, 2, 3]) }
        do {
            _ = try ManyCodec.decode(KVStoreQueryArgs.self, from: [])
            Issue.record("an empty query argument decoded")
        } catch {
            #expect(error.code == -3)
        }
    }

    // MARK: kvstore.query

    @Test func queryLayout() throws {
        #expect(try Self.encoded(KVStoreQueryArgs(key: Self.key)) == Self.bytes("a1 00 43 6b6579"))
        // {0: 10000(h'01aa…')}
        let plain = KVStoreQueryReturn(owner: Self.alice)
        #expect(try Self.encoded(plain) == Self.bytes("a1 00" + Self.aliceHex))
        // {0: owner, 1: false, 2: previous owner}
        let transferred = KVStoreQueryReturn(owner: Self.alice, disabled: .flag(false), previousOwner: Self.bob)
        #expect(try Self.encoded(transferred) == Self.bytes("a3 00" + Self.aliceHex + "01 f4 02" + Self.bobHex))
        // {0: owner, 1: {0: 123456, 1: "foo"}}: the reason many-rs's CLI sends.
        let reasoned = KVStoreQueryReturn(owner: Self.alice, disabled: .reason(Reason(code: 123_456, message: "foo")))
        #expect(try Self.encoded(reasoned) == Self.bytes("a2 00" + Self.aliceHex + "01 a2 00 1a0001e240 01 63 666f6f"))
        for value in [plain, transferred, reasoned, KVStoreQueryReturn(owner: .illegal, disabled: .flag(true), previousOwner: Self.alice)] {
            #expect(try CBORDecoder().decode(KVStoreQueryReturn.self, from: Self.encoded(value)) == value)
        }
    }

    @Test func queryAcceptsManyRsAlternativeForms() throws {
        let owner = CBOR.tagged(10000, .bytes(Self.alice.bytes))
        // The owner in its textual form, as many-rs's address decoder takes it.
        let textual = try CBORDecoder().decode(KVStoreQueryReturn.self, from: [0: .text(Self.alice.description)])
        #expect(textual == KVStoreQueryReturn(owner: Self.alice))
        // disabled: null is absent; true; a reason without message (code defaults to 0 when missing).
        #expect(try CBORDecoder().decode(KVStoreQueryReturn.self, from: [0: owner, 1: .null, 2: .null]) == KVStoreQueryReturn(owner: Self.alice))
        #expect(try CBORDecoder().decode(KVStoreQueryReturn.self, from: [0: owner, 1: true]).disabled == .flag(true))
        #expect(try CBORDecoder().decode(KVStoreQueryReturn.self, from: [0: owner, 1: [0: 7]]).disabled == .reason(Reason(code: 7)))
        #expect(try CBORDecoder().decode(KVStoreQueryReturn.self, from: [0: owner, 1: [1: "x"]]).disabled == .reason(Reason(code: 0, message: "x")))
        // Wrong types.
        #expect(Self.failure(KVStoreQueryReturn.self, [0: owner, 1: 5]) != nil)
        #expect(Self.failure(KVStoreQueryReturn.self, [0: owner, 1: [0: "code"]]) != nil)
        #expect(Self.isDataCorrupted(Self.failure(KVStoreQueryReturn.self, [0: .bytes(Self.alice.bytes)])))
        #expect(Self.isDataCorrupted(Self.failure(KVStoreQueryReturn.self, [0: owner, 2: 1])))
        #expect(Self.failure(KVStoreQueryReturn.self, [1: true]) == .keyNotFound("owner"))
    }

    @Test func disabledAndReason() throws {
        #expect(KVStoreDisabled.flag(false).isDisabled == false)
        #expect(KVStoreDisabled.flag(true).isDisabled)
        #expect(KVStoreDisabled.reason(Reason(code: 0)).isDisabled)
        // Arguments are written sorted by key, as a BTreeMap: {0: 1, 1: "{a} {b}", 2: {"a": "1", "b": "2"}}.
        let reason = Reason(code: 1, message: "{a} {b}", arguments: ["b": "2", "a": "1"])
        #expect(try Self.encoded(reason) == Self.bytes("a3 00 01 01 67 7b617d207b627d 02 a2 61 61 61 31 61 62 61 32"))
        #expect(try CBORDecoder().decode(Reason.self, from: Self.encoded(reason)) == reason)
        #expect(try Self.encoded(KVStoreDisabled.flag(true)) == [0xf5])
        // Rendering, as many-rs's kvstore CLI prints "owner, disabled (reason)".
        #expect(reason.description == "1 2")
        #expect(Reason(code: 123_456).description == "Error '123456'")
        #expect(Reason(code: 9, message: "{{x}} {missing}.").description == "{x} .")
        #expect(Self.isTypeMismatch(Self.failure(Reason.self, [1: 5])))
    }

    // MARK: kvstore.list

    @Test func listLayout() throws {
        #expect(try Self.encoded(KVStoreListArgs()) == [0xa0])
        // {0: 10, 1: 2, 2: [[0, alice], [1, bob], [2, true]]}
        let args = KVStoreListArgs(count: 10, order: .descending, filter: [.owner(Self.alice), .previousOwner(Self.bob), .disabled(true)])
        let wire = Self.bytes("a3 00 0a 01 02 02 83 82 00" + Self.aliceHex + "82 01" + Self.bobHex + "82 02 f5")
        #expect(try Self.encoded(args) == wire)
        #expect(try CBORDecoder().decode(KVStoreListArgs.self, from: wire) == args)
        #expect(try CBORDecoder().decode(KVStoreListArgs.self, from: [0xa0]) == KVStoreListArgs())
        #expect(try CBORDecoder().decode(KVStoreListArgs.self, from: [1: 1]) == KVStoreListArgs(order: .ascending))
        #expect(try CBORDecoder().decode(KVStoreListArgs.self, from: [1: 0]) == KVStoreListArgs(order: .indeterminate))
        // {0: [h'01', h'02']}
        let keys = KVStoreListReturn(keys: [[1], [2]])
        #expect(try Self.encoded(keys) == Self.bytes("a1 00 82 41 01 41 02"))
        #expect(try CBORDecoder().decode(KVStoreListReturn.self, from: Self.encoded(keys)) == keys)
        #expect(try CBORDecoder().decode(KVStoreListReturn.self, from: Self.bytes("a1 00 9f 41 01 ff")) == KVStoreListReturn(keys: [[1]]))
    }

    @Test func listRejectsBadFiltersOrdersAndKeys() {
        let alice = CBOR.tagged(10000, .bytes(Self.alice.bytes))
        #expect(Self.isDataCorrupted(Self.failure(KVStoreListArgs.self, [1: 3])))
        #expect(Self.failure(KVStoreListArgs.self, [1: 300]) == .numberOutOfRange("UInt8"))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreListArgs.self, [0: "ten"])))
        #expect(Self.failure(KVStoreListArgs.self, [2: [[3, true]]]) == .dataCorrupted("unexpected tag"))
        #expect(Self.failure(KVStoreListArgs.self, [2: [[2]]]) == .dataCorrupted("array of length 2 expected"))
        #expect(Self.failure(KVStoreListArgs.self, [2: [[2, true, 1]]]) == .dataCorrupted("array of length 2 expected"))
        // many-rs wants a definite length of 2.
        #expect(Self.failure(KVStoreListArgs.self, Self.bytes("a1 02 81 9f 02 f5 ff")) == .dataCorrupted("array of length 2 expected"))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreListArgs.self, [2: [[2, 1]]])))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreListArgs.self, [2: [["owner", alice]]])))
        #expect(Self.isDataCorrupted(Self.failure(KVStoreListArgs.self, [2: [[0, .bytes(Self.alice.bytes)]]])))
        // A bare filter instead of an array of filters.
        #expect(Self.failure(KVStoreListArgs.self, [2: [0, alice]]) == .dataCorrupted("array of length 2 expected"))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreListReturn.self, [0: [[1]]])))
        #expect(Self.failure(KVStoreListReturn.self, [0xa0]) == .keyNotFound("keys"))
        // many-rs's list takes a map: no data (null) is an error.
        #expect(throws: ManyError.self) { try ManyCodec.decode(KVStoreListArgs.self, from: []) }
    }

    @Test func keyFilterText() {
        #expect(KVStoreKeyFilter(parsing: "owner:maa") == .owner(.anonymous))
        #expect(KVStoreKeyFilter(parsing: "previous_owner:maiyg") == .previousOwner(.illegal))
        #expect(KVStoreKeyFilter(parsing: "disabled:true") == .disabled(true))
        #expect(KVStoreKeyFilter(parsing: "disabled:false") == .disabled(false))
        #expect(KVStoreKeyFilter(parsing: "owner:" + Self.alice.description) == .owner(Self.alice))
        for bad in ["owner", "owner:nope", "disabled:yes", "color:red", ""] {
            #expect(KVStoreKeyFilter(parsing: bad) == nil)
        }
    }

    // MARK: kvstore.put, kvstore.disable, kvstore.transfer

    @Test func putLayout() throws {
        // {0: h'6b6579', 1: h'76616c7565'}
        #expect(try Self.encoded(KVStorePutArgs(key: Self.key, value: Self.value)) == Self.bytes("a2 00 43 6b6579 01 45 76616c7565"))
        // … 2: 10000(h'01aa…')
        let delegated = KVStorePutArgs(key: Self.key, value: Self.value, alternativeOwner: Self.alice)
        #expect(try Self.encoded(delegated) == Self.bytes("a3 00 43 6b6579 01 45 76616c7565 02" + Self.aliceHex))
        #expect(try CBORDecoder().decode(KVStorePutArgs.self, from: Self.encoded(delegated)) == delegated)
        #expect(try Self.encoded(KVStorePutReturn()) == [0xf6])
        // A null alternative owner is none; a textual one is read as many-rs reads it.
        let wire: CBOR = [0: .bytes(Self.key), 1: .bytes(Self.value), 2: .null]
        #expect(try CBORDecoder().decode(KVStorePutArgs.self, from: wire) == KVStorePutArgs(key: Self.key, value: Self.value))
        let textual: CBOR = [0: .bytes(Self.key), 1: .bytes(Self.value), 2: .text(Self.alice.description)]
        #expect(try CBORDecoder().decode(KVStorePutArgs.self, from: textual) == delegated)
    }

    @Test func putLimitsAndTypesAsManyRs() throws {
        let keyMax = [UInt8](repeating: 1, count: KVStorePutArgs.keySizeBytesMax)
        let valueMax = [UInt8](repeating: 2, count: KVStorePutArgs.valueSizeBytesMax)
        #expect(KVStorePutArgs.keySizeBytesMax == 254 && KVStorePutArgs.valueSizeBytesMax == 512_000)
        let atLimits = KVStorePutArgs(key: keyMax, value: valueMax)
        #expect(try CBORDecoder().decode(KVStorePutArgs.self, from: Self.encoded(atLimits)) == atLimits)
        // Encoding does not check, decoding does, with many-rs's messages.
        let longKey = try Self.encoded(KVStorePutArgs(key: keyMax + [1], value: [2]))
        #expect(Self.failure(KVStorePutArgs.self, longKey) == .dataCorrupted("Key size over limit"))
        let longValue = try Self.encoded(KVStorePutArgs(key: [1], value: valueMax + [2]))
        #expect(Self.failure(KVStorePutArgs.self, longValue) == .dataCorrupted("Value size over limit"))
        // many-rs test key_not_byte: {0: "foo", 1: "bar"}.
        #expect(Self.failure(KVStorePutArgs.self, [0: "foo", 1: "bar"]) == .dataCorrupted("Wrong key type. Expected bytes"))
        #expect(Self.failure(KVStorePutArgs.self, [0: .bytes([1]), 1: "bar"]) == .dataCorrupted("Wrong key type. Expected bytes"))
        #expect(Self.failure(KVStorePutArgs.self, [0: .bytes([1]), 1: [1, 2]]) == .dataCorrupted("Wrong key type. Expected bytes"))
        #expect(Self.failure(KVStorePutArgs.self, [0: .bytes([1])]) == .keyNotFound("value"))
        // An untagged byte string is not an address ("identities need to be tagged").
        #expect(Self.isDataCorrupted(Self.failure(KVStorePutArgs.self, [0: .bytes([1]), 1: .bytes([2]), 2: .bytes(Self.alice.bytes)])))
        #expect(Self.isDataCorrupted(Self.failure(KVStorePutArgs.self, [0: .bytes([1]), 1: .bytes([2]), 2: 1])))
        // Through ManyCodec the failure is many-rs's -3 deserialization error.
        do {
            _ = try ManyCodec.decode(KVStorePutArgs.self, from: longKey)
            Issue.record("an over-long key decoded")
        } catch {
            #expect(error.code == -3)
            #expect(error.description.contains("Key size over limit"))
        }
    }

    @Test func disableLayout() throws {
        // {0: h'6b6579'}
        #expect(try Self.encoded(KVStoreDisableArgs(key: Self.key)) == Self.bytes("a1 00 43 6b6579"))
        // {0: h'6b6579', 1: alice, 2: {0: 123456, 1: "foo"}}
        let full = KVStoreDisableArgs(key: Self.key, alternativeOwner: Self.alice, reason: Reason(code: 123_456, message: "foo"))
        #expect(try Self.encoded(full) == Self.bytes("a3 00 43 6b6579 01" + Self.aliceHex + "02 a2 00 1a0001e240 01 63 666f6f"))
        #expect(try CBORDecoder().decode(KVStoreDisableArgs.self, from: Self.encoded(full)) == full)
        // Only a reason, no alternative owner: keys 0 and 2.
        let reasonOnly = KVStoreDisableArgs(key: Self.key, reason: Reason(code: 5))
        #expect(try Self.encoded(reasonOnly) == Self.bytes("a2 00 43 6b6579 02 a1 00 05"))
        #expect(try CBORDecoder().decode(KVStoreDisableArgs.self, from: [0: .bytes(Self.key), 1: .null, 2: .null]) == KVStoreDisableArgs(key: Self.key))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreDisableArgs.self, [0: "key"])))
        #expect(Self.isTypeMismatch(Self.failure(KVStoreDisableArgs.self, [0: .bytes(Self.key), 2: true])))
        #expect(Self.failure(KVStoreDisableArgs.self, [1: .tagged(10000, .bytes(Self.alice.bytes))]) == .keyNotFound("key"))
        #expect(try Self.encoded(KVStoreDisableReturn()) == [0xf6])
    }

    @Test func transferLayout() throws {
        // {0: h'6b6579', 2: bob}
        let plain = KVStoreTransferArgs(key: Self.key, newOwner: Self.bob)
        #expect(try Self.encoded(plain) == Self.bytes("a2 00 43 6b6579 02" + Self.bobHex))
        // {0: h'6b6579', 1: alice, 2: bob}
        let delegated = KVStoreTransferArgs(key: Self.key, alternativeOwner: Self.alice, newOwner: Self.bob)
        #expect(try Self.encoded(delegated) == Self.bytes("a3 00 43 6b6579 01" + Self.aliceHex + "02" + Self.bobHex))
        // To the illegal address: the key becomes immutable. 10000(h'02').
        let frozen = KVStoreTransferArgs(key: Self.key, newOwner: .illegal)
        #expect(try Self.encoded(frozen) == Self.bytes("a2 00 43 6b6579 02 d92710 41 02"))
        for value in [plain, delegated, frozen] {
            #expect(try CBORDecoder().decode(KVStoreTransferArgs.self, from: Self.encoded(value)) == value)
        }
        #expect(Self.failure(KVStoreTransferArgs.self, [0: .bytes(Self.key)]) == .keyNotFound("newOwner"))
        #expect(Self.isDataCorrupted(Self.failure(KVStoreTransferArgs.self, [0: .bytes(Self.key), 2: 1])))
        #expect(Self.isDataCorrupted(Self.failure(KVStoreTransferArgs.self, [0: .bytes(Self.key), 2: .tagged(10000, .bytes([1, 2]))])))
        #expect(try Self.encoded(KVStoreTransferReturn()) == [0xf6])
    }
}
