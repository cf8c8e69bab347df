extension DiagnosticParser {
    /// One string literal or several joined by juxtaposition or `+`
    /// (RFC 8610 G.4): the first literal decides text or bytes; joined text
    /// must be valid UTF-8. `''_` and `""_` are empty indefinite-length strings.
    mutating func parseStrings() throws(DiagnosticError) -> CBOR {
        let start = scanner.offset
        let (isText, first) = try parseStringLiteral()
        if scanner.peek() == UInt8(ascii: "_") {
            // A bare `_` (parseStringLiteral took `_0`…): only an empty literal may carry it.
            guard first.isEmpty else { throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: scanner.offset) }
            scanner.offset += 1
            return isText ? .indefiniteText([]) : .indefiniteBytes([])
        }
        var content = first
        while true {
            let save = scanner.offset
            try scanner.skipSpace()
            if scanner.consume(UInt8(ascii: "+")) {
                try scanner.skipSpace()
                guard startsStringLiteral() else { throw scanner.unexpected("string literal") }
            } else if !startsStringLiteral() {
                scanner.offset = save
                break
            }
            content += try parseStringLiteral().bytes
        }
        guard isText else { return .bytes(content) }
        guard let text = String(validating: content, as: UTF8.self) else {
            throw scanner.error(DiagnosticError.invalidUTF8, at: start)
        }
        return .text(text)
    }

    /// Whether a string literal starts at the cursor: a quote, or a prefix such as `h` before `'`.
    func startsStringLiteral() -> Bool {
        guard let byte = scanner.peek() else { return false }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return true }
        var ahead = 0
        while let next = scanner.peek(ahead), Self.isWordByte(next) { ahead += 1 }
        return ahead > 0 && scanner.peek(ahead) == UInt8(ascii: "'")
    }

    /// `(_ chunk, chunk…)`: an indefinite-length string of one or more chunks of the same kind.
    mutating func parseChunks() throws(DiagnosticError) -> CBOR {
        scanner.offset += 1
        guard scanner.consume(UInt8(ascii: "_")) else { throw scanner.unexpected("'_' of an indefinite-length string") }
        var byteChunks: [[UInt8]] = []
        var textChunks: [String] = []
        var isText: Bool?
        repeat {
            try scanner.skipSpace()
            let chunkStart = scanner.offset
            let expected = isText.map { $0 ? "text string chunk" : "byte string chunk" } ?? "string chunk"
            guard startsStringLiteral() else { throw scanner.unexpected(expected) }
            switch try parseStrings() {
            case let .bytes(bytes) where isText != true:
                byteChunks.append(bytes)
                isText = false
            case let .text(text) where isText != false:
                textChunks.append(text)
                isText = true
            default:
                throw scanner.unexpected(expected, at: chunkStart)
            }
        } while try !closesChunks()
        return isText == true ? .indefiniteText(textChunks) : .indefiniteBytes(byteChunks)
    }

    private mutating func closesChunks() throws(DiagnosticError) -> Bool {
        try scanner.skipSpace()
        if scanner.consume(UInt8(ascii: ")")) { return true }
        guard scanner.consume(UInt8(ascii: ",")) else { throw scanner.unexpected("',' or ')'") }
        try scanner.skipSpace()
        return scanner.consume(UInt8(ascii: ")"))
    }

    /// One literal: `"text"`, `'bytes'`, `h'hex'` or `b64'base64'`, with an
    /// optional length indicator (checked, not kept).
    private mutating func parseStringLiteral() throws(DiagnosticError) -> (isText: Bool, bytes: [UInt8]) {
        let start = scanner.offset
        var result: (isText: Bool, bytes: [UInt8])
        switch scanner.peek() {
        case UInt8(ascii: "\""): result = (true, try parseQuoted())
        case UInt8(ascii: "'"): result = (false, try parseQuoted())
        default:
            while let byte = scanner.peek(), Self.isWordByte(byte) { scanner.offset += 1 }
            let prefix = String(decoding: scanner.bytes[start..<scanner.offset], as: UTF8.self)
            switch prefix {
            case "h": result = (false, try parseHex(literalStart: start))
            case "b64": result = (false, try parseBase64(literalStart: start))
            default:
                throw scanner.error({ .unsupportedLiteral(prefix: prefix, line: $0, column: $1) }, at: start)
            }
        }
        if scanner.peek() == UInt8(ascii: "_"), scanner.peek(1).map(Self.isWordByte) == true {
            let indicator = try optionalIndicator()
            try check(indicator, admits: UInt64(result.bytes.count))
        }
        return result
    }
}
