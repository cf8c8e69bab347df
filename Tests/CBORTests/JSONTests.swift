import Foundation
import Testing
import TestSupport
@testable import CBOR

/// JSON conversion (RFC 8949 §6) in both directions, checked against Python's json module.
@Suite struct JSONTests {
    @Test func jsonToCBORFollowsRFC8949Section6Point2() throws {
        let value = try CBOR(json: #"{"a": [1, -1, 2.5, 1.0e300, 18446744073709551615, -18446744073709551616], "b": "\u00fc\ud83d\ude00\n", "c": [true, false, null]}"#)
        #expect(value == [
            "a": [1, -1, .half(2.5), .double(1.0e300), .unsigned(.max), .negative(.max)],
            "b": "ü😀\n",
            "c": [true, false, nil],
        ])
    }

    @Test func integersBeyond64BitsBecomeBignums() throws {
        #expect(try CBOR(json: "18446744073709551616") == .tagged(2, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0])))
        #expect(try CBOR(json: "-18446744073709551617") == .tagged(3, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0])))
    }

    @Test func cborToJSONFollowsRFC8949Section6Point1() {
        let value: CBOR = [
            "bytes": .bytes([0xfb, 0xff, 0x00]), "nan": .double(.nan), "undefined": .undefined,
            1: .tagged(3, .bytes([1, 0, 0, 0, 0, 0, 0, 0, 0])), "tag": .tagged(1, 1_363_896_240),
        ]
        #expect(value.json() == #"{"bytes":"-_8A","nan":null,"undefined":null,"1":-18446744073709551617,"tag":1363896240}"#)
    }

    @Test func pythonReadsOurJSONAsTheSameDocument() throws {
        var generator = RandomCBOR(seed: 8259)
        let corpus = (0..<500).map { _ in generator.value() }
        let script = """
        import sys, json, cbor2, base64, math
        def expect(v):
            if isinstance(v, cbor2.CBORTag): return expect(v.value)
            if isinstance(v, bytes): return base64.urlsafe_b64encode(v).rstrip(b'=').decode()
            if isinstance(v, float) and not math.isfinite(v): return None
            if isinstance(v, (cbor2.CBORSimpleValue,)) or v is cbor2.undefined: return None
            if isinstance(v, (list, tuple)): return [expect(x) for x in v]
            if hasattr(v, 'items'): return {i: expect(x) for i, x in enumerate(v.values())}
            return v
        for line in sys.stdin.read().split('\\n'):
            if not line: continue
            encoded, text = line.split(' ', 1)
            ours = json.loads(text)
            theirs = expect(cbor2.loads(bytes.fromhex(encoded)))
            def strip(v):
                # Non-text keys print as diagnostic notation; compare the values in order.
                if isinstance(v, dict): return [strip(x) for x in v.values()]
                if isinstance(v, list): return [strip(x) for x in v]
                return v
            print('ok' if strip(ours) == strip(theirs) else 'MISMATCH ' + text)
        """
        let input = corpus.map { $0.encoded().hex + " " + $0.json() }.joined(separator: "\n")
        let results = try PythonOracle.run(script, input: input).split(separator: "\n")
        #expect(results.count == corpus.count)
        #expect(results.allSatisfy { $0 == "ok" }, "\(results.filter { $0 != "ok" }.prefix(3).joined(separator: "\n"))")
    }

    @Test func stringsReadAsPythonWroteThemEscapedOrNot() throws {
        var random = SeededRandom(seed: 8259)
        let alphabet: [Unicode.Scalar] = ["a", "Z", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7f}", "é", "€", "\u{ffff}", "😀", " "]
        let strings = (0..<300).map { _ in
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &random) { scalars.append(alphabet.randomElement(using: &random)!) }
            return String(scalars)
        }
        let script = """
        import sys, json
        for line in sys.stdin.read().split('\\n'):
            if not line: continue
            s = json.loads(line)
            print(json.dumps(s, ensure_ascii=True))
            print(json.dumps(s, ensure_ascii=False))
        """
        let input = strings.map { CBOR.text($0).json() }.joined(separator: "\n")
        let dumped = try PythonOracle.run(script, input: input).split(separator: "\n", omittingEmptySubsequences: false)
        for (position, text) in strings.enumerated() {
            #expect(try CBOR(json: String(dumped[2 * position])) == .text(text))
            #expect(try CBOR(json: String(dumped[2 * position + 1])) == .text(text))
        }
    }

    @Test(arguments: [
        ("{\"a\": }", 1, 7), ("[1, 2", 1, 6), ("\"abc", 1, 5), ("{1: 2}", 1, 2), ("[1,\n 2,,]", 2, 4),
        ("tru", 1, 1), ("1e400", 1, 6), ("\"\\ud800\"", 1, 8), ("01", 1, 3),
    ])
    func badJSONNamesLineAndColumn(_ input: String, _ line: Int, _ column: Int) {
        #expect {
            try CBOR(json: input)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test func deepJSONIsBounded() {
        #expect(throws: JSONParseError.self) { try CBOR(json: String(repeating: "[", count: 100_000)) }
    }
}
