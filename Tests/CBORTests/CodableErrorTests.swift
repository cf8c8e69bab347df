import Testing
import TestSupport
@testable import CBOR

/// Bad input gives a typed error naming what, where in the value and where in the bytes.
@Suite struct CodableErrorTests {
    struct Account: Codable {
        enum CodingKeys: Int, CodingKey { case id = 1, name = 2, balance = 3, tags = 4, color = 5 }
        var id: UInt8
        var name: String
        var balance: Int64?
        var tags: [String]?
        var color: Color?
    }

    enum Color: String, Codable { case red, green }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let hex: String
        let kind: CBORCodingError.Kind
        let path: String
        let offset: Int?
        var options = CBORDecodingOptions.default
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "type mismatch", hex: "a2 01 01 02 01",
             kind: .typeMismatch(expected: "text string", found: "unsigned integer"), path: "name", offset: 4),
        Case(name: "null for a required value", hex: "a2 01 01 02 f6",
             kind: .valueNotFound(expected: "text string"), path: "name", offset: 4),
        Case(name: "missing key", hex: "a1 02 61 61", kind: .keyNotFound("id"), path: "<root>", offset: 0),
        Case(name: "300 into UInt8", hex: "a2 01 19 01 2c 02 61 61",
             kind: .numberOutOfRange("UInt8"), path: "id", offset: 2),
        Case(name: "negative into UInt8", hex: "a2 01 20 02 61 61", kind: .numberOutOfRange("UInt8"), path: "id", offset: 2),
        Case(name: "Int64 overflow", hex: "a3 01 01 02 61 61 03 1b 80 00 00 00 00 00 00 00",
             kind: .numberOutOfRange("Int64"), path: "balance", offset: 7),
        Case(name: "wrong element in an array", hex: "a3 01 01 02 61 61 04 82 61 61 01",
             kind: .typeMismatch(expected: "text string", found: "unsigned integer"), path: "tags[1]", offset: 10),
        Case(name: "not a map", hex: "82 01 02",
             kind: .typeMismatch(expected: "map", found: "array"), path: "<root>", offset: 0),
        Case(name: "unknown enum value", hex: "a3 01 01 02 61 61 05 64 62 6c 75 65",
             kind: .dataCorrupted("Cannot initialize Color from invalid String value blue"), path: "color", offset: 7),
        Case(name: "truncated input", hex: "a1 01 19 01",
             kind: .invalidCBOR(.truncated(offset: 4, needed: 1)), path: "<root>", offset: 4),
        Case(name: "string longer than input", hex: "a2 01 01 02 62 61",
             kind: .invalidCBOR(.lengthBeyondInput(offset: 4, length: 2, available: 1)), path: "<root>", offset: 4),
        Case(name: "trailing bytes", hex: "a2 01 01 02 61 61 00",
             kind: .invalidCBOR(.trailingBytes(offset: 6)), path: "<root>", offset: 6),
        Case(name: "nesting limit", hex: "a3 01 01 02 61 61 04 81 81 00",
             kind: .invalidCBOR(.nestingTooDeep(offset: 8, limit: 2)), path: "<root>", offset: 8,
             options: CBORDecodingOptions(maxNesting: 2)),
        Case(name: "length limit", hex: "a2 01 01 02 63 61 61 61",
             kind: .invalidCBOR(.lengthBeyondLimit(offset: 4, length: 3, limit: 2)), path: "<root>", offset: 4,
             options: CBORDecodingOptions(maxLength: 2)),
        Case(name: "not deterministic when required", hex: "a2 02 61 61 01 01",
             kind: .invalidCBOR(.notDeterministic(offset: 4, reason: .mapKeysOutOfOrder)), path: "<root>", offset: 4,
             options: CBORDecodingOptions(requireDeterministic: true)),
    ]

    @Test(arguments: cases)
    func badInput(_ testCase: Case) throws {
        let bytes = [UInt8](hex: testCase.hex.filter { $0 != " " })
        let error = try #require(throws: CBORCodingError.self) {
            try CBORDecoder(options: testCase.options).decode(Account.self, from: bytes)
        }
        #expect(error.kind == testCase.kind)
        #expect(error.codingPathDescription == testCase.path)
        #expect(error.offset == testCase.offset)
    }

    @Test func duplicateDictionaryKey() throws {
        let error = try #require(throws: CBORCodingError.self) {
            try CBORDecoder().decode([String: Int].self, from: [0xa2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02])
        }
        #expect(error.kind == .duplicateKey)
        #expect(error.codingPathDescription == "a")
        #expect(error.offset == 4)
    }

    @Test func readingPastTheEndOfAnArray() throws {
        struct Triple: Decodable {
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                for _ in 0..<3 { _ = try container.decode(Int.self) }
            }
        }
        let error = try #require(throws: CBORCodingError.self) { try CBORDecoder().decode(Triple.self, from: [0x82, 1, 2]) }
        #expect(error.kind == .valueNotFound(expected: "Int"))
        #expect(error.codingPathDescription == "[2]")
    }

    /// An error of a type's own passes through with the place it was thrown.
    @Test func ownErrorsKeepTheirPlace() throws {
        struct Odd: Error {}
        struct Even: Decodable {
            init(from decoder: any Decoder) throws {
                if try decoder.singleValueContainer().decode(Int.self) % 2 != 0 { throw Odd() }
            }
        }
        let error = try #require(throws: CBORCodingError.self) {
            try CBORDecoder().decode([String: [Even]].self, from: [0xa1, 0x61, 0x6b, 0x82, 0x02, 0x03])
        }
        #expect(error.underlyingError is Odd)
        #expect(error.codingPathDescription == "k[1]")
        #expect(error.offset == 5)
    }

    @Test func encodingErrors() throws {
        struct Refuses: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: encoder.codingPath, debugDescription: "no"))
            }
        }
        struct TwoValues: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(1)
                try container.encode(2)
            }
        }
        let refused = try #require(throws: CBORCodingError.self) { try CBOREncoder().encode(["a": [Refuses()]]) }
        #expect(refused.kind == .invalidValue("no"))
        #expect(refused.codingPathDescription == "a[0]")
        let twice = try #require(throws: CBORCodingError.self) { try CBOREncoder().encode(TwoValues()) }
        #expect(twice.kind == .invalidValue("a second value for one item"))
    }

    /// Random damage to a valid encoding never crashes the decoder: each input
    /// either decodes or fails with a typed error.
    @Test func damagedInputNeverCrashes() throws {
        struct Ledger: Codable {
            var accounts: [Account]
            var balances: [UInt64: Int128]
            var blob: [UInt8]
            var raw: CBOR
            var tagged: CBORTagged<[String: Double]>
        }
        let ledger = Ledger(
            accounts: [Account(id: 1, name: "a", balance: -5, tags: ["x", "y"], color: .red),
                       Account(id: 2, name: "b", balance: nil, tags: nil, color: nil)],
            balances: [1: Int128.max, 2: -1], blob: [0, 1, 2], raw: [1: [2, 3]],
            tagged: CBORTagged(tag: 42, value: ["pi": 3.25]))
        let valid = try CBOREncoder().encode(ledger)
        var rng = SeededRandom(seed: 0xC0DA)
        var decoded = 0
        for _ in 0..<20_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: index)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            do {
                _ = try CBORDecoder().decode(Ledger.self, from: bytes)
                decoded += 1
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        #expect(decoded > 0, "some damage (a changed value) still decodes")
    }

    /// Nesting up to the default limit decodes (no stack exhaustion); one level
    /// more is refused before any `init(from:)` runs.
    @Test func deepNestingUpToTheLimit() throws {
        final class Node: Codable {
            var next: [Node]
        }
        let limit = CBORDecodingOptions.default.maxNesting
        func nested(levels: Int) -> [UInt8] {
            // {"next": [ {"next": [ ... {"next": []} ... ]} ]}: each level is a map and an array.
            let open: [UInt8] = [0xa1, 0x64] + Array("next".utf8) + [0x81]
            var bytes = Array([[UInt8]](repeating: open, count: levels - 1).joined())
            bytes += [0xa1, 0x64] + Array("next".utf8) + [0x80]
            return bytes
        }
        var node = try CBORDecoder().decode(Node.self, from: nested(levels: limit / 2))
        var depth = 1
        while let next = node.next.first { node = next; depth += 1 }
        #expect(depth == limit / 2)
        let error = try #require(throws: CBORCodingError.self) {
            try CBORDecoder().decode(Node.self, from: nested(levels: limit / 2 + 1))
        }
        #expect(error.kind == .invalidCBOR(.nestingTooDeep(offset: limit / 2 * 7, limit: limit)))
    }

    @Test func descriptionNamesKindPathAndOffset() throws {
        let error = try #require(throws: CBORCodingError.self) {
            try CBORDecoder().decode(Account.self, from: [0xa2, 0x01, 0x19, 0x01, 0x2c, 0x02, 0x61, 0x61])
        }
        #expect(error.description == "number does not fit UInt8 at id (byte 2)")
    }
}
