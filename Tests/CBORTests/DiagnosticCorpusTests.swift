import Testing
import TestSupport
@testable import CBOR

/// A seeded corpus of 2000 values: `.cborDiag` must equal what the Python
/// package cbor-diag prints for the same bytes, and `.standard` must read back
/// to the same item, float widths and indefinite lengths included.
@Suite struct DiagnosticCorpusTests {
    static let corpus: [CBOR] = {
        var generator = DiagnosticRandomValues(seed: 0x0D1A_6E05)
        return (0..<2000).map { _ in generator.value() }
    }()

    @Test func cborDiagStyleMatchesTheCBORDiagPackage() throws {
        let expected = try DiagnosticFixtures.cborDiag(Self.corpus.map { $0.encoded() })
        try #require(expected.count == Self.corpus.count)
        var mismatches = 0
        for (value, oracle) in zip(Self.corpus, expected) {
            let ours = value.diagnostic(.cborDiag)
            guard ours != oracle else { continue }
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("cbor \(DiagnosticFormatting.hex(value.encoded()))\nours:      \(ours)\ncbor-diag: \(oracle)")
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(Self.corpus.count) differ")
    }

    @Test func standardStyleReadsBackToTheSameItem() throws {
        for value in Self.corpus {
            let text = value.diagnostic()
            let parsed = try CBOR(diagnostic: text)
            #expect(parsed == value, "\(text)")
            #expect(parsed.encoded() == value.encoded(), "\(text)")
        }
    }

    /// cbor-diag's text reads back too, except `DT'…'` literals and tag-3
    /// bignums (cbor-edn writes −n for 3(n), one off).
    @Test func cborDiagStyleReadsBackWithoutTimeAndNegativeBignums() throws {
        var checked = 0
        for value in Self.corpus where !containsUnreadableCBORDiag(value) {
            let text = value.diagnostic(.cborDiag)
            #expect(try CBOR(diagnostic: text) == value, "\(text)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    private func containsUnreadableCBORDiag(_ value: CBOR) -> Bool {
        switch value {
        case .tagged(1, _), .tagged(3, .bytes): return true
        case let .tagged(_, content): return containsUnreadableCBORDiag(content)
        case let .array(elements), let .indefiniteArray(elements): return elements.contains(where: containsUnreadableCBORDiag)
        case let .map(entries), let .indefiniteMap(entries):
            return entries.contains { containsUnreadableCBORDiag($0.key) || containsUnreadableCBORDiag($0.value) }
        default: return false
        }
    }
}

/// Seeded random values (SplitMix64) for the corpus: every major type, floats
/// of each width (NaNs canonical), indefinite items with non-empty chunk lists
/// (cbor-diag panics on `5fff`), bignums, tag 1 epoch times of every shape,
/// and other tags only from numbers cbor-diag leaves uninterpreted (not 38, 52, 54).
struct DiagnosticRandomValues: RandomNumberGenerator {
    private var random: SeededRandom
    private static let maxDepth = 5
    private static let tags: [UInt64] = [0, 4, 5, 21, 24, 32, 33, 37, 100, 256, 1000, 55799, 65535, 0xffff_ffff, .max]
    private static let scalars: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "\"", "\\", "'", "/", "#", "_", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{8}", "\u{c}",
        "\u{1b}", "\u{1f}", "\u{7f}", "\u{85}", "\u{a0}", "é", "ü", "€", "水", "😀", "\u{301}", "\u{2028}", "\u{feff}",
        "\u{10ffff}",
    ]
    private static let niceDoubles: [Double] = [
        0, -0.0, 1, 1.5, -4, 0.1, 0.5, 100_000, 65504, 1e300, 5.960464477539063e-08, 6.103515625e-05,
        3.4028234663852886e+38, 1.1, .infinity, -.infinity, .nan, 1_363_896_240.5, 1e-7, 123_456_789.125, 9_007_199_254_740_992,
    ]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    private mutating func below(_ count: Int) -> Int { Int(next() % UInt64(count)) }
    private mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

    mutating func value(depth: Int = 0) -> CBOR {
        // The first ten kinds nest nothing; deeper than maxDepth only they are drawn.
        switch below(depth >= Self.maxDepth ? 10 : 19) {
        case 0: return .unsigned(integer())
        case 1: return .negative(integer())
        case 2: return .bytes(bytes())
        case 3: return .text(text())
        case 4: return pick([.bool(true), .bool(false), .null, .undefined])
        case 5: return .simple(below(2) == 0 ? UInt8(below(20)) : UInt8(32 + below(224)))
        case 6: return .half(canonical(below(2) == 0 ? Float16(bitPattern: UInt16(truncatingIfNeeded: next())) : Float16(pick(Self.niceDoubles))))
        case 7: return .float(canonical(below(2) == 0 ? Float(bitPattern: UInt32(truncatingIfNeeded: next())) : Float(pick(Self.niceDoubles))))
        case 8: return .double(canonical(below(2) == 0 ? Double(bitPattern: next()) : pick(Self.niceDoubles)))
        case 9: return indefiniteString()
        case 10: return bignum()
        case 11: return epochTime(depth: depth)
        case 12: return .tagged(pick(Self.tags), value(depth: depth + 1))
        case 13, 14: return .array(elements(depth: depth))
        case 15, 16: return .map(entries(depth: depth))
        case 17: return .indefiniteArray(elements(depth: depth))
        default: return .indefiniteMap(entries(depth: depth))
        }
    }

    private mutating func count() -> Int { below(8) == 0 ? 5 + below(12) : below(5) }

    private mutating func elements(depth: Int) -> [CBOR] { (0..<count()).map { _ in value(depth: depth + 1) } }

    private mutating func entries(depth: Int) -> [(key: CBOR, value: CBOR)] {
        (0..<count()).map { _ in (value(depth: depth + 1), value(depth: depth + 1)) }
    }

    private mutating func integer() -> UInt64 {
        if below(4) == 0 { return pick([0, 23, 24, 255, 256, 65535, 65536, 0xffff_ffff, 0x1_0000_0000, .max]) }
        return next() >> pick([59, 56, 48, 32, 0])
    }

    private mutating func bytes() -> [UInt8] {
        switch below(5) {
        case 0: return (0..<below(40)).map { _ in UInt8(truncatingIfNeeded: next()) }
        case 1: return (0..<below(30)).map { _ in UInt8(32 + below(95)) }
        case 2: return Array(text().utf8)
        case 3: return []
        default: return (0..<(60 + below(60))).map { _ in UInt8(32 + below(95)) }
        }
    }

    private mutating func text() -> String {
        let length = below(10) == 0 ? 60 + below(40) : below(20)
        return String(String.UnicodeScalarView((0..<length).map { _ in pick(Self.scalars) }))
    }

    private mutating func indefiniteString() -> CBOR {
        let chunks = 1 + below(4)
        if below(2) == 0 { return .indefiniteBytes((0..<chunks).map { _ in below(4) == 0 ? Array(repeating: 0x78, count: 24 + below(20)) : bytes() }) }
        return .indefiniteText((0..<chunks).map { _ in text() })
    }

    private mutating func bignum() -> CBOR {
        let length = below(2) == 0 ? 9 + below(12) : below(12)
        var magnitude = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
        if below(3) > 0, !magnitude.isEmpty, magnitude[0] == 0 { magnitude[0] = 1 }
        return .tagged(below(2) == 0 ? 2 : 3, .bytes(magnitude))
    }

    private mutating func epochTime(depth: Int) -> CBOR {
        let content: CBOR
        switch below(8) {
        case 0: content = .int(Int64.random(in: -8_334_601_228_800...8_210_266_876_799, using: &self))
        case 1: content = .unsigned(next() >> 33)
        case 2: content = outOfRangeTime()
        case 3:
            let seconds = Double(Int64(bitPattern: next()) >> 30)
            content = .double(seconds / 1024 + Double(below(1000)) / 1000)
        case 4:
            let half = Float16(bitPattern: UInt16(truncatingIfNeeded: next()))
            let float = Float(bitPattern: UInt32(truncatingIfNeeded: next()))
            content = below(2) == 0 ? .half(canonical(half)) : .float(canonical(float))
        case 5: content = .double(canonical(pick(Self.niceDoubles)))
        case 6: content = .double(canonical(Double(bitPattern: next())))
        default: content = value(depth: depth + 1)
        }
        return .tagged(1, content)
    }

    /// Integer times past chrono's range (years beyond ±262143) or past `Int64`.
    private mutating func outOfRangeTime() -> CBOR {
        let large: UInt64 = next() >> 1 | 1 << 40
        let huge: UInt64 = next() | 1 << 63
        switch below(4) {
        case 0: return .unsigned(large)
        case 1: return .negative(large)
        case 2: return .unsigned(huge)
        default: return .negative(huge)
        }
    }

    /// NaNs as their width's quiet NaN: diagnostic notation cannot spell payloads.
    private func canonical<F: BinaryFloatingPoint>(_ value: F) -> F { value.isNaN ? .nan : value }
}
