import Testing
import TestSupport
@testable import CBOR

/// Python's cbor2 (its C extension) as the outside oracle, both directions.
@Suite struct Cbor2InteropTests {
    /// We encode a random corpus; cbor2 decodes each item and writes it back
    /// canonically. Equal canonical bytes mean cbor2 read the value we meant, and
    /// that our canonical output is byte-identical to `cbor2.dumps(canonical=True)`.
    @Test func cbor2DecodesWhatWeEncode() throws {
        var generator = RandomCBOR(seed: 8949)
        let corpus = (0..<3000).map { _ in generator.value() }
        let input = corpus.map { $0.encoded().hex }.joined(separator: "\n")
        let script = """
        import sys, cbor2
        for line in sys.stdin.read().split():
            print(cbor2.dumps(cbor2.loads(bytes.fromhex(line)), canonical=True).hex())
        """
        let canonical = try PythonOracle.run(script, input: input).split(separator: "\n")
        try #require(canonical.count == corpus.count)
        for (value, theirs) in zip(corpus, canonical) {
            let ours = value.deterministicEncoded(keyOrder: .lengthFirst)
            #expect(ours.hex == theirs, "value \(value)")
            var reader = CBORReader(ours, options: CBORDecodingOptions(requireDeterministic: true, keyOrder: .lengthFirst))
            #expect(throws: Never.self) { try reader.validate() }
        }
    }

    /// cbor2 encodes its own random corpus (plain and canonical); we decode the
    /// plain bytes and must reach the same canonical bytes.
    @Test func weDecodeWhatCbor2Encodes() throws {
        let script = """
        import random, cbor2
        rng = random.Random(7049)
        def text():
            return ''.join(rng.choice('aZ0 "\\\\\\n\\té€中😀\\u2028\\x07') for _ in range(rng.randrange(12)))
        def key():
            return rng.choice([lambda: rng.randrange(-2**64, 2**64), text, lambda: rng.randbytes(rng.randrange(20))])()
        def value(depth=0):
            kinds = ['int', 'big', 'bytes', 'text', 'float', 'bool', 'none', 'undef', 'simple']
            if depth < 4: kinds += ['list', 'dict', 'tag']
            kind = rng.choice(kinds)
            if kind == 'int': return rng.randrange(-2**64, 2**64)
            if kind == 'big': return rng.choice([1, -1]) * rng.randrange(2**64, 2**130)
            if kind == 'bytes': return rng.randbytes(rng.randrange(40))
            if kind == 'text': return text()
            if kind == 'float': return rng.choice([rng.uniform(-1e6, 1e6), float(rng.randrange(-70000, 70000)) / 4, rng.random() * 10 ** rng.randrange(-300, 300), float('inf'), float('-inf'), float('nan'), -0.0])
            if kind == 'bool': return rng.random() < 0.5
            if kind == 'none': return None
            if kind == 'undef': return cbor2.undefined
            if kind == 'simple': return cbor2.CBORSimpleValue(rng.randrange(32, 256))
            if kind == 'list': return [value(depth + 1) for _ in range(rng.randrange(6))]
            if kind == 'dict': return {key(): value(depth + 1) for _ in range(rng.randrange(6))}
            return cbor2.CBORTag(rng.choice([7, 1000, 10000, 65536]), value(depth + 1))
        for _ in range(3000):
            v = value()
            print(cbor2.dumps(v).hex(), cbor2.dumps(v, canonical=True).hex())
        """
        let lines = try PythonOracle.run(script).split(separator: "\n")
        try #require(lines.count == 3000)
        for line in lines {
            let fields = line.split(separator: " ")
            let plain = [UInt8](hex: fields[0])
            let value = try CBOR(decoding: plain)
            #expect(value.encoded() == plain)
            #expect(value.deterministicEncoded(keyOrder: .lengthFirst).hex == fields[1])
        }
    }
}
