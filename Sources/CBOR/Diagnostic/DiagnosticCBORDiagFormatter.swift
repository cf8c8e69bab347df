/// Builds the layout of ``DiagnosticStyle/cborDiag``: the choices cbor-edn
/// (behind Python's `cbor_diag.cbor2diag`) makes for each item.
enum CBORDiagFormatter {
    private typealias Item = DiagnosticLayoutItem
    private typealias Brackets = DiagnosticLayoutItem.Brackets

    private static let array = Brackets(open: "[", brokenOpen: "[", close: "]", empty: "[]")
    private static let indefiniteArray = Brackets(open: "[_ ", brokenOpen: "[_ ", close: "]", empty: "[_]")
    private static let map = Brackets(open: "{", brokenOpen: "{", close: "}", empty: "{}")
    private static let indefiniteMap = Brackets(open: "{_ ", brokenOpen: "{_ ", close: "}", empty: "{_}")
    // cbor-edn panics on an empty indefinite string; `''_`/`""_` is the EDN spelling.
    private static let byteChunks = Brackets(open: "(_ ", brokenOpen: "(_", close: ")", empty: "''_")
    private static let textChunks = Brackets(open: "(_ ", brokenOpen: "(_", close: ")", empty: "\"\"_")

    static func item(_ value: CBOR) -> DiagnosticLayoutItem {
        switch value {
        case let .unsigned(n): return .atom(String(n))
        case let .negative(n): return .atom(DiagnosticFormatting.negative(n))
        case let .bytes(bytes): return .atom(DiagnosticFormatting.cborDiagBytes(bytes))
        case let .text(text): return .atom(DiagnosticFormatting.cborDiagText(text))
        case let .array(elements): return Item(.list(array, elements.map(item)))
        case let .indefiniteArray(elements): return Item(.list(indefiniteArray, elements.map(item)))
        case let .map(entries): return Item(.map(map, flatten(entries)))
        case let .indefiniteMap(entries): return Item(.map(indefiniteMap, flatten(entries)))
        case let .indefiniteBytes(chunks):
            return Item(.list(byteChunks, chunks.map {
                .atom(DiagnosticFormatting.cborDiagBytes($0) + lengthIndicator($0.count))
            }))
        case let .indefiniteText(chunks):
            return Item(.list(textChunks, chunks.map {
                .atom(DiagnosticFormatting.cborDiagText($0) + lengthIndicator($0.utf8.count))
            }))
        case let .tagged(tag, content): return tagged(tag, content)
        case let .simple(n): return .atom("simple(\(n))")
        case let .bool(b): return .atom(b ? "true" : "false")
        case .null: return .atom("null")
        case .undefined: return .atom("undefined")
        case let .half(f): return .atom(DiagnosticFormatting.positionalFloat(Double(f)) + "_1")
        case let .float(f): return .atom(DiagnosticFormatting.positionalFloat(Double(f)) + "_2")
        case let .double(d): return .atom(DiagnosticFormatting.positionalFloat(d) + "_3")
        }
    }

    private static func flatten(_ entries: [(key: CBOR, value: CBOR)]) -> [DiagnosticLayoutItem] {
        var items: [DiagnosticLayoutItem] = []
        items.reserveCapacity(entries.count * 2)
        for entry in entries {
            items.append(item(entry.key))
            items.append(item(entry.value))
        }
        return items
    }

    /// The encoding indicator of a chunk's length argument: `_i` when it fits
    /// the initial byte, else `_0`…`_3` for 1, 2, 4 or 8 bytes.
    static func lengthIndicator(_ length: Int) -> String {
        switch length {
        case 0..<24: return "_i"
        case 24...0xff: return "_0"
        case 0x100...0xffff: return "_1"
        case 0x1_0000...0xffff_ffff: return "_2"
        default: return "_3"
        }
    }

    /// Largest bignum written in decimal; the conversion is quadratic, so
    /// longer ones keep the `2(h'…')` form (cbor-edn has no such limit).
    static let bignumDecimalSizeBytesMax = 1024

    private static func tagged(_ tag: UInt64, _ content: CBOR) -> DiagnosticLayoutItem {
        if tag == 2 || tag == 3, case let .bytes(bytes) = content, bytes.count > 8, bytes[0] != 0,
           bytes.count <= bignumDecimalSizeBytesMax {
            // Only bignums that need more than 64 bits and have no leading zero
            // become integers. cbor-edn 0.0.11 writes tag 3 as −n instead of
            // −1−n; reproduced so the text matches byte for byte.
            let digits = BigMagnitude.decimal(bytes)
            return .atom(tag == 2 ? digits : "-" + digits)
        }
        if tag == 1 { return epochTime(content) }
        return Item(.tag(head: "\(tag)(", content: item(content)))
    }

    /// Tag 1 as a `DT'…'` literal where cbor-edn manages, else the tag with its remark.
    private static func epochTime(_ content: CBOR) -> DiagnosticLayoutItem {
        let seconds: Int64
        var nanoseconds: UInt32 = 0
        switch content {
        case let .unsigned(n):
            guard let s = Int64(exactly: n) else { return remarked(content, "Value out of range for integer time processing") }
            seconds = s
        case let .negative(n):
            guard n <= UInt64(Int64.max) else { return remarked(content, "Value out of range for integer time processing") }
            seconds = -1 - Int64(n)
        case .half, .float, .double:
            (seconds, nanoseconds) = DiagnosticDateTime.split(content.doubleValue ?? 0)
        default:
            return remarked(content, "Numeric value expected for dt'' literal")
        }
        guard let text = DiagnosticDateTime.rfc3339(seconds: seconds, nanoseconds: nanoseconds) else {
            return remarked(content, "Value out of range for time stamps")
        }
        return .atom("DT'" + text + "'")
    }

    private static func remarked(_ content: CBOR, _ remark: String) -> DiagnosticLayoutItem {
        Item(.tag(head: "1(", content: item(content)), comment: "/ " + remark + " /")
    }
}
