import CBOR

/// CBOR diagnostic notation exactly as many-rs prints a response: the Rust crate
/// `cbor-diag` (`parse_bytes(…).to_diag_pretty()`, `src/encode/diag.rs`).
///
/// This is a different printer from `CBOR`'s `.cborDiag` style (the Python `cbor-diag`
/// package, which wraps the `cbor-edn` crate). Here the wire decides the notation:
///
/// - integers, lengths and tags encoded with a 1-, 2-, 4- or 8-byte argument carry the
///   indicator `_0` … `_3` (`100_0`, `10000_1(h'…')`); inline ones carry none;
/// - floats are Rust's positional `Display` of the value (f16 and f32 through f32) plus
///   `.0` when there is no point, and always `_1`/`_2`/`_3`;
/// - byte strings are `h'…'` (tags 21 and 22 switch their content to `b64'…'`);
///   text escapes only `"` and `\`;
/// - a container whose estimated one-line length is under 60 stays on one line
///   (`[1, 2]`, `{1: 2}`); a longer one puts each element on its own line, four spaces
///   deeper, each followed by a comma.
///
/// Bad input is a typed error, never a trap: depth and item counts are bounded.
enum RustDiagnostic {
    /// Nesting deeper than this is refused.
    static let depthMax = 256

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The pretty diagnostic notation of one CBOR item that fills `bytes` exactly.
    static func pretty(_ bytes: [UInt8]) throws(Failure) -> String {
        var parser = Parser(bytes: bytes)
        let item = try parser.item(depth: 0)
        guard parser.offset == bytes.count else {
            throw Failure(description: "Remaining bytes (\(Hex.encode(bytes[parser.offset...])))")
        }
        var printer = Printer()
        printer.item(item)
        return printer.output
    }

    /// The argument width of a header, as `cbor-diag`'s `IntegerWidth`.
    enum Width: Equatable {
        case inline, one, two, four, eight

        var suffix: String {
            switch self {
            case .inline: return ""
            case .one: return "_0"
            case .two: return "_1"
            case .four: return "_2"
            case .eight: return "_3"
            }
        }
    }

    enum FloatWidth { case half, single, double }

    indirect enum Item {
        case unsigned(UInt64, Width)
        case negative(UInt64, Width)
        case bytes([UInt8])
        case indefiniteBytes([[UInt8]])
        case text(String)
        case indefiniteText([String])
        case array([Item], definite: Bool)
        case map([(Item, Item)], definite: Bool)
        case tag(UInt64, Width, Item)
        case float(Double, FloatWidth)
        case simple(UInt8)
    }
}

extension RustDiagnostic {
    /// A strict reader of the wire form that keeps each argument's width.
    struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func item(depth: Int) throws(Failure) -> Item {
            guard depth < RustDiagnostic.depthMax else { throw Failure(description: "nesting deeper than \(RustDiagnostic.depthMax)") }
            let initial = try byte()
            let major = initial >> 5, info = initial & 0x1f
            if major == 7 { return try simpleOrFloat(info) }
            if info == 31 { return try indefinite(major, depth: depth) }
            let (argument, width) = try self.argument(info)
            switch major {
            case 0: return .unsigned(argument, width)
            case 1: return .negative(argument, width)
            case 2: return .bytes(try take(argument))
            case 3: return .text(try text(argument))
            case 4:
                try requireRoom(argument)
                var items = [Item]()
                for _ in 0..<argument { items.append(try item(depth: depth + 1)) }
                return .array(items, definite: true)
            case 5:
                try requireRoom(argument, perItem: 2)
                var entries = [(Item, Item)]()
                for _ in 0..<argument { entries.append((try item(depth: depth + 1), try item(depth: depth + 1))) }
                return .map(entries, definite: true)
            default:
                return .tag(argument, width, try item(depth: depth + 1))
            }
        }

        private mutating func indefinite(_ major: UInt8, depth: Int) throws(Failure) -> Item {
            switch major {
            case 2, 3:
                var chunks = [[UInt8]]()
                while try !readBreak() {
                    let initial = try byte()
                    guard initial >> 5 == major, initial & 0x1f != 31 else { throw Failure(description: "bad chunk in an indefinite string at byte \(offset - 1)") }
                    let (count, _) = try argument(initial & 0x1f)
                    chunks.append(try take(count))
                }
                if major == 2 { return .indefiniteBytes(chunks) }
                var texts = [String]()
                for chunk in chunks {
                    guard let text = String(validating: chunk, as: UTF8.self) else { throw Failure(description: "text is not UTF-8") }
                    texts.append(text)
                }
                return .indefiniteText(texts)
            case 4:
                var items = [Item]()
                while try !readBreak() { items.append(try item(depth: depth + 1)) }
                return .array(items, definite: false)
            case 5:
                var entries = [(Item, Item)]()
                while try !readBreak() { entries.append((try item(depth: depth + 1), try item(depth: depth + 1))) }
                return .map(entries, definite: false)
            default:
                throw Failure(description: "indefinite length on major type \(major) at byte \(offset - 1)")
            }
        }

        private mutating func simpleOrFloat(_ info: UInt8) throws(Failure) -> Item {
            switch info {
            case 0..<24: return .simple(info)
            case 24: return .simple(try byte())
            case 25:
                let bits = UInt16(try take(2).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
                return .float(Double(Float16(bitPattern: bits)), .half)
            case 26:
                let bits = UInt32(try take(4).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
                return .float(Double(Float(bitPattern: bits)), .single)
            case 27:
                return .float(Double(bitPattern: try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }), .double)
            default:
                throw Failure(description: "unexpected simple/float byte at \(offset - 1)")
            }
        }

        private mutating func argument(_ info: UInt8) throws(Failure) -> (UInt64, Width) {
            switch info {
            case 0..<24: return (UInt64(info), .inline)
            case 24: return (try bigEndian(1), .one)
            case 25: return (try bigEndian(2), .two)
            case 26: return (try bigEndian(4), .four)
            case 27: return (try bigEndian(8), .eight)
            default: throw Failure(description: "reserved additional information \(info) at byte \(offset - 1)")
            }
        }

        private mutating func readBreak() throws(Failure) -> Bool {
            guard offset < bytes.count else { throw Failure(description: "missing break at the end") }
            if bytes[offset] == 0xff { offset += 1; return true }
            return false
        }

        private mutating func byte() throws(Failure) -> UInt8 {
            guard offset < bytes.count else { throw Failure(description: "unexpected end of input") }
            defer { offset += 1 }
            return bytes[offset]
        }

        private mutating func bigEndian(_ count: Int) throws(Failure) -> UInt64 {
            try take(UInt64(count)).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }

        private mutating func take(_ count: UInt64) throws(Failure) -> [UInt8] {
            guard count <= UInt64(bytes.count - offset) else { throw Failure(description: "unexpected end of input") }
            defer { offset += Int(count) }
            return Array(bytes[offset..<(offset + Int(count))])
        }

        private mutating func text(_ count: UInt64) throws(Failure) -> String {
            let raw = try take(count)
            guard let text = String(validating: raw, as: UTF8.self) else { throw Failure(description: "text is not UTF-8") }
            return text
        }

        /// Every element takes at least one byte: refuse counts the input cannot hold
        /// before allocating for them.
        private func requireRoom(_ count: UInt64, perItem: UInt64 = 1) throws(Failure) {
            guard count <= UInt64(bytes.count - offset) / perItem else { throw Failure(description: "unexpected end of input") }
        }
    }
}

extension RustDiagnostic {
    /// `Context` with `Layout::Pretty`.
    struct Printer {
        var output = ""
        var indent = 0
        var base64: Base64Style?

        enum Base64Style { case url, standard }

        mutating func item(_ item: Item) {
            switch item {
            case let .unsigned(value, width): output += "\(value)\(width.suffix)"
            case let .negative(value, width): output += "\(-1 - Int128(value))\(width.suffix)"
            case let .bytes(data): bytes(data)
            case let .indefiniteBytes(chunks):
                container("(", chunks, ")", definite: false, trivial: Self.isTrivial(item)) { $0.bytes($1) }
            case let .text(text): self.text(text)
            case let .indefiniteText(chunks):
                container("(", chunks, ")", definite: false, trivial: Self.isTrivial(item)) { $0.text($1) }
            case let .array(items, definite):
                container("[", items, "]", definite: definite, trivial: Self.isTrivial(item)) { $0.item($1) }
            case let .map(entries, definite):
                container("{", entries, "}", definite: definite, trivial: Self.isTrivial(item)) { printer, entry in
                    printer.item(entry.0)
                    printer.output += ": "
                    printer.item(entry.1)
                }
            case let .tag(tag, width, content): tagged(tag, width, content)
            case let .float(value, width): float(value, width)
            case let .simple(value):
                switch value {
                case 20: output += "false"
                case 21: output += "true"
                case 22: output += "null"
                case 23: output += "undefined"
                default: output += "simple(\(value))"
                }
            }
        }

        private mutating func container<T>(
            _ begin: String, _ elements: [T], _ end: String, definite: Bool, trivial: Bool,
            _ element: (inout Printer, T) -> Void
        ) {
            output += begin
            if !definite { output += trivial ? "_ " : "_" }
            if !trivial { indent += 4 }
            for (index, value) in elements.enumerated() {
                if index > 0 { output += "," }
                if !trivial { newLine() } else if index > 0 { output += " " }
                element(&self, value)
            }
            if !trivial {
                indent -= 4
                output += ","
                newLine()
            }
            output += end
        }

        private mutating func newLine() {
            output += "\n" + String(repeating: " ", count: indent)
        }

        private mutating func tagged(_ tag: UInt64, _ width: Width, _ content: Item) {
            output += "\(tag)\(width.suffix)("
            let saved = base64
            switch tag {
            case 21: base64 = .url
            case 22: base64 = .standard
            case 23: base64 = nil
            default: break
            }
            item(content)
            base64 = saved
            output += ")"
        }

        private mutating func bytes(_ data: [UInt8]) {
            switch base64 {
            case .url: output += "b64'\(Base64.encode(data, url: true))'"
            case .standard: output += "b64'\(Base64.encode(data, url: false))'"
            case nil: output += "h'\(Hex.encode(data))'"
            }
        }

        private mutating func text(_ text: String) {
            output += "\""
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { output += "\\" }
                output.unicodeScalars.append(character)
            }
            output += "\""
        }

        private mutating func float(_ value: Double, _ width: FloatWidth) {
            if value.isNaN {
                output += "NaN"
            } else if value.isInfinite {
                output += value < 0 ? "-Infinity" : "Infinity"
            } else {
                let digits = width == .double ? RustFloat.display(value) : RustFloat.display(Float(value))
                output += digits
                if !digits.contains(".") && !digits.contains("e") { output += ".0" }
            }
            switch width {
            case .half: output += "_1"
            case .single: output += "_2"
            case .double: output += "_3"
            }
        }

        /// `is_trivial`: the length estimate stays under 60.
        static func isTrivial(_ item: Item) -> Bool { estimate(item, max: 60) < 60 }

        /// `LengthEstimate::estimate`, which stops adding once it reaches `max`.
        static func estimate(_ item: Item, max: Int) -> Int {
            switch item {
            case let .unsigned(value, _): return String(value).utf8.count + 2
            case let .negative(value, _): return String(value).utf8.count + 3
            case let .float(value, _): return RustFloat.display(value).utf8.count + 3
            case let .simple(value): return String(value).utf8.count + 8
            case let .bytes(data): return data.count * 2 + 4
            case let .text(text): return text.utf8.count + 2
            case let .array(items, _): return sum(items, max: max) { estimate($0, max: $1) }
            case let .map(entries, _):
                return sum(entries, max: max) { entry, max in
                    var length = estimate(entry.0, max: max)
                    if length < max { length += estimate(entry.1, max: max - length) }
                    return length
                }
            case let .indefiniteBytes(chunks): return sum(chunks, max: max) { chunk, _ in chunk.count * 2 + 4 }
            case let .indefiniteText(chunks): return sum(chunks, max: max) { chunk, _ in chunk.utf8.count + 2 }
            case let .tag(tag, _, content):
                let length = String(tag).utf8.count + 2
                return length < max ? length + estimate(content, max: max - length) : length
            }
        }

        private static func sum<T>(_ elements: [T], max: Int, _ estimate: (T, Int) -> Int) -> Int {
            var length = 4
            for element in elements {
                length += estimate(element, Swift.max(0, max - length)) + 2
                if length >= max { return length }
            }
            return length
        }
    }
}
