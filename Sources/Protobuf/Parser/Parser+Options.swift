extension Parser {
    /// `option name = value;`, the `index`th option of the element whose options sit at `path`.
    mutating func parseOptionStatement(path: [Int32], index: Int) throws(ProtoError) -> OptionSyntax {
        let location = openLocation(path + [999, Int32(index)])
        try expectKeyword("option")
        var option = try parseOptionAssignment()
        option.sourcePath = path + [999, Int32(index)]
        try expectEndOfDeclaration(";", location: location)
        closeLocation(location)
        return option
    }

    /// `name = value`, as in an option statement or inside `[...]`.
    mutating func parseOptionAssignment() throws(ProtoError) -> OptionSyntax {
        let position = current.position
        let name = try parseOptionName()
        try expectSymbol("=")
        let valuePosition = current.position
        let value = try parseOptionValue(allowNegativeIdentifier: false)
        return OptionSyntax(name: name, value: value, position: position, valuePosition: valuePosition, sourcePath: [])
    }

    mutating func parseOptionName() throws(ProtoError) -> [OptionSyntax.NamePart] {
        var parts: [OptionSyntax.NamePart] = [try parseOptionNamePart()]
        while consumeSymbol(".") {
            parts.append(try parseOptionNamePart())
        }
        return parts
    }

    private mutating func parseOptionNamePart() throws(ProtoError) -> OptionSyntax.NamePart {
        if consumeSymbol("(") {
            let name = try expectDottedName("option name", allowLeadingDot: true)
            try expectSymbol(")")
            return .init(name: name, isExtension: true)
        }
        return .init(name: try expectIdentifier("option name"), isExtension: false)
    }

    /// An option's value: identifier, signed number, strings, or a `{...}` aggregate.
    /// Defaults (`allowNegativeIdentifier`) also take `-inf` and `-nan`; protoc refuses them on options.
    mutating func parseOptionValue(allowNegativeIdentifier: Bool) throws(ProtoError) -> OptionSyntax.Value {
        let negative = consumeSymbol("-")
        switch current.kind {
        case .identifier:
            let word = current.text
            if negative {
                guard allowNegativeIdentifier else { throw error(.invalid("invalid \"-\" symbol before identifier")) }
                guard word == "inf" || word == "nan" else { throw expected("\"inf\" or \"nan\" after \"-\"") }
                advance()
                return .float(word == "inf" ? -Double.infinity : Double.nan)
            }
            advance()
            return .identifier(word)
        case .integer:
            let value = try expectInteger("integer")
            if negative {
                guard value <= 1 << 63 else { throw error(.integerOutOfRange("-\(value)")) }
                return .negativeInteger(value)
            }
            return .positiveInteger(value)
        case .float:
            let value = try expectFloat()
            return .float(negative ? -value : value)
        case .string where !negative:
            return .string(try expectString("string"))
        case .symbol where !negative && current.text == "{":
            return .aggregate(try collectAggregate())
        default:
            throw expected(negative ? "number" : "option value")
        }
    }

    mutating func expectFloat() throws(ProtoError) -> Double {
        var text = current.text
        if text.hasSuffix(".") { text += "0" }
        if text.hasPrefix(".") { text = "0" + text }
        guard let value = Double(text) else { throw error(.invalidToken("malformed number \"\(current.text)\"")) }
        advance()
        return value
    }

    /// The tokens of a `{...}` aggregate value, without its outer braces.
    private mutating func collectAggregate() throws(ProtoError) -> [Token] {
        let start = current.position
        advance()
        var depth = 1
        var body: [Token] = []
        while true {
            guard current.kind != .end else { throw error(.expected("\"}\" closing the aggregate value", found: "end of input"), at: start) }
            if current.isSymbol("{") { depth += 1 }
            if current.isSymbol("}") {
                depth -= 1
                if depth == 0 {
                    advance()
                    return body
                }
            }
            body.append(current)
            advance()
        }
    }

    /// `[a = 1, (b).c = "x"]` after a field, enum value or extension range, whose options
    /// sit at `path`; `default` and `json_name` on fields are pulled out into `field`
    /// rather than kept as options.
    mutating func parseBracketedOptions(field: inout FieldSyntax?, path: [Int32]) throws(ProtoError) -> [OptionSyntax] {
        guard current.isSymbol("[") else { return [] }
        let location = openLocation(path)
        advance()
        let fieldPath = Array(path.dropLast())
        var options: [OptionSyntax] = []
        repeat {
            let position = current.position
            if field != nil && current.isIdentifier("default") {
                advance()
                try expectSymbol("=")
                guard field?.defaultValue == nil else { throw error(.invalid("already set option \"default\""), at: position) }
                let valueLocation = openLocation(fieldPath + [7])
                field?.defaultPosition = current.position
                field?.defaultValue = try parseOptionValue(allowNegativeIdentifier: true)
                closeLocation(valueLocation)
            } else if field != nil && current.isIdentifier("json_name") {
                let nameLocation = openLocation(fieldPath + [10])
                field?.jsonNamePosition = current.position
                advance()
                try expectSymbol("=")
                guard field?.jsonName == nil else { throw error(.invalid("already set option \"json_name\""), at: position) }
                let valueLocation = openLocation(fieldPath + [10])
                field?.jsonName = String(decoding: try expectString("string for json_name"), as: UTF8.self)
                closeLocation(valueLocation)
                closeLocation(nameLocation)
            } else {
                let optionPath = path + [999, Int32(options.count)]
                let optionLocation = openLocation(optionPath)
                var option = try parseOptionAssignment()
                option.sourcePath = optionPath
                options.append(option)
                closeLocation(optionLocation)
            }
        } while consumeSymbol(",")
        try expectSymbol("]")
        closeLocation(location)
        return options
    }
}
