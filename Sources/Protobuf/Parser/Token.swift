/// One token of `.proto` source, with where it starts.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier
        case integer
        case float
        /// A quoted string; ``Token/bytes`` holds it with escapes resolved.
        case string
        /// One punctuation character.
        case symbol
        case end
    }

    var kind: Kind
    /// The token as written (for strings, with the quotes).
    var text: String
    var position: SourcePosition
    /// Column just past the token's last character.
    var endColumn: Int
    /// Byte offsets of the token in its source, for finding the comments between tokens.
    var startOffset: Int
    var endOffset: Int
    /// A string token's bytes after escapes.
    var bytes: [UInt8] = []

    /// How an error message names this token.
    var quoted: String {
        kind == .end ? "end of input" : "\"\(text)\""
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
    func isIdentifier(_ word: String) -> Bool { kind == .identifier && text == word }
}
