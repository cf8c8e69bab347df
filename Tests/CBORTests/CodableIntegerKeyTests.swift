import Testing
import TestSupport
@testable import CBOR

/// Protocol structs are maps keyed by small integers: a `CodingKeys: Int` enum
/// gives integer keys, any other a text key.
@Suite struct CodableIntegerKeyTests {
    struct Timestamp: CBORTaggedCodable, Equatable {
        static var cborTag: UInt64 { 1 }
        var seconds: UInt64

        init(_ seconds: UInt64) { self.seconds = seconds }
        init(from decoder: any Decoder) throws { seconds = try decoder.singleValueContainer().decode(UInt64.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(seconds)
        }
    }

    struct Transfer: Codable, Equatable {
        enum CodingKeys: Int, CodingKey {
            case from = 0, to = 1, amount = 2, memo = 3, when = 4, legacy = -1
        }
        var from: String
        var to: [UInt8]
        var amount: UInt64
        var memo: String?
        var when: Timestamp
        var legacy: Bool?
    }

    @Test func integerKeyedStructEncodesToTheExpectedBytes() throws {
        let transfer = Transfer(from: "alice", to: [0x01, 0x02], amount: 1000, memo: nil, when: Timestamp(1_700_000_000))
        let expected = [UInt8](hex:
            "a4"                        // map, 4 entries (memo and legacy are nil: left out)
            + "00" + "65616c696365"     // 0: "alice"
            + "01" + "420102"           // 1: h'0102'
            + "02" + "1903e8"           // 2: 1000
            + "04" + "c11a6553f100"     // 4: 1(1700000000)
        )
        #expect(try CBOREncoder().encode(transfer) == expected)
        #expect(try CBORDecoder().decode(Transfer.self, from: expected) == transfer)
    }

    @Test func negativeIntegerKeyAndExplicitNil() throws {
        let transfer = Transfer(from: "", to: [], amount: 0, memo: "m", when: Timestamp(0), legacy: true)
        let bytes = try CBOREncoder().encode(transfer)
        #expect(bytes.hex == "a6" + "0060" + "0140" + "0200" + "03616d" + "04c100" + "20f5")
        #expect(try CBORDecoder().decode(Transfer.self, from: bytes) == transfer)
    }

    @Test func textKeyedStructUsesTheCaseNames() throws {
        struct Point: Codable, Equatable { var x: Int; var y: Int }
        #expect(try CBOREncoder().encode(Point(x: 1, y: -1)).hex == "a2" + "617801" + "617920")
    }

    @Test func integerKeysDoNotMatchTextKeys() throws {
        // {"from": "a"} has no integer key 0.
        let bytes = [UInt8](hex: "a1" + "6466726f6d" + "6161")
        #expect(throws: CBORCodingError.self) { try CBORDecoder().decode(Transfer.self, from: bytes) }
    }

    @Test func unknownKeysAreIgnored() throws {
        let bytes = [UInt8](hex: "a5" + "0060" + "0140" + "0200" + "04c100" + "1863" + "a0")
        #expect(try CBORDecoder().decode(Transfer.self, from: bytes).amount == 0)
    }

    @Test func dictionariesKeepTheirKeyKind() throws {
        let encoder = CBOREncoder(deterministic: true)
        #expect(try encoder.encode(["1": 5]).hex == "a1" + "6131" + "05", "a numeric string stays a text key")
        #expect(try encoder.encode([1: 5, -2: 6]).hex == "a2" + "0105" + "2106")
        #expect(try encoder.encode([UInt64.max: true]).hex == "a1" + "1bffffffffffffffff" + "f5")
        #expect(try CBORDecoder().decode([UInt64: Bool].self, from: [UInt8](hex: "a1" + "1bffffffffffffffff" + "f5")) == [.max: true])
        #expect(try CBORDecoder().decode([Int: String].self, from: [UInt8](hex: "a2" + "206161" + "186461" + "62")) == [-1: "a", 100: "b"])
    }

    @Test func mapsInAnyOrderAndIndefiniteLength() throws {
        // Keys out of order, indefinite map, chunked text key value.
        let bytes = [UInt8](hex: "bf" + "04c100" + "0200" + "0140" + "007f6161ff" + "ff")
        let transfer = try CBORDecoder().decode(Transfer.self, from: bytes)
        #expect(transfer == Transfer(from: "a", to: [], amount: 0, memo: nil, when: Timestamp(0)))
    }
}
