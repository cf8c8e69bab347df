import Testing
import TestSupport
@testable import CBOR

/// `deterministic` writes RFC 8949 §4.2 bytes: sorted keys, shortest floats.
@Suite struct CodableDeterministicTests {
    struct Unsorted: Codable {
        var zebra = 1
        var a = 2
        var mm = 3
    }

    @Test func keysAreSortedOnlyWhenAsked() throws {
        let plain = try CBOREncoder().encode(Unsorted())
        #expect(plain.hex == "a3" + "657a65627261" + "01" + "6161" + "02" + "626d6d" + "03", "declaration order")
        let sorted = try CBOREncoder(deterministic: true).encode(Unsorted())
        #expect(sorted.hex == "a3" + "6161" + "02" + "626d6d" + "03" + "657a65627261" + "01")
        #expect(throws: Never.self) {
            try CBORDecoder(options: CBORDecodingOptions(requireDeterministic: true)).decode([String: Int].self, from: sorted)
        }
    }

    @Test func keyOrderBytewiseOrLengthFirst() throws {
        let value = [24: "b", -1: "a", 0: "z"]
        // 24 encodes as 18 18, -1 as 20: bytewise puts 24 first, length-first puts -1 first.
        #expect(try CBOREncoder(deterministic: true).encode(value).hex == "a3" + "00617a" + "18186162" + "206161")
        #expect(try CBOREncoder(deterministic: true, keyOrder: .lengthFirst).encode(value).hex == "a3" + "00617a" + "206161" + "18186162")
    }

    @Test func nestedContainersAreSortedToo() throws {
        struct Outer: Codable {
            var inner: [String: [String: Int]]
            var list: [Unsorted]
        }
        let value = Outer(inner: ["b": ["y": 1, "x": 2], "a": [:]], list: [Unsorted()])
        let bytes = try CBOREncoder(deterministic: true).encode(value)
        #expect(bytes == (try CBOR(decoding: bytes)).deterministicEncoded(), "already in deterministic form")
        let strict = CBORDecodingOptions(requireDeterministic: true)
        #expect(throws: Never.self) { try CBORDecoder(options: strict).decode(CBOR.self, from: bytes) }
    }

    @Test func floatsTakeTheirShortestExactForm() throws {
        let encoder = CBOREncoder(deterministic: true)
        #expect(try encoder.encode(1.5).hex == "f93e00")
        #expect(try encoder.encode(Float(0.1)).hex == "fa3dcccccd")
        #expect(try encoder.encode(0.1).hex == "fb3fb999999999999a")
        #expect(try encoder.encode(Double.nan).hex == "f97e00")
        #expect(try encoder.encode(-Double.infinity).hex == "f9fc00")
    }

    @Test func rawCBORFieldsAreMadeDeterministic() throws {
        let raw: CBOR = .indefiniteMap([(key: "b", value: .double(1)), (key: "a", value: .indefiniteText(["x", "y"]))])
        #expect(try CBOREncoder(deterministic: true).encode(raw).hex == "a2" + "616162" + "7879" + "6162" + "f93c00")
        #expect(try CBOREncoder().encode(raw) == raw.encoded(), "written as it is otherwise")
    }

    @Test func duplicateKeysAreAnErrorWhenSorting() throws {
        struct Twice: Encodable {
            enum Key: Int, CodingKey { case one = 1 }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(1, forKey: .one)
                try container.encode(2, forKey: .one)
            }
        }
        #expect(throws: Never.self) { try CBOREncoder().encode(Twice()) }
        let error = try #require(throws: CBORCodingError.self) { try CBOREncoder(deterministic: true).encode(Twice()) }
        #expect(error.kind == .duplicateKey)
    }
}
