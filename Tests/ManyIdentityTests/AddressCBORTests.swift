import CBOR
import Testing
import TestSupport

@testable import ManyIdentity

/// Addresses in CBOR: tag 10000 around the bytes (many-rs `address/minicbor.rs`).
struct AddressCBORTests {
    static let address = try! Address(string: "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys")

    struct Holder: Codable, Equatable {
        enum CodingKeys: Int, CodingKey { case from = 1 }
        var from: Address
    }

    @Test func codableUsesTag10000AroundTheBytes() throws {
        let bytes = try CBOREncoder().encode(Holder(from: Self.address))
        #expect(bytes.hex == "a101d9271058 1d".replacingOccurrences(of: " ", with: "") + Self.address.bytes.hex)
        #expect(try CBORDecoder().decode(Holder.self, from: bytes) == Holder(from: Self.address))
        let anonymous = try CBOREncoder().encode(Holder(from: .anonymous))
        #expect(anonymous.hex == "a101d927104100")
    }

    @Test func codableRejectsUntaggedAndInvalidBytes() {
        #expect(throws: CBORCodingError.self) { try CBORDecoder().decode(Holder.self, from: [UInt8](hex: "a1014100")) }
        #expect(throws: CBORCodingError.self) { try CBORDecoder().decode(Holder.self, from: [UInt8](hex: "a101d927104103")) }
    }

    @Test func readerTakesTaggedBytesOrText() throws {
        var writer = CBORWriter()
        Self.address.write(to: &writer)
        writer.writeText(Self.address.description)
        writer.writeTag(55799)
        writer.writeTag(10000)
        writer.writeBytes([0])
        var reader = CBORReader(writer.bytes)
        #expect(try Address(reading: &reader) == Self.address)
        #expect(try Address(reading: &reader) == Self.address)
        #expect(try Address(reading: &reader) == .anonymous)
        #expect(reader.isAtEnd)
        #expect(Self.address.cbor.encoded() == Array(writer.bytes.prefix(34)))
    }

    @Test(arguments: [
        ("4100", AddressDecodingError.untagged(offset: 0)),
        ("d927104103", .invalid(.unknownKind(3), offset: 3)),
        ("626d78", .invalid(.tooShort, offset: 0)),
        ("d9271001", .cbor(.typeMismatch(offset: 3, expected: "byte string", found: "unsigned integer"))),
        ("c1c1c1c1c14100", .tooManyTags(offset: 4)),
        ("d92710", .cbor(.truncated(offset: 3, needed: 1))),
    ])
    func readerErrors(hex: String, error: AddressDecodingError) {
        var reader = CBORReader([UInt8](hex: hex))
        #expect(throws: error) { try Address(reading: &reader) }
    }
}
