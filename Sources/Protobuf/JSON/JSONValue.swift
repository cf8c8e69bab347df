/// A JSON document as the proto3 JSON mapping builds it: objects keep their members in
/// insertion order, numbers keep the exact text they are written as.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as its literal text (`1`, `-2.5`, `1e+16`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)), let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The text Python's `json.dumps(value, indent=indent, sort_keys=sortKeys)` writes:
    /// ASCII only (`\uXXXX` escapes, lowercase hex), `", "`/`": "` separators when compact,
    /// newlines and `indent` spaces per level otherwise.
    public func text(indent: Int? = nil, sortKeys: Bool = false) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent, sortKeys: sortKeys, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], indent: Int?, sortKeys: Bool, level: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case let .bool(flag): out += Array((flag ? "true" : "false").utf8)
        case let .number(text): out += Array(text.utf8)
        case let .string(text): Self.writeString(text, into: &out)
        case let .array(items):
            guard !items.isEmpty else { return out += Array("[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                Self.separate(index, into: &out, indent: indent, level: level + 1)
                item.write(into: &out, indent: indent, sortKeys: sortKeys, level: level + 1)
            }
            Self.close(UInt8(ascii: "]"), into: &out, indent: indent, level: level)
        case let .object(members):
            guard !members.isEmpty else { return out += Array("{}".utf8) }
            let ordered = sortKeys ? members.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) { $0.value < $1.value } } : members
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in ordered.enumerated() {
                Self.separate(index, into: &out, indent: indent, level: level + 1)
                Self.writeString(key, into: &out)
                out += Array(": ".utf8)
                value.write(into: &out, indent: indent, sortKeys: sortKeys, level: level + 1)
            }
            Self.close(UInt8(ascii: "}"), into: &out, indent: indent, level: level)
        }
    }

    private static func separate(_ index: Int, into out: inout [UInt8], indent: Int?, level: Int) {
        if let indent {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(0x0a)
            out += [UInt8](repeating: 0x20, count: indent * level)
        } else if index > 0 {
            out += Array(", ".utf8)
        }
    }

    private static func close(_ bracket: UInt8, into out: inout [UInt8], indent: Int?, level: Int) {
        if let indent {
            out.append(0x0a)
            out += [UInt8](repeating: 0x20, count: indent * level)
        }
        out.append(bracket)
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        func escape(_ unit: UInt16) {
            out += Array("\\u".utf8)
            for shift in [12, 8, 4, 0] { out.append(hex[Int(unit >> UInt16(shift)) & 0xf]) }
        }
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case "\n": out += Array("\\n".utf8)
            case "\r": out += Array("\\r".utf8)
            case "\t": out += Array("\\t".utf8)
            case "\u{8}": out += Array("\\b".utf8)
            case "\u{c}": out += Array("\\f".utf8)
            case " "..."~": out.append(UInt8(scalar.value))
            default: for unit in String(scalar).utf16 { escape(unit) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
