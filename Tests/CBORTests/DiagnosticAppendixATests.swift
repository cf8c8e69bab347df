import Foundation
import Testing
import TestSupport
@testable import CBOR

/// RFC 8949 Appendix A in diagnostic notation: the `.standard` text equals the
/// RFC's where the vectors give one, and reads back to the same item, so the
/// original bytes come out again.
@Suite struct DiagnosticAppendixATests {
    struct Vector: Decodable, CustomTestStringConvertible {
        let hex: String
        let roundtrip: Bool
        let diagnostic: String?
        var testDescription: String { hex }
    }

    static let vectors: [Vector] = {
        let url = DiagnosticFixtures.sharedTestData.appendingPathComponent("cbor/appendix_a.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Vector].self, from: data)) ?? []
    }()

    @Test func allVectorsAreThere() {
        #expect(Self.vectors.count == 82)
    }

    @Test(arguments: vectors)
    func printsAndReadsBack(_ vector: Vector) throws {
        let bytes = DiagnosticFixtures.bytes(hex: vector.hex)
        if vector.hex == "f818" {
            // simple(24) as 0xf818 is not well-formed under RFC 8949 §3.3 (the decoder
            // rejects it), and the parser refuses to write it.
            #expect(throws: CBORError.self) { try CBOR(decoding: bytes) }
            #expect(throws: DiagnosticError.invalidSimpleValue(line: 1, column: 8)) { try CBOR(diagnostic: "simple(24)") }
            return
        }
        let value = try CBOR(decoding: bytes)
        let text = value.diagnostic()
        if let expected = vector.diagnostic {
            // The appendix shows no encoding indicators. The printer adds `_2`/`_3`
            // to floats that are not in their preferred width (fa7f800000 is
            // `Infinity_2`), so compare without them.
            #expect(Self.strippingFloatIndicators(text) == expected)
        }
        let parsed = try CBOR(diagnostic: text)
        #expect(parsed == value, "\(text)")
        #expect(parsed.encoded() == bytes, "\(text)")
    }

    /// RFC texts for vectors the JSON gives only as decoded values.
    @Test(arguments: [
        ("3bffffffffffffffff", "-18446744073709551616"),
        ("c249010000000000000000", "2(h'010000000000000000')"),
        ("fb3ff199999999999a", "1.1"),
        ("fa47c35000", "100000.0"),
        ("fa7f7fffff", "3.4028234663852886e+38"),
        ("fb7e37e43c8800759c", "1.0e+300"),
        ("f90001", "5.960464477539063e-08"),
        ("f90400", "6.103515625e-05"),
        ("62225c", #""\"\\""#),
        ("7f657374726561646d696e67ff", #"(_ "strea", "ming")"#),
        ("9fff", "[_ ]"),
        ("9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"),
        ("bf61610161629f0203ffff", #"{_ "a": 1, "b": [_ 2, 3]}"#),
        ("a26161016162820203", #"{"a": 1, "b": [2, 3]}"#),
    ])
    func matchesTheRFCText(_ hex: String, _ expected: String) throws {
        #expect(try CBOR(decoding: DiagnosticFixtures.bytes(hex: hex)).diagnostic() == expected)
    }

    /// Drops `_1`, `_2`, `_3` after a number, `Infinity` or `NaN`.
    static func strippingFloatIndicators(_ text: String) -> String {
        var out = ""
        var characters = text[...]
        while let character = characters.popFirst() {
            if character == "_", let digit = characters.first, "123".contains(digit),
               let previous = out.last, previous.isNumber || previous == "y" || previous == "N" {
                characters.removeFirst()
                continue
            }
            out.append(character)
        }
        return out
    }
}
