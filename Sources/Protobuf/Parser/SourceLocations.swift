/// `SourceCodeInfo.Location` entries as the parser records them, in protoc's order: one
/// per element (and per part of an element: name, number, type, ...), opened at its
/// first token and closed at its last, with the comments around its declaration.
struct LocationRecord: Sendable {
    var path: [Int32]
    /// `[startLine, startColumn, endLine, endColumn]`, the end line left out when it is the start line.
    var span: [Int32]
    var leadingComments = ""
    var trailingComments = ""
    var detachedComments: [String] = []
    var isClosed = false
}

extension Parser {
    /// Opens a location for `path` at the current token (or `position`), returning its id.
    mutating func openLocation(_ path: [Int32], at position: SourcePosition? = nil) -> Int {
        let start = position ?? current.position
        locations.append(LocationRecord(path: path, span: [Int32(start.line), Int32(start.column)]))
        return locations.count - 1
    }

    /// Closes location `id` at the end of `token`, or of the last token consumed.
    mutating func closeLocation(_ id: Int, at token: Token? = nil) {
        guard !locations[id].isClosed else { return }
        let end = token ?? previousToken
        if Int32(end.position.line) != locations[id].span[0] { locations[id].span.append(Int32(end.position.line)) }
        locations[id].span.append(Int32(end.endColumn))
        locations[id].isClosed = true
    }

    /// Consumes `symbol` ending a declaration and files the comments around it, as protoc's
    /// `TryConsumeEndOfDeclaration`: the comments before the declaration lead it, the one
    /// after `symbol` trails it, and the comments before the next token wait for its end.
    mutating func consumeEndOfDeclaration(_ symbol: String, location: Int?) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        let comments = commentsAfterCurrent()
        advance()
        let leading = upcomingDocComments
        upcomingDocComments = comments.leading
        if let location {
            let detached = upcomingDetachedComments
            upcomingDetachedComments = comments.detached
            locations[location].leadingComments = leading
            locations[location].trailingComments = comments.trailing
            locations[location].detachedComments = detached
        } else if symbol == "}" {
            upcomingDetachedComments = comments.detached
        } else {
            upcomingDetachedComments += comments.detached
        }
        return true
    }

    mutating func expectEndOfDeclaration(_ symbol: String, location: Int?) throws(ProtoError) {
        guard consumeEndOfDeclaration(symbol, location: location) else { throw expected("\"\(symbol)\"") }
    }

    /// The comments between the current token and the next one.
    func commentsAfterCurrent() -> CommentScanner.Comments {
        let next = tokensAhead(1)
        return CommentScanner.comments(
            in: source[current.endOffset..<next.startOffset], atStart: false, nextText: next.text, nextIsEnd: next.kind == .end)
    }

    /// The comments before the file's first token, which wait for the first declaration.
    mutating func readCommentsBeforeFirstToken() {
        let comments = CommentScanner.comments(
            in: source[0..<current.startOffset], atStart: true, nextText: current.text, nextIsEnd: current.kind == .end)
        upcomingDetachedComments = comments.detached
        upcomingDocComments = comments.leading
    }
}
