import CBOR
import ManyIdentity
import ManyModules
import ManyProtocol
import Testing

/// The wire layout of the base and async module types, field by field as many-rs writes them.
struct ModuleTypesTests {
    @Test func statusLayout() throws {
        let server = Fixtures.server
        let status = Status(
            name: "n", publicKey: server.publicKey, identity: server.address,
            attributes: [Attribute(id: 8), Attribute(id: 0), Attribute(id: 3, arguments: ["x"])],
            serverVersion: "1.0", timeoutSeconds: 300, extras: ["zz": true, "aa": 1])
        let bytes = try CBOREncoder().encode(status)
        let expected: CBOR = [
            0: 1, 1: "n", 2: .bytes(server.publicKey!.encoded()), 3: .tagged(10000, .bytes(server.address.bytes)),
            4: [0, [3, "x"], 8], 5: "1.0", 7: 300, "aa": 1, "zz": true,
        ]
        #expect(try CBOR(decoding: bytes) == expected)
        #expect(try CBORDecoder().decode(Status.self, from: bytes) == status)
    }

    @Test func minimalStatusAndUnknownKeys() throws {
        // An anonymous server: no public key, no version, no timeout; key 6 and others ignored.
        let wire: CBOR = [0: 1, 1: "anon", 3: .tagged(10000, .bytes([0])), 4: [], 6: "ignored", "extra": [1, 2]]
        let status = try CBORDecoder().decode(Status.self, from: wire.encoded())
        #expect(status == Status(name: "anon", identity: .anonymous, extras: ["extra": [1, 2]]))
        #expect(try CBOR(decoding: CBOREncoder().encode(status)) == [0: 1, 1: "anon", 3: .tagged(10000, .bytes([0])), 4: [], "extra": [1, 2]])
    }

    @Test func statusWithoutIdentityIsAnError() {
        let wire: CBOR = [0: 1, 1: "x", 4: []]
        #expect(throws: ManyError.self) { try ManyCodec.decode(Status.self, from: wire.encoded()) }
    }

    @Test func endpointsAndEmptyValues() throws {
        let endpoints = Endpoints(["status", "heartbeat", "async.status", "endpoints", "status"])
        #expect(try CBOR(decoding: CBOREncoder().encode(endpoints)) == ["async.status", "endpoints", "heartbeat", "status"])
        #expect(try CBOREncoder().encode(EmptyReturn()) == [0xf6])
        // An empty argument takes anything, and no data at all.
        _ = try ManyCodec.decode(EmptyArgument.self, from: [])
        _ = try ManyCodec.decode(EmptyArgument.self, from: [0x83, 1, 2, 3])
    }

    @Test func asyncTypes() throws {
        #expect(try CBOREncoder().encode(AsyncStatusArgs(token: [1, 2])) == [0xa1, 0x00, 0x42, 1, 2])
        #expect(try CBOREncoder().encode(AsyncStatusReturn.processing) == [0xa1, 0x00, 0x02])
        // Done: key 1 (the untagged envelope) before key 0, as many-rs writes it.
        #expect(try CBOREncoder().encode(AsyncStatusReturn.done(response: [0x84])) == [0xa2, 0x01, 0x41, 0x84, 0x00, 0x03])
        for value in [AsyncStatusReturn.unknown, .queued, .processing, .done(response: [0x80]), .expired] {
            #expect(try CBORDecoder().decode(AsyncStatusReturn.self, from: CBOREncoder().encode(value)) == value)
        }
        #expect(throws: CBORCodingError.self) { try CBORDecoder().decode(AsyncStatusReturn.self, from: [0xa1, 0x00, 0x03]) }
        #expect(AsyncStatusReturn.done(response: [0x84]).taggedResponse == [0xd2, 0x84])
        #expect(AsyncStatusReturn.done(response: [0xd2, 0x84]).taggedResponse == [0xd2, 0x84])

        let attribute = AsyncAttribute.attribute(token: [9, 9])
        #expect(try AsyncAttribute.token(in: [attribute]) == [9, 9])
        #expect(try AsyncAttribute.token(in: [Attribute(id: 2)]) == nil)
        #expect(throws: ManyError.invalidAttributeArguments()) { try AsyncAttribute.token(in: [Attribute(id: 1)]) }
    }
}
