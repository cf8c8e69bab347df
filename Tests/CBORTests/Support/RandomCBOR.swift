import TestSupport
@testable import CBOR

/// Random CBOR values for interop corpora. It keeps to what Python's
/// cbor2 round-trips without interpretation: no tags it gives meaning to, map
/// keys that are distinct ints, text or bytes.
struct RandomCBOR {
    var rng: SeededRandom

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    mutating func value(depth: Int = 0) -> CBOR {
        let kinds = depth >= 4 ? 12 : 18
        switch Int.random(in: 0..<kinds, using: &rng) {
        case 0: return .unsigned(integer())
        case 1: return .negative(integer())
        case 2: return .bytes(bytes())
        case 3: return .text(text())
        case 4: return .bool(Bool.random(using: &rng))
        case 5: return .null
        case 6: return .undefined
        case 7: return .half(Float16(bitPattern: UInt16.random(in: 0...UInt16.max, using: &rng)))
        case 8: return .float(Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng)))
        case 9: return .double(Double(bitPattern: rng.next()))
        case 10: return .simple(UInt8.random(in: 32...255, using: &rng))
        case 11: return bignum()
        case 12, 13: return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in value(depth: depth + 1) })
        case 14, 15: return .map(entries(depth: depth))
        case 16: return .tagged([7, 1000, 10000, 65536, 4_000_000_000].randomElement(using: &rng)!, value(depth: depth + 1))
        default: return indefinite(depth: depth)
        }
    }

    private mutating func indefinite(depth: Int) -> CBOR {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .indefiniteBytes((0..<Int.random(in: 0...3, using: &rng)).map { _ in bytes() })
        case 1: return .indefiniteText((0..<Int.random(in: 0...3, using: &rng)).map { _ in text() })
        case 2: return .indefiniteArray((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(depth: depth + 1) })
        default: return .indefiniteMap(entries(depth: depth))
        }
    }

    private mutating func entries(depth: Int) -> [(key: CBOR, value: CBOR)] {
        var seen = Set<[UInt8]>()
        var result: [(key: CBOR, value: CBOR)] = []
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let key: CBOR
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: key = .unsigned(integer())
            case 1: key = .negative(integer())
            case 2: key = .text(text())
            default: key = .bytes(bytes())
            }
            // Python dicts merge equal keys; keep keys distinct.
            guard seen.insert(key.deterministicEncoded()).inserted else { continue }
            result.append((key, value(depth: depth + 1)))
        }
        return result
    }

    private mutating func integer() -> UInt64 {
        // Spread over every argument width.
        let widths: [UInt64] = [23, 0xff, 0xffff, 0xffff_ffff, .max]
        return UInt64.random(in: 0...widths.randomElement(using: &rng)!, using: &rng)
    }

    private mutating func bytes() -> [UInt8] {
        (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    private mutating func text() -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u{7}", "\u{7f}", "é", "ü", "€", "中", "😀", "\u{2028}", "'"]
        return String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &rng)).map { _ in pool.randomElement(using: &rng)! }))
    }

    /// A bignum beyond 64 bits, minimal (no leading zero byte), as cbor2 writes it.
    private mutating func bignum() -> CBOR {
        var magnitude = [UInt8.random(in: 1...255, using: &rng)]
        magnitude += (0..<Int.random(in: 8...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return .tagged(Bool.random(using: &rng) ? 2 : 3, .bytes(magnitude))
    }
}
