import Foundation
import Testing
import TestSupport
@testable import CBOR

/// Byte strings, tags and raw CBOR fields.
@Suite struct CodableTagsAndBytesTests {
    struct Address: CBORTaggedCodable, Equatable {
        static var cborTag: UInt64 { 10000 }
        var bytes: CBORBytes
    }

    struct Holder: Codable, Equatable {
        var address: Address
        var maybe: Address?
        var any: CBORTagged<String>
        var raw: CBOR
    }

    @Test func bytesAreByteStrings() throws {
        #expect(try CBOREncoder().encode([UInt8]([1, 2])).hex == "420102")
        #expect(try CBOREncoder().encode(CBORBytes([1, 2])).hex == "420102")
        #expect(try CBOREncoder().encode([[UInt8]]([[1], []])).hex == "82" + "4101" + "40")
        #expect(try CBOREncoder().encode([UInt16]([1, 2])).hex == "820102", "other integer arrays stay arrays")
    }

    @Test func bytesDecodeFromEitherForm() throws {
        let decoder = CBORDecoder()
        #expect(try decoder.decode([UInt8].self, from: [0x42, 1, 2]) == [1, 2])
        #expect(try decoder.decode([UInt8].self, from: [0x82, 1, 2]) == [1, 2])
        #expect(try decoder.decode([UInt8].self, from: [0x9f, 0x18, 0xff, 0xff]) == [255])
        #expect(try decoder.decode(CBORBytes.self, from: [0x5f, 0x41, 1, 0x41, 2, 0xff]) == [1, 2])
    }

    @Test func otherEncodersSeeAnArrayOfIntegers() throws {
        let json = try JSONEncoder().encode(CBORBytes([1, 255]))
        #expect(String(decoding: json, as: UTF8.self) == "[1,255]")
        #expect(try JSONDecoder().decode(CBORBytes.self, from: json) == [1, 255])
    }

    @Test func taggedTypesCarryTheirTag() throws {
        let holder = Holder(address: Address(bytes: [0xaa]), maybe: nil,
                            any: CBORTagged(tag: 32, value: "http://x"), raw: .tagged(7, .null))
        let bytes = try CBOREncoder().encode(holder)
        let tree = try CBOR(decoding: bytes)
        // The address struct is a map under tag 10000.
        #expect(tree["address"] == .tagged(10000, ["bytes": .bytes([0xaa])]))
        #expect(tree["any"] == .tagged(32, "http://x"))
        #expect(tree["raw"] == .tagged(7, .null))
        #expect(try CBORDecoder().decode(Holder.self, from: bytes) == holder)
    }

    @Test func optionalTaggedValuesAreTaggedOnce() throws {
        let values: [Address?] = [Address(bytes: []), nil]
        let bytes = try CBOREncoder().encode(values)
        #expect(bytes.hex == "82" + "d92710" + "a1" + "656279746573" + "40" + "f6")
        #expect(try CBORDecoder().decode([Address?].self, from: bytes) == values)
    }

    @Test func aTaggedTypeRequiresItsTag() throws {
        let untagged = try CBOREncoder().encode(["bytes": CBORBytes([1])])
        let missing = try #require(throws: CBORCodingError.self) { try CBORDecoder().decode(Address.self, from: untagged) }
        #expect(missing.kind == .tagMismatch(expected: 10000, found: nil))
        let wrong = try #require(throws: CBORCodingError.self) {
            try CBORDecoder().decode(Address.self, from: [0xc1] + untagged)
        }
        #expect(wrong.kind == .tagMismatch(expected: 10000, found: 1))
        #expect(wrong.offset == 0)
    }

    @Test func rawFieldsHoldAnyItem() throws {
        struct Envelope: Codable, Equatable {
            enum CodingKeys: Int, CodingKey { case kind = 0, body = 1 }
            var kind: Int
            var body: CBOR
        }
        let body: CBOR = [1: .indefiniteArray([.half(1), .undefined]), "z": .simple(99)]
        let bytes = try CBOREncoder().encode(Envelope(kind: 3, body: body))
        #expect(bytes == [0xa2, 0x00, 0x03, 0x01] + body.encoded())
        #expect(try CBORDecoder().decode(Envelope.self, from: bytes).body == body)
    }

    @Test func rawCBORThroughJSON() throws {
        let value: CBOR = ["a": [1, -2, 1.5, "s", true, .null]]
        let json = try JSONEncoder().encode(value)
        #expect(String(decoding: json, as: UTF8.self) == #"{"a":[1,-2,1.5,"s",true,null]}"#)
        #expect(try JSONDecoder().decode(CBOR.self, from: json) == ["a": [1, -2, .double(1.5), "s", true, .null]])
    }
}
