/// Lines of generated source with four-space indentation.
struct CodeWriter {
    private(set) var text = ""
    private var indent = ""

    mutating func line(_ line: String = "") {
        text += line.isEmpty ? "\n" : indent + line + "\n"
    }

    /// `header {`, the body one level in, `}`.
    mutating func block(_ header: String, _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        indent += "    "
        body(&self)
        indent.removeLast(4)
        line("}")
    }

    /// `header {`, the body at the same level (a `switch`'s cases, in Swift style), `}`.
    mutating func switchBlock(_ header: String, _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        body(&self)
        line("}")
    }
}
