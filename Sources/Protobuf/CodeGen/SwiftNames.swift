/// How generated Swift spells proto names: types with their package (`Corpus_P3_V1_Everything`),
/// properties and cases in lowerCamel, Swift keywords escaped.
enum SwiftNames {
    /// `corpus.p3.v1` → `Corpus_P3_V1_`, each component's words capitalized; empty for no package.
    static func packagePrefix(_ package: String?) -> String {
        guard let package, !package.isEmpty else { return "" }
        return package.split(separator: ".").map { upperCamel(String($0)) }.joined(separator: "_") + "_"
    }

    /// The namespace holding a file's embedded descriptor: `google/protobuf/any.proto` →
    /// `Google_Protobuf_Any_ProtoFile`, each path part's words capitalized.
    static func fileNamespace(_ fileName: String) -> String {
        let stem = fileName.hasSuffix(".proto") ? String(fileName.dropLast(6)) : fileName
        let parts = stem.split { !($0.isLetter || $0.isNumber || $0 == "_") || $0 == "/" }.map { upperCamel(String($0)) }
        let name = parts.joined(separator: "_") + "_ProtoFile"
        return name.first?.isNumber == true ? "_" + name : name
    }

    /// A nested type's name, kept clear of names Swift gives a meaning to inside a type.
    static func typeName(_ protoName: String) -> String {
        ["Type", "Protocol", "Self"].contains(protoName) ? protoName + "Message" : protoName
    }

    /// `a_double` → `aDouble`, `CamelCase` → `camelCase`, `_leading` → `leading`.
    static func lowerCamel(_ name: String) -> String {
        let words = name.split(separator: "_").map(String.init)
        guard let first = words.first else { return "_" }
        let head = first.prefix(1).lowercased() + first.dropFirst()
        return head + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `my_oneof` → `MyOneof`.
    static func upperCamel(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// An enum value's case: the enum's `SCREAMING_` prefix dropped when present, then lowerCamel
    /// of the lower-cased words (`KIND_UNSPECIFIED` in `Kind` → `unspecified`).
    static func enumCase(_ value: String, enumName: String) -> String {
        let prefix = screamingSnake(enumName) + "_"
        var name = value
        if value.hasPrefix(prefix), let next = value.dropFirst(prefix.count).first, next.isLetter {
            name = String(value.dropFirst(prefix.count))
        }
        let words = name.lowercased().split(separator: "_").map(String.init)
        guard let first = words.first else { return "_" }
        let camel = first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return camel.first?.isNumber == true ? "_" + camel : camel
    }

    /// `TopEnum` → `TOP_ENUM`.
    static func screamingSnake(_ name: String) -> String {
        var result = ""
        for (index, character) in name.enumerated() {
            if index > 0 && character.isUppercase { result += "_" }
            result += character.uppercased()
        }
        return result
    }

    /// The name as an identifier: keywords in backticks.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "await", "async", "some", "any", "Type",
        "Protocol",
    ]

    /// A Swift string literal holding `text`.
    static func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
