import Foundation
import Testing
@testable import CBOR

/// Values survive CBOREncoder → CBORDecoder unchanged, in both encoding modes.
@Suite struct CodableRoundTripTests {
    struct Line: Codable, Equatable {
        var sku: String
        var quantity: UInt32
        var price: Double?
    }

    enum Status: String, Codable { case open, filled }

    enum Side: Codable, Equatable {
        case buy(limit: Double)
        case sell(Int, String)
        case cancel
    }

    struct Order: Codable, Equatable {
        var id: UInt64
        var status: Status
        var sides: [Side]
        var lines: [Line]
        var labels: Set<String>?
        var attributes: [String: Int]
        var byNumber: [Int: String]
        var byAccount: [UInt64: [UInt8]]
        var note: String?
        var matrix: [[Int8]]
        var half: Float16
        var single: Float
        var big: Int128
        var huge: UInt128
        var raw: CBOR
        var nested: [String: [Line]]
    }

    static let order = Order(
        id: .max, status: .filled, sides: [.buy(limit: 1.25), .sell(-3, "x"), .cancel],
        lines: [Line(sku: "a-1", quantity: 2, price: 9.5), Line(sku: "b", quantity: 0, price: nil)],
        labels: ["red", "blue"], attributes: ["x": 1, "1": -1], byNumber: [-7: "neg", 0: "zero", 1000: "k"],
        byAccount: [.max: [1, 2, 3], 0: []], note: nil, matrix: [[-128, 127], [], [0]],
        half: 0.333, single: -0.1, big: -(Int128(1) << 100), huge: .max,
        raw: [1: [true, .null, "s"], "k": .tagged(99, .bytes([0xff]))],
        nested: ["empty": [], "one": [Line(sku: "c", quantity: 1, price: 0)]]
    )

    @Test(arguments: [false, true])
    func nestedModelRoundTrips(deterministic: Bool) throws {
        let bytes = try CBOREncoder(deterministic: deterministic).encode(Self.order)
        #expect(try CBORDecoder().decode(Order.self, from: bytes) == Self.order)
        // And the bytes are one well-formed item that the value tree reads too.
        let tree = try CBOR(decoding: bytes)
        #expect(tree["id"] == .unsigned(.max))
        #expect(tree["note"] == nil, "a nil optional leaves its key out")
    }

    @Test func deterministicEncodingIsStable() throws {
        let encoder = CBOREncoder(deterministic: true)
        let first = try encoder.encode(Self.order)
        for _ in 0..<5 {
            var copy = Self.order
            copy.attributes = Dictionary(uniqueKeysWithValues: copy.attributes.shuffled())
            #expect(try encoder.encode(copy) == first)
        }
    }

    @Test func topLevelScalarsAndCollections() throws {
        let encoder = CBOREncoder()
        let decoder = CBORDecoder()
        #expect(try encoder.encode(42) == [0x18, 0x2a])
        #expect(try encoder.encode(-1) == [0x20])
        #expect(try encoder.encode("a") == [0x61, 0x61])
        #expect(try encoder.encode([1, 2]) == [0x82, 0x01, 0x02])
        #expect(try encoder.encode(Int?.none) == [0xf6])
        #expect(try encoder.encode([Int?.none, 1]) == [0x82, 0xf6, 0x01], "nil is null outside keyed containers")
        #expect(try decoder.decode([Int?].self, from: [0x82, 0xf6, 0x01]) == [nil, 1])
        #expect(try decoder.decode(Int?.self, from: [0xf7]) == nil, "undefined reads as nil")
        #expect(try decoder.decode(String.self, from: [0x7f, 0x61, 0x61, 0x61, 0x62, 0xff]) == "ab")
    }

    @Test func floatsKeepTheirWidth() throws {
        let encoder = CBOREncoder()
        #expect(try encoder.encode(1.5) == [0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0])
        #expect(try encoder.encode(Float(1.5)) == [0xfa, 0x3f, 0xc0, 0, 0])
        #expect(try encoder.encode(Float16(1.5)) == [0xf9, 0x3e, 0x00])
        let decoder = CBORDecoder()
        #expect(try decoder.decode(Double.self, from: [0xf9, 0x3e, 0x00]) == 1.5)
        #expect(try decoder.decode(Float16.self, from: [0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]) == 1.5)
        #expect(try decoder.decode(Double.self, from: [0x18, 0x2a]) == 42, "an exact integer reads as a float")
        #expect(try decoder.decode(Double.self, from: [0xf9, 0x7e, 0x00]).isNaN)
    }

    @Test func wideIntegersUseBignumsOnlyWhenNeeded() throws {
        let encoder = CBOREncoder()
        #expect(try encoder.encode(Int128(-1)) == [0x20])
        #expect(try encoder.encode(UInt128(UInt64.max)) == [0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        #expect(try encoder.encode(UInt128(1) << 64) == [0xc2, 0x49, 0x01, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try encoder.encode(-(Int128(1) << 64) - 1) == [0xc3, 0x49, 0x01, 0, 0, 0, 0, 0, 0, 0, 0])
        for value in [Int128.min, .max, -(Int128(1) << 64), 0] {
            #expect(try CBORDecoder().decode(Int128.self, from: encoder.encode(value)) == value)
        }
    }

    /// A byte string also decodes into byte collections that read themselves
    /// as an array of `UInt8`, such as Foundation's `Data`.
    @Test func dataReadsFromAByteString() throws {
        #expect(try CBORDecoder().decode(Data.self, from: [0x43, 1, 2, 3]) == Data([1, 2, 3]))
        #expect(try CBORDecoder().decode(Data.self, from: [0x5f, 0x41, 1, 0x42, 2, 3, 0xff]) == Data([1, 2, 3]))
        #expect(try CBORDecoder().decode(Data.self, from: [0x82, 1, 2]) == Data([1, 2]))
    }

    /// A subclass keeps its superclass's fields under `super`, through
    /// `superEncoder()` and `superDecoder()`.
    @Test func superEncoderNestsTheSuperclass() throws {
        let value = Derived(base: 5, extra: "e")
        let bytes = try CBOREncoder().encode(value)
        #expect(bytes == [0xa2, 0x65] + Array("extra".utf8) + [0x61, 0x65, 0x65] + Array("super".utf8) + [0xa1, 0x64] + Array("base".utf8) + [0x05])
        let decoded = try CBORDecoder().decode(Derived.self, from: bytes)
        #expect(decoded.base == 5 && decoded.extra == "e")
    }

    /// Codable code that catches Swift's `DecodingError` keeps working.
    @Test func decodingErrorsReachCodableCodeAsDecodingError() throws {
        #expect(try CBORDecoder().decode([IntOrText].self, from: [0x82, 0x01, 0x61, 0x61]) == [.int(1), .text("a")])
    }

    class Base: Codable {
        var base: Int
        init(base: Int) { self.base = base }
    }

    final class Derived: Base {
        var extra: String
        enum CodingKeys: String, CodingKey { case extra }

        init(base: Int, extra: String) {
            self.extra = extra
            super.init(base: base)
        }

        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            extra = try container.decode(String.self, forKey: .extra)
            try super.init(from: container.superDecoder())
        }

        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(extra, forKey: .extra)
            try super.encode(to: container.superEncoder())
        }
    }

    enum IntOrText: Decodable, Equatable {
        case int(Int), text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            do {
                self = .int(try container.decode(Int.self))
            } catch DecodingError.typeMismatch {
                self = .text(try container.decode(String.self))
            }
        }
    }
}
