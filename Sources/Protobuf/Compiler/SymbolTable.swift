/// Every name the compiled files define, fully qualified, and protoc's rules for finding
/// one from inside a scope.
struct SymbolTable {
    enum Kind: Equatable {
        case package, message, `enum`, service, field, oneof, method
        /// An enum value; `enumName` is its enum's full name (the value itself sits beside the enum).
        case enumValue(enumName: String)
        /// An extension field; its extendee is found in the compiled descriptor.
        case `extension`

        var isType: Bool { self == .message || self == .enum }
        var isAggregate: Bool { self == .package || self == .message || self == .enum || self == .service }

        var noun: String {
            switch self {
            case .package: return "a package"
            case .message: return "a message type"
            case .enum: return "an enum type"
            case .service: return "a service"
            case .field: return "a field"
            case .oneof: return "a oneof"
            case .method: return "a method"
            case .enumValue: return "an enum value"
            case .extension: return "an extension"
            }
        }
    }

    struct Symbol {
        var kind: Kind
        var file: String
    }

    private var symbols: [String: Symbol] = [:]
    /// Files that declare each package, for package visibility.
    private var packageFiles: [String: Set<String>] = [:]

    subscript(fullName: String) -> Symbol? { symbols[fullName] }

    /// Adds `fullName`; a package may be declared by many files, anything else only once.
    mutating func add(_ fullName: String, _ kind: Kind, file: String, position: SourcePosition) throws(ProtoError) {
        if let existing = symbols[fullName] {
            if kind == .package && existing.kind == .package {
                packageFiles[fullName, default: []].insert(file)
                return
            }
            let previous = existing.file == file ? "this file" : "\"\(existing.file)\""
            throw ProtoError(file, position, .duplicateSymbol(fullName, previous: previous))
        }
        symbols[fullName] = Symbol(kind: kind, file: file)
        if kind == .package { packageFiles[fullName, default: []].insert(file) }
    }

    /// The symbol named `fullName` if a file in `visible` defines it.
    func find(_ fullName: String, visible: Set<String>) -> Symbol? {
        guard let symbol = symbols[fullName] else { return nil }
        if symbol.kind == .package {
            return packageFiles[fullName, default: []].isDisjoint(with: visible) ? nil : symbol
        }
        return visible.contains(symbol.file) ? symbol : nil
    }

    /// protoc's `LookupSymbol`: a leading dot means fully qualified; otherwise try each
    /// enclosing scope of `relativeTo` from the innermost out. For a dotted name only its
    /// first part is searched that way, and the rest must then be found inside it.
    func lookup(_ name: String, relativeTo scope: String, visible: Set<String>, typesOnly: Bool) -> (String, Symbol)? {
        if name.hasPrefix(".") {
            let fullName = String(name.dropFirst())
            return find(fullName, visible: visible).map { (fullName, $0) }
        }
        let firstPart = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        var scopeToTry = scope
        while true {
            guard let dot = scopeToTry.lastIndex(of: ".") else {
                return find(name, visible: visible).map { (name, $0) }
            }
            scopeToTry = String(scopeToTry[..<dot])
            let candidate = scopeToTry + "." + firstPart
            if let found = find(candidate, visible: visible) {
                if firstPart.count < name.count {
                    if found.kind.isAggregate {
                        let fullName = scopeToTry + "." + name
                        return find(fullName, visible: visible).map { (fullName, $0) }
                    }
                } else if !typesOnly || found.kind.isType {
                    return (candidate, found)
                }
            }
        }
    }

    /// Where a name is defined but not visible from here, for the error message.
    func definingFile(_ fullName: String) -> String? {
        symbols[fullName]?.file
    }
}
