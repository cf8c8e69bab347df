import CBOR
import ManyIdentity
import Testing
import TestSupport

@testable import ManyProtocol

/// Requests and responses: exact bytes for known field values, round trips, unknown
/// fields kept, and bad input as ManyError -3.
struct MessageTests {
    static let alice = try! Address(string: "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys")
    static let server = try! Address(string: "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp")

    @Test func requestBytesFollowManyRsLayout() throws {
        let request = RequestMessage(
            from: Self.alice, to: Self.server, method: "status", data: [0xf6],
            timestamp: Timestamp(seconds: 1_700_000_000), id: 7, nonce: [1, 2], attributes: [Attribute(id: 1)])
        let diagnostic = try CBOR(decoding: request.encoded()).diagnostic()
        #expect(diagnostic == "10001({1: 10000(h'\(Self.alice.bytes.hex)'), 2: 10000(h'\(Self.server.bytes.hex)'), "
            + "3: \"status\", 4: h'f6', 5: 1(1700000000), 6: 7, 7: h'0102', 8: [1]})")
        #expect(try RequestMessage(decoding: request.encoded()) == request)
    }

    @Test func anonymousAndEmptyFieldsAreLeftOut() throws {
        let request = RequestMessage(from: .anonymous, method: "status", timestamp: Timestamp(seconds: 10))
        #expect(request.encoded().hex == "d92711a2036673746174757305c10a")
        let decoded = try RequestMessage(decoding: request.encoded())
        #expect(decoded.from == nil && decoded.sender == .anonymous && decoded.to == .anonymous && decoded.data.isEmpty)
    }

    @Test func unknownFieldsAndVersionRoundTrip() throws {
        // {0: 1, 3: "a", 5: 1(1), 9: [1, 2], -1: "x"}
        let bytes = [UInt8](hex: "d92711a5000103616105c101098201022061 78".replacingOccurrences(of: " ", with: ""))
        let request = try RequestMessage(decoding: bytes)
        #expect(request.version == 1 && request.method == "a")
        #expect(request.unknownFields == [UnknownField(key: 9, value: [1, 2]), UnknownField(key: -1, value: "x")])
        #expect(request.encoded() == bytes)
    }

    @Test func textAddressesAndFloatTimestampsAreAccepted() throws {
        var writer = CBORWriter()
        writer.writeTag(10001); writer.writeMapHeader(count: 3)
        writer.writeUnsigned(1); writer.writeText(Self.alice.description)
        writer.writeUnsigned(3); writer.writeText("m")
        writer.writeUnsigned(5); writer.writeTag(1); writer.writeDouble(1.5)
        let request = try RequestMessage(decoding: writer.bytes)
        #expect(request.from == Self.alice)
        #expect(request.timestamp == Timestamp(seconds: 1, nanoseconds: 500_000_000))
    }

    @Test func responseWithResultAndWithError() throws {
        let ok = ResponseMessage(from: Self.server, to: Self.alice, data: .success([0xf6]), timestamp: Timestamp(seconds: 5), id: 3)
        #expect(try CBOR(decoding: ok.encoded()).diagnostic()
            == "10002({1: 10000(h'\(Self.server.bytes.hex)'), 2: 10000(h'\(Self.alice.bytes.hex)'), 4: h'f6', 5: 1(5), 6: 3})")
        #expect(try ResponseMessage(decoding: ok.encoded()) == ok)
        let failed = ResponseMessage(from: Self.server, data: .failure(.couldNotRouteMessage()), timestamp: Timestamp(seconds: 5))
        #expect(try CBOR(decoding: failed.encoded()).diagnostic()
            == "10002({1: 10000(h'\(Self.server.bytes.hex)'), 4: {0: -8, 1: \"Could not find a handler for the message.\"}, 5: 1(5)})")
        #expect(try ResponseMessage(decoding: failed.encoded()) == failed)
    }

    @Test func responseAnsweringARequest() {
        let request = RequestMessage(from: Self.alice, method: "status", id: 9)
        let response = ResponseMessage(answering: request, from: Self.server, data: .success([]))
        #expect(response.to == Self.alice && response.id == 9 && response.version == 1)
    }

    @Test func attributesEncodeAsIdOrArray() throws {
        let set: AttributeSet = [Attribute(id: 8, arguments: ["x", 2]), Attribute(id: 1), Attribute(id: 8)]
        var writer = CBORWriter()
        set.write(to: &writer)
        #expect(writer.bytes.hex == "820183086178 02".replacingOccurrences(of: " ", with: ""))
        var reader = CBORReader(writer.bytes)
        #expect(try AttributeSet(reading: &reader) == set)
        #expect(set.count == 2 && set[8]?.arguments == ["x", 2])
        #expect(try RequestMessage(decoding: [UInt8](hex: "d92711a20361610880")).attributes.isEmpty)
        var bad = CBORReader([UInt8](hex: "8180"))
        #expect(throws: ManyError.self) { try AttributeSet(reading: &bad) }
    }

    /// Each malformed request is a deserialization error (-3), or the address error's code.
    @Test(arguments: [
        ("", Int64(-3)),
        ("d92712a0", -3),                       // response tag
        ("a103616d", -3),                       // no tag
        ("d92711a0", -3),                       // no method
        ("d92711a103 01", -3),                  // method not text
        ("d92711a2000203616d", -3),             // version 2
        ("d92711a10361", -3),                   // truncated text
        ("d92711a1036d", -3),                   // truncated
        ("d92711a2036161 05 1a00000001", -3),   // timestamp without tag 1
        ("d92711a203616101 4101", -3),          // untagged address bytes
        ("d92711a203616101 d927104103", -102),  // address kind 3
        ("d92711a203616101 626d78", -100),      // address text too short
        ("d92711a203616101 6378616161", -101),  // address text without m
        ("d92711a2036161 6161 01", -3),         // text key
        ("d92711a1036161 00", -3),              // trailing bytes
    ])
    func badRequests(hex: String, code: Int64) {
        let bytes = [UInt8](hex: hex.replacingOccurrences(of: " ", with: ""))
        #expect(throws: ManyError.self) { try RequestMessage(decoding: bytes) }
        do {
            _ = try RequestMessage(decoding: bytes)
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }

    @Test func badResponses() {
        for hex in ["d92711a0", "d92712a10401", "d92712a1046178", "d92712a104a10061"] {
            #expect(throws: ManyError.self, "\(hex)") { try ResponseMessage(decoding: [UInt8](hex: hex)) }
        }
    }
}
