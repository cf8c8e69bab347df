/// A cursor over the UTF-8 bytes of diagnostic notation that skips blank
/// space and comments and turns byte offsets into line and column.
struct DiagnosticScanner {
    let bytes: [UInt8]
    /// Offset of the next byte to read.
    var offset = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte `ahead` positions after the cursor, if any.
    func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes the ASCII `word` if it comes next.
    mutating func consume(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { bytes[offset..<(offset + count)].elementsEqual($0) }
        if matches { offset += count }
        return matches
    }

    /// Skips blanks, `/ … /` comments and `# …` line comments.
    mutating func skipSpace() throws(DiagnosticError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09, 0x0a, 0x0d:
                offset += 1
            case UInt8(ascii: "#"):
                while let next = peek(), next != 0x0a { offset += 1 }
            case UInt8(ascii: "/"):
                let start = offset
                offset += 1
                while let next = peek(), next != UInt8(ascii: "/") { offset += 1 }
                guard consume(UInt8(ascii: "/")) else { throw .unterminatedComment(line: line(at: start), column: column(at: start)) }
            default:
                return
            }
        }
    }

    /// Skips blank space and comments, then consumes `byte` or throws what was expected.
    mutating func expect(_ byte: UInt8, _ expected: String) throws(DiagnosticError) {
        try skipSpace()
        guard consume(byte) else { throw unexpected(expected) }
    }

    // MARK: Positions and errors

    /// 1-based line of the byte at `position`.
    func line(at position: Int) -> Int {
        1 + bytes[..<min(position, bytes.count)].lazy.filter { $0 == 0x0a }.count
    }

    /// 1-based column, in Unicode scalars, of the byte at `position`.
    func column(at position: Int) -> Int {
        let end = min(position, bytes.count)
        let lineStart = bytes[..<end].lastIndex(of: 0x0a).map { $0 + 1 } ?? 0
        // Count lead bytes only, so a multi-byte scalar is one column.
        return 1 + bytes[lineStart..<end].lazy.filter { $0 & 0xc0 != 0x80 }.count
    }

    /// What sits at `position`, for error messages: one character, or "end of input".
    func found(at position: Int) -> String {
        guard position < bytes.count else { return "end of input" }
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xc0 == 0x80 { end += 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    /// An ``DiagnosticError/unexpected(found:expected:line:column:)`` at `position` (default: the cursor).
    func unexpected(_ expected: String, at position: Int? = nil) -> DiagnosticError {
        let at = position ?? offset
        return .unexpected(found: found(at: at), expected: expected, line: line(at: at), column: column(at: at))
    }

    /// Builds a positioned error from one of the `(line:column:)` cases.
    func error(_ make: (Int, Int) -> DiagnosticError, at position: Int) -> DiagnosticError {
        make(line(at: position), column(at: position))
    }
}
