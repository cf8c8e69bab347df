/// Splits the whitespace and comments between two tokens into the comments protoc keeps
/// in `SourceCodeInfo`, following its tokenizer's `NextWithComments`: a comment on the
/// previous token's line (or right below it, before a blank line) trails that token;
/// comments directly above the next token lead it; the rest are detached. Line comments
/// on consecutive lines merge into one; block comments lose their `/*`, `*/` and the
/// leading `*` of each continuation line.
struct CommentScanner {
    struct Comments: Equatable {
        var trailing = ""
        var detached: [String] = []
        var leading = ""
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private var buffer = ""
    private var hasComment = false
    private var isLineComment = false
    private var canAttachToPrevious = true
    private var result = Comments()

    private init(_ gap: ArraySlice<UInt8>) {
        bytes = gap
        index = gap.startIndex
    }

    /// The comments in `gap`, the bytes between a declaration's last token and the next
    /// token (`nextText`, empty at the end of input). `atStart` is true for the gap before a file's first token.
    static func comments(in gap: ArraySlice<UInt8>, atStart: Bool, nextText: String, nextIsEnd: Bool) -> Comments {
        var scanner = CommentScanner(gap)
        return scanner.scan(atStart: atStart, nextText: nextText, nextIsEnd: nextIsEnd)
    }

    private var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func tryConsume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpacesOnLine() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0b || byte == 0x0c { index += 1 }
    }

    private enum CommentStart { case line, block, none }

    private mutating func commentStart() -> CommentStart {
        guard current == UInt8(ascii: "/"), index + 1 < bytes.endIndex else { return .none }
        if bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            return .line
        }
        if bytes[index + 1] == UInt8(ascii: "*") {
            index += 2
            return .block
        }
        return .none
    }

    private mutating func scan(atStart: Bool, nextText: String, nextIsEnd: Bool) -> Comments {
        if atStart {
            canAttachToPrevious = false
        } else {
            skipSpacesOnLine()
            switch commentStart() {
            case .line:
                readLineComment()
                flush()
            case .block:
                readBlockComment()
                skipSpacesOnLine()
                if !tryConsume(0x0a) {
                    // The next token is on the same line: nobody can tell whom the comment is for.
                    buffer = ""
                    hasComment = false
                    return finish()
                }
                flush()
            case .none:
                if !tryConsume(0x0a) { return finish() }
            }
        }
        while true {
            skipSpacesOnLine()
            switch commentStart() {
            case .line:
                readLineComment()
            case .block:
                readBlockComment()
                skipSpacesOnLine()
                _ = tryConsume(0x0a)
            case .none:
                if tryConsume(0x0a) {
                    flush()
                    canAttachToPrevious = false
                } else {
                    if nextIsEnd || nextText == "}" || nextText == "]" || nextText == ")" { flush() }
                    return finish()
                }
            }
        }
    }

    private mutating func finish() -> Comments {
        if hasComment { result.leading = buffer }
        return result
    }

    private mutating func flush() {
        guard hasComment else { return }
        if canAttachToPrevious {
            result.trailing += buffer
            canAttachToPrevious = false
        } else {
            result.detached.append(buffer)
        }
        buffer = ""
        hasComment = false
    }

    private mutating func readLineComment() {
        if hasComment && !isLineComment { flush() }
        hasComment = true
        isLineComment = true
        let start = index
        while let byte = current, byte != 0x0a { index += 1 }
        _ = tryConsume(0x0a)
        buffer += String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func readBlockComment() {
        if hasComment { flush() }
        hasComment = true
        isLineComment = false
        var recordStart = index
        while true {
            while let byte = current, byte != UInt8(ascii: "*"), byte != UInt8(ascii: "/"), byte != 0x0a { index += 1 }
            if tryConsume(0x0a) {
                buffer += String(decoding: bytes[recordStart..<index], as: UTF8.self)
                skipSpacesOnLine()
                if tryConsume(UInt8(ascii: "*")) && tryConsume(UInt8(ascii: "/")) { return }
                recordStart = index
            } else if tryConsume(UInt8(ascii: "*")) && tryConsume(UInt8(ascii: "/")) {
                buffer += String(decoding: bytes[recordStart..<(index - 2)], as: UTF8.self)
                return
            } else if tryConsume(UInt8(ascii: "/")) {
                continue
            } else if current == nil {
                buffer += String(decoding: bytes[recordStart..<index], as: UTF8.self)
                return
            }
        }
    }
}
