/// An item of diagnostic notation laid out the way cbor-edn's pretty printer
/// does: on one line while that line stays narrower than 80 bytes counted from
/// the current indentation, otherwise broken with one element per line,
/// indented by four spaces.
///
/// A `comment` (cbor-edn's remarks such as `/ Value out of range… /`) goes in
/// the space after the item, which the parent owns: before the comma, or, for
/// the last element of a broken container, after the line break.
struct DiagnosticLayoutItem {
    /// A container's brackets: `open` on one line, `brokenOpen` before a line
    /// break, `empty` with no elements.
    struct Brackets {
        var open: String
        var brokenOpen: String
        var close: String
        var empty: String
    }

    indirect enum Body {
        case atom(String)
        /// Array elements or indefinite-string chunks.
        case list(Brackets, [DiagnosticLayoutItem])
        /// Map keys and values, alternating.
        case map(Brackets, [DiagnosticLayoutItem])
        /// `head` is the tag number and its parenthesis, such as `24(`.
        case tag(head: String, content: DiagnosticLayoutItem)
    }

    static let widthLimitBytes = 80
    static let indentStep = 4

    var body: Body
    var comment: String?
    /// UTF-8 bytes of the one-line form, without this item's own comment.
    let flatWidthBytes: Int

    init(_ body: Body, comment: String? = nil) {
        self.body = body
        self.comment = comment
        flatWidthBytes = Self.flatWidth(of: body)
    }

    static func atom(_ text: String) -> DiagnosticLayoutItem { DiagnosticLayoutItem(.atom(text)) }

    private var commentWidthBytes: Int { comment?.utf8.count ?? 0 }

    private static func flatWidth(of body: Body) -> Int {
        switch body {
        case let .atom(text):
            return text.utf8.count
        case let .list(brackets, elements), let .map(brackets, elements):
            if elements.isEmpty { return brackets.empty.utf8.count }
            var width = brackets.open.utf8.count + brackets.close.utf8.count
            for element in elements { width += element.flatWidthBytes + element.commentWidthBytes + 2 }
            return width - 2  // `, ` and `: ` both take two bytes; there is one fewer than elements
        case let .tag(head, content):
            return head.utf8.count + content.flatWidthBytes + content.commentWidthBytes + 1
        }
    }

    /// The whole text, with the top-level comment after the item.
    func rendered() -> String {
        var out = ""
        render(indent: 0, into: &out)
        return out + (comment ?? "")
    }

    private func render(indent: Int, into out: inout String) {
        guard flatWidthBytes + indent >= Self.widthLimitBytes else { return renderFlat(into: &out) }
        let inner = indent + Self.indentStep
        switch body {
        case .atom:
            renderFlat(into: &out)
        case let .list(brackets, elements), let .map(brackets, elements):
            guard !elements.isEmpty else { return renderFlat(into: &out) }
            let isMap = if case .map = body { true } else { false }
            out += brackets.brokenOpen + "\n"
            var index = 0
            while index < elements.count {
                out += String(repeating: " ", count: inner)
                if isMap {
                    elements[index].render(indent: inner, into: &out)
                    out += (elements[index].comment ?? "") + ":"
                    index += 1
                }
                elements[index].render(indent: inner, into: &out)
                let isLast = index == elements.count - 1
                out += isLast ? "\n" + String(repeating: " ", count: indent) : ""
                out += (elements[index].comment ?? "") + (isLast ? "" : ",\n")
                index += 1
            }
            out += brackets.close
        case let .tag(head, content):
            out += head
            content.render(indent: inner, into: &out)
            out += "\n" + String(repeating: " ", count: inner) + (content.comment ?? "") + ")"
        }
    }

    private func renderFlat(into out: inout String) {
        switch body {
        case let .atom(text):
            out += text
        case let .list(brackets, elements), let .map(brackets, elements):
            guard !elements.isEmpty else { out += brackets.empty; return }
            let isMap = if case .map = body { true } else { false }
            out += brackets.open
            for (index, element) in elements.enumerated() {
                if index > 0 { out += isMap && index % 2 == 1 ? ": " : ", " }
                element.renderFlat(into: &out)
                out += element.comment ?? ""
            }
            out += brackets.close
        case let .tag(head, content):
            out += head
            content.renderFlat(into: &out)
            out += (content.comment ?? "") + ")"
        }
    }
}
