/// Recursive-descent parser from tokens to a ``ProtoFileSyntax``, following protoc's
/// grammar for proto2 and proto3 (`syntax`, `package`, `import`, `option`, `message`,
/// `enum`, `service`, `extend`).
struct Parser {
    let file: String
    let source: [UInt8]
    private let tokens: [Token]
    private var index = 0
    var syntax: ProtoFileSyntax.Syntax = .proto2
    /// Source locations recorded so far, in protoc's order.
    var locations: [LocationRecord] = []
    /// Comments read after the last declaration, waiting for the next one to end.
    var upcomingDocComments = ""
    var upcomingDetachedComments: [String] = []

    init(tokens: [Token], source: [UInt8], file: String) {
        self.tokens = tokens
        self.source = source
        self.file = file
    }

    /// Parses `source` as the file named `name`.
    static func parse(_ source: [UInt8], name: String) throws(ProtoError) -> ProtoFileSyntax {
        var parser = Parser(tokens: try Tokenizer.tokenize(source, file: name), source: source, file: name)
        return try parser.parseFile()
    }

    /// The last token consumed.
    var previousToken: Token { tokens[max(index - 1, 0)] }

    // MARK: Token helpers

    var current: Token { tokens[index] }

    /// The token `count` places after the current one (the end token past the last).
    func tokensAhead(_ count: Int) -> Token {
        tokens[min(index + count, tokens.count - 1)]
    }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func error(_ reason: ProtoError.Reason, at position: SourcePosition? = nil) -> ProtoError {
        ProtoError(file, position ?? current.position, reason)
    }

    func expected(_ what: String) -> ProtoError {
        error(.expected(what, found: current.quoted))
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectSymbol(_ symbol: String) throws(ProtoError) {
        guard consumeSymbol(symbol) else { throw expected("\"\(symbol)\"") }
    }

    mutating func consumeKeyword(_ word: String) -> Bool {
        guard current.isIdentifier(word) else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ word: String) throws(ProtoError) {
        guard consumeKeyword(word) else { throw expected("\"\(word)\"") }
    }

    mutating func expectIdentifier(_ what: String) throws(ProtoError) -> String {
        guard current.kind == .identifier else { throw expected(what) }
        defer { advance() }
        return current.text
    }

    /// One or more adjacent string literals, concatenated.
    mutating func expectString(_ what: String) throws(ProtoError) -> [UInt8] {
        guard current.kind == .string else { throw expected(what) }
        var bytes: [UInt8] = []
        while current.kind == .string {
            bytes += current.bytes
            advance()
        }
        return bytes
    }

    mutating func expectInteger(_ what: String) throws(ProtoError) -> UInt64 {
        guard current.kind == .integer else { throw expected(what) }
        guard let value = Parser.integerValue(current.text) else { throw error(.integerOutOfRange(current.text)) }
        advance()
        return value
    }

    /// An integer, optionally negative, within `-2^31...2^31-1` (enum values, field numbers, ranges).
    mutating func expectInt32(_ what: String, allowNegative: Bool) throws(ProtoError) -> Int64 {
        let position = current.position
        let negative = allowNegative && consumeSymbol("-")
        let magnitude = try expectInteger(what)
        let limit: UInt64 = negative ? 1 << 31 : (1 << 31) - 1
        guard magnitude <= limit else { throw error(.integerOutOfRange("\(negative ? "-" : "")\(magnitude)"), at: position) }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The value of an integer token: decimal, `0x` hex or leading-zero octal; nil past 2^64 - 1.
    static func integerValue(_ text: String) -> UInt64? {
        let utf8 = Array(text.utf8)
        var radix: UInt64 = 10
        var digits = utf8[...]
        if utf8.count > 1 && utf8[0] == UInt8(ascii: "0") && (utf8[1] | 0x20) == UInt8(ascii: "x") {
            radix = 16
            digits = utf8[2...]
        } else if utf8.count > 1 && utf8[0] == UInt8(ascii: "0") {
            radix = 8
            digits = utf8[1...]
        }
        var value: UInt64 = 0
        for digit in digits {
            guard let nibble = digit.hexValue else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = product.addingReportingOverflow(UInt64(nibble))
            guard !overflow && !carry else { return nil }
            value = sum
        }
        return value
    }

    /// A dotted name: `ident(.ident)*`, with a leading dot when `allowLeadingDot`.
    mutating func expectDottedName(_ what: String, allowLeadingDot: Bool) throws(ProtoError) -> String {
        var name = ""
        if allowLeadingDot && consumeSymbol(".") { name = "." }
        name += try expectIdentifier(what)
        while consumeSymbol(".") {
            name += "." + (try expectIdentifier("identifier after \".\""))
        }
        return name
    }

    // MARK: File

    mutating func parseFile() throws(ProtoError) -> ProtoFileSyntax {
        var result = ProtoFileSyntax(name: file)
        readCommentsBeforeFirstToken()
        let root = openLocation([])
        if current.isIdentifier("syntax") {
            let location = openLocation([12])
            advance()
            try expectSymbol("=")
            let position = current.position
            let value = String(decoding: try expectString("syntax identifier"), as: UTF8.self)
            try expectEndOfDeclaration(";", location: location)
            closeLocation(location)
            switch value {
            case "proto2": syntax = .proto2
            case "proto3": syntax = .proto3
            default: throw error(.invalid("unrecognized syntax identifier \"\(value)\"; this parser recognizes \"proto2\" and \"proto3\""), at: position)
            }
        }
        result.syntax = syntax
        while current.kind != .end {
            try parseTopLevelStatement(into: &result)
        }
        closeLocation(root)
        result.locations = locations
        return result
    }

    private mutating func parseTopLevelStatement(into result: inout ProtoFileSyntax) throws(ProtoError) {
        if consumeEndOfDeclaration(";", location: nil) { return }
        let position = current.position
        if current.isIdentifier("package") {
            guard result.package == nil else { throw error(.invalid("multiple package definitions"), at: position) }
            let location = openLocation([2])
            advance()
            result.packagePosition = current.position
            result.package = try expectDottedName("package name", allowLeadingDot: false)
            try expectEndOfDeclaration(";", location: location)
            closeLocation(location)
        } else if current.isIdentifier("import") {
            try parseImport(into: &result)
        } else if current.isIdentifier("option") {
            let location = openLocation([8])
            result.options.append(try parseOptionStatement(path: [8], index: result.options.count))
            closeLocation(location)
        } else if current.isIdentifier("message") {
            let location = openLocation([4, Int32(result.scope.messages.count)])
            try parseMessage(into: &result.scope, location: location)
            closeLocation(location)
        } else if current.isIdentifier("enum") {
            let location = openLocation([5, Int32(result.scope.enums.count)])
            result.scope.enums.append(try parseEnum(location: location))
            closeLocation(location)
        } else if current.isIdentifier("service") {
            let location = openLocation([6, Int32(result.services.count)])
            result.services.append(try parseService(location: location))
            closeLocation(location)
        } else if current.isIdentifier("extend") {
            let location = openLocation([7])
            try parseExtend(into: &result.scope, scopePath: [], nestedTypeField: 4, location: location)
            closeLocation(location)
        } else {
            throw expected("top-level statement (e.g. \"message\")")
        }
    }

    private mutating func parseImport(into result: inout ProtoFileSyntax) throws(ProtoError) {
        let position = current.position
        let location = openLocation([3, Int32(result.imports.count)])
        advance()
        var kind = ProtoFileSyntax.Import.Kind.normal
        if current.isIdentifier("public") {
            let count = result.imports.filter { $0.kind == .public }.count
            let publicLocation = openLocation([10, Int32(count)])
            advance()
            closeLocation(publicLocation)
            kind = .public
        } else if current.isIdentifier("weak") {
            let count = result.imports.filter { $0.kind == .weak }.count
            let weakLocation = openLocation([11, Int32(count)])
            advance()
            closeLocation(weakLocation)
            kind = .weak
        }
        let path = String(decoding: try expectString("a string naming the file to import"), as: UTF8.self)
        try expectEndOfDeclaration(";", location: location)
        closeLocation(location)
        guard !result.imports.contains(where: { $0.path == path }) else {
            throw error(.invalid("import \"\(path)\" was listed twice"), at: position)
        }
        result.imports.append(.init(path: path, kind: kind, position: position))
    }
}
