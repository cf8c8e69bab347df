/// A MANY error (many-rs `many-error`): a code, an optional message template and string
/// arguments that fill its `{field}` placeholders.
///
/// Codes -1…-999 are generic and transport errors, -1000… request errors, -2000… server
/// errors, -10000 × attribute − n attribute errors, and positive codes are the
/// application's. ``description`` renders like many-rs's `Display`:
///
/// ```swift
/// let error = ManyError.unknownDestination(to: "mahek…", this: "maffb…")
/// error.code           // -1003
/// error.description    // "Unknown destination for message.\nThis is \"maffb…\", message was for \"mahek…\"."
/// ```
public struct ManyError: Error, Sendable, Hashable {
    /// The error code.
    public var code: Int64
    /// The message template; nil means the standard template of ``code`` (if any).
    public var message: String?
    /// Values for the template's `{field}` placeholders.
    public var arguments: [String: String]

    public init(code: Int64, message: String? = nil, arguments: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.arguments = arguments
    }

    /// The argument named `field`.
    public func argument(_ field: String) -> String? { arguments[field] }

    /// Whether the code is an attribute's (-10000 and below).
    public var isAttributeSpecific: Bool { code <= -10000 }
    /// Whether the code is the application's (0 and above).
    public var isApplicationSpecific: Bool { code >= 0 }
}

extension ManyError: CustomStringConvertible {
    /// The message with its placeholders replaced; without a message, `Error '‹code›'`
    /// where the code is shown as its standard template (then rendered) or its number.
    public var description: String {
        let template = message ?? "Error '\(Self.standardTemplate(for: code) ?? String(code))'"
        return Self.render(template, arguments)
    }

    /// many-rs's rendering (regex `\{\{|\}\}|\{[^\}\s]*\}`, leftmost first): `{{` → `{`,
    /// `}}` → `}`, `{name}` → the argument or nothing, where a name holds no `}` and no
    /// whitespace; everything else is copied.
    static func render(_ template: String, _ arguments: [String: String]) -> String {
        let characters = Array(template)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if (character == "{" && next == "{") || (character == "}" && next == "}") {
                output.append(character)
                index += 2
            } else if character == "{", let close = placeholderEnd(characters, from: index + 1) {
                output += arguments[String(characters[(index + 1)..<close])] ?? ""
                index = close + 1
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The index of the `}` closing a placeholder whose name starts at `start`, if any.
    private static func placeholderEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            let character = characters[index]
            if character == "}" { return index }
            if character.isWhitespace { return nil }
            index += 1
        }
        return nil
    }
}
