import Testing
import TestSupport
@testable import CBOR

/// A record written by Python's cbor2 decodes into a Swift model, and the model
/// encodes back to the bytes cbor2 writes in canonical mode.
@Suite struct CodableInteropTests {
    struct Timestamp: CBORTaggedCodable, Equatable {
        static var cborTag: UInt64 { 1 }
        var seconds: Int64
        init(from decoder: any Decoder) throws { seconds = try decoder.singleValueContainer().decode(Int64.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(seconds)
        }
    }

    /// An array `[n, text]`, read and written through an unkeyed container.
    struct Pair: Codable, Equatable {
        var number: Int
        var text: String
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            number = try container.decode(Int.self)
            text = try container.decode(String.self)
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(number)
            try container.encode(text)
        }
    }

    struct Action: Codable, Equatable {
        var kind: String
        var amount: UInt32
    }

    struct Record: Codable, Equatable {
        enum CodingKeys: Int, CodingKey {
            case id = 0, name, key, weights, counters, created, extra, active, debt, supply, pairs, action, ratio, absent
        }
        var id: UInt8
        var name: String
        var key: [UInt8]
        var weights: [Double]
        var counters: [String: Int]
        var created: Timestamp
        var extra: CBOR
        var active: Bool
        var debt: Int128
        var supply: UInt128
        var pairs: [Pair]
        var action: Action
        var ratio: Float
        var absent: String?
    }

    static let script = """
    import cbor2
    record = {
        0: 7,
        1: "alice \\u00e9",
        2: b"\\x00\\x01\\xff",
        3: [1.5, -2.25, 0.1],
        4: {"x": 1, "y": -1, "long key": 100000},
        5: cbor2.CBORTag(1, 1700000000),
        6: None,
        7: True,
        8: -2**64,
        9: 2**70,
        10: [[1, "a"], [-2, "b"]],
        11: {"kind": "transfer", "amount": 100},
        12: 3.0,
    }
    print(cbor2.dumps(record).hex())
    print(cbor2.dumps(record, canonical=True).hex())
    """

    @Test func cbor2RecordDecodesAndReencodesCanonically() throws {
        let lines = try PythonOracle.run(Self.script).split(separator: "\n")
        try #require(lines.count == 2, "cbor2 printed \(lines)")
        let plain = [UInt8](hex: lines[0])

        let record = try CBORDecoder().decode(Record.self, from: plain)
        #expect(record.id == 7)
        #expect(record.name == "alice é")
        #expect(record.key == [0x00, 0x01, 0xff])
        #expect(record.weights == [1.5, -2.25, 0.1])
        #expect(record.counters == ["x": 1, "y": -1, "long key": 100_000])
        #expect(record.created.seconds == 1_700_000_000)
        #expect(record.extra == .null)
        #expect(record.active)
        #expect(record.debt == -(Int128(1) << 64))
        #expect(record.supply == UInt128(1) << 70)
        #expect(record.pairs.map(\.number) == [1, -2] && record.pairs.map(\.text) == ["a", "b"])
        #expect(record.action == Action(kind: "transfer", amount: 100))
        #expect(record.ratio == 3)
        #expect(record.absent == nil)

        let canonical = try CBOREncoder(deterministic: true, keyOrder: .lengthFirst).encode(record)
        #expect(canonical.hex == String(lines[1]))
    }
}
