extension Parser {
    /// `enum Name { VALUE = N [options]; option ...; reserved ...; }` at open location `location`.
    mutating func parseEnum(location: Int) throws(ProtoError) -> EnumSyntax {
        let path = locations[location].path
        try expectKeyword("enum")
        let position = current.position
        let nameLocation = openLocation(path + [1])
        var result = EnumSyntax(name: try expectIdentifier("enum name"), position: position)
        closeLocation(nameLocation)
        try expectEndOfDeclaration("{", location: location)
        while !consumeEndOfDeclaration("}", location: nil) {
            guard current.kind != .end else { throw expected("\"}\" closing enum \"\(result.name)\"") }
            if consumeEndOfDeclaration(";", location: nil) { continue }
            if current.isIdentifier("option") {
                let optionLocation = openLocation(path + [3])
                result.options.append(try parseOptionStatement(path: path + [3], index: result.options.count))
                closeLocation(optionLocation)
            } else if current.isIdentifier("reserved") {
                try parseReserved(path: path, rangesField: 4, namesField: 5, ranges: &result.reservedRanges, names: &result.reservedNames)
            } else {
                let valueLocation = openLocation(path + [2, Int32(result.values.count)])
                result.values.append(try parseEnumValue(location: valueLocation))
                closeLocation(valueLocation)
            }
        }
        try checkAllowAlias(result)
        return result
    }

    /// protoc's `ValidateEnum`: `allow_alias = false` does nothing and `allow_alias = true`
    /// without two values sharing a number is a mistake; reported at the token after the enum.
    private func checkAllowAlias(_ item: EnumSyntax) throws(ProtoError) {
        let option = item.options.first { $0.name.count == 1 && !$0.name[0].isExtension && $0.name[0].name == "allow_alias" }
        guard let option else { return }
        guard case .identifier("true") = option.value else {
            throw error(.invalid("\"\(item.name)\" declares 'option allow_alias = false;' which has no effect"))
        }
        if Set(item.values.map(\.number)).count == item.values.count {
            throw error(.invalid("\"\(item.name)\" declares support for enum aliases but no enum values share field numbers"))
        }
    }

    private mutating func parseEnumValue(location: Int) throws(ProtoError) -> EnumSyntax.Value {
        let path = locations[location].path
        let position = current.position
        let nameLocation = openLocation(path + [1])
        let name = try expectIdentifier("enum constant name")
        closeLocation(nameLocation)
        try expectSymbol("=")
        let numberPosition = current.position
        let numberLocation = openLocation(path + [2])
        let number = try expectInt32("integer", allowNegative: true)
        closeLocation(numberLocation)
        var noField: FieldSyntax?
        let options = try parseBracketedOptions(field: &noField, path: path + [3])
        try expectEndOfDeclaration(";", location: location)
        return EnumSyntax.Value(name: name, number: number, position: position, numberPosition: numberPosition, options: options)
    }

    /// `service Name { rpc M (stream A) returns (stream B); option ...; }` at open location `location`.
    mutating func parseService(location: Int) throws(ProtoError) -> ServiceSyntax {
        let path = locations[location].path
        try expectKeyword("service")
        let position = current.position
        let nameLocation = openLocation(path + [1])
        var result = ServiceSyntax(name: try expectIdentifier("service name"), position: position)
        closeLocation(nameLocation)
        try expectEndOfDeclaration("{", location: location)
        while !consumeEndOfDeclaration("}", location: nil) {
            guard current.kind != .end else { throw expected("\"}\" closing service \"\(result.name)\"") }
            if consumeEndOfDeclaration(";", location: nil) { continue }
            if current.isIdentifier("option") {
                let optionLocation = openLocation(path + [3])
                result.options.append(try parseOptionStatement(path: path + [3], index: result.options.count))
                closeLocation(optionLocation)
            } else {
                let methodLocation = openLocation(path + [2, Int32(result.methods.count)])
                result.methods.append(try parseMethod(location: methodLocation))
                closeLocation(methodLocation)
            }
        }
        return result
    }

    /// `stream` followed by a type name (rather than a message type called `stream`).
    private var startsStream: Bool {
        current.isIdentifier("stream") && (tokensAhead(1).kind == .identifier || tokensAhead(1).isSymbol("."))
    }

    private mutating func parseMethod(location: Int) throws(ProtoError) -> ServiceSyntax.Method {
        let path = locations[location].path
        guard consumeKeyword("rpc") else { throw expected("\"rpc\" or \"option\"") }
        let position = current.position
        let nameLocation = openLocation(path + [1])
        let name = try expectIdentifier("method name")
        closeLocation(nameLocation)
        try expectSymbol("(")
        let (clientStreaming, inputPosition, input) = try parseMethodType(path: path, streamingField: 5, typeField: 2, what: "request type")
        try expectSymbol(")")
        try expectKeyword("returns")
        try expectSymbol("(")
        let (serverStreaming, outputPosition, output) = try parseMethodType(path: path, streamingField: 6, typeField: 3, what: "response type")
        try expectSymbol(")")
        var method = ServiceSyntax.Method(
            name: name, position: position, inputType: input, inputPosition: inputPosition, outputType: output,
            outputPosition: outputPosition, clientStreaming: clientStreaming, serverStreaming: serverStreaming)
        if current.isSymbol("{") {
            method.hasBody = true
            try expectEndOfDeclaration("{", location: location)
            while !consumeEndOfDeclaration("}", location: nil) {
                guard current.kind != .end else { throw expected("\"}\" closing method \"\(name)\"") }
                if consumeEndOfDeclaration(";", location: nil) { continue }
                let optionLocation = openLocation(path + [4])
                method.options.append(try parseOptionStatement(path: path + [4], index: method.options.count))
                closeLocation(optionLocation)
            }
        } else {
            try expectEndOfDeclaration(";", location: location)
        }
        return method
    }

    /// `[stream] Type` inside an rpc's parentheses.
    private mutating func parseMethodType(
        path: [Int32], streamingField: Int32, typeField: Int32, what: String
    ) throws(ProtoError) -> (Bool, SourcePosition, String) {
        var streaming = false
        if startsStream {
            let streamLocation = openLocation(path + [streamingField])
            advance()
            closeLocation(streamLocation)
            streaming = true
        }
        let position = current.position
        let typeLocation = openLocation(path + [typeField])
        let name = try expectDottedName(what, allowLeadingDot: true)
        closeLocation(typeLocation)
        return (streaming, position, name)
    }
}
