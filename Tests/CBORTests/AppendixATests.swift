import Foundation
import Testing
import TestSupport
@testable import CBOR

/// RFC 8949 Appendix A: every example decodes to the stated value and our tree
/// re-encodes the original bytes exactly (indefinite lengths and float widths kept).
@Suite struct AppendixATests {
    struct Vector: Decodable, CustomTestStringConvertible {
        let hex: String
        let roundtrip: Bool
        let decoded: JSONValue?
        let diagnostic: String?
        var testDescription: String { hex }
    }

    static let vectors: [Vector] = {
        let url = SharedTestData.root.appendingPathComponent("cbor/appendix_a.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Vector].self, from: data)) ?? []
    }()

    @Test func allVectorsAreThere() {
        #expect(Self.vectors.count == 82)
    }

    @Test(arguments: vectors)
    func decodesAndReencodesExactly(_ vector: Vector) throws {
        let bytes = [UInt8](hex: vector.hex)
        if vector.hex == "f818" {
            // RFC 7049's appendix listed simple(24) as 0xf818; RFC 8949 §3.3 made two-byte
            // simple values below 32 not well-formed (and dropped the example), as cbor2 does.
            #expect(throws: CBORError.invalidSimpleValue(offset: 0, value: 24)) { try CBOR(decoding: bytes) }
            return
        }
        let value = try CBOR(decoding: bytes)
        #expect(value.encoded() == bytes)
        if let expected = vector.decoded {
            #expect(expected.matches(value), "decoded \(value) expected \(expected)")
        }
        // Preferred serialization changes exactly the vectors not marked roundtrip.
        #expect((value.deterministicEncoded() == bytes) == vector.roundtrip)
    }
}

/// A JSON value as the vectors state it, compared loosely with a CBOR item.
enum JSONValue: Decodable, Sendable {
    case int(Int64), uint(UInt64), double(Double), string(String), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int64.self) { self = .int(i) }
        else if let u = try? container.decode(UInt64.self) { self = .uint(u) }
        else if let d = try? container.decode(Double.self) { self = .double(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func matches(_ value: CBOR) -> Bool {
        switch self {
        case let .int(i): return value.int64Value == i || value.doubleValue == Double(i)
        case let .uint(u): return value.uint64Value == u
        case let .double(d): return value.doubleValue == d || bignumAsDouble(value) == d || negativeAsDouble(value) == d
        case let .string(s): return value.textValue == s
        case let .bool(b): return value.boolValue == b
        case .null: return value == .null
        case let .array(a):
            guard let elements = value.arrayValue, elements.count == a.count else { return false }
            return zip(a, elements).allSatisfy { $0.matches($1) }
        case let .object(o):
            guard let entries = value.mapValue, entries.count == o.count else { return false }
            return entries.allSatisfy { entry in
                guard let key = entry.key.textValue, let expected = o[key] else { return false }
                return expected.matches(entry.value)
            }
        }
    }

    private func negativeAsDouble(_ value: CBOR) -> Double? {
        if case let .negative(n) = value { return -1 - Double(n) }
        return nil
    }

    private func bignumAsDouble(_ value: CBOR) -> Double? {
        guard case let .tagged(tag, content) = value, tag == 2 || tag == 3, let magnitude = content.bytesValue else { return nil }
        let n = magnitude.reduce(0.0) { $0 * 256 + Double($1) }
        return tag == 2 ? n : -1 - n
    }
}
