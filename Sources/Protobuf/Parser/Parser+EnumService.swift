extension Parser {
    /// `enum Name { VALUE = N [options]; option ...; reserved ...; }`.
    mutating func parseEnum() throws(ProtoError) -> EnumSyntax {
        try expectKeyword("enum")
        let position = current.position
        var result = EnumSyntax(name: try expectIdentifier("enum name"), position: position)
        try expectSymbol("{")
        while !consumeSymbol("}") {
            guard current.kind != .end else { throw expected("\"}\" closing enum \"\(result.name)\"") }
            if consumeSymbol(";") { continue }
            if consumeKeyword("option") {
                result.options.append(try parseOptionStatement())
            } else if consumeKeyword("reserved") {
                try parseReserved(&result.reservedRanges, names: &result.reservedNames, inclusiveEnd: true)
            } else {
                result.values.append(try parseEnumValue())
            }
        }
        return result
    }

    private mutating func parseEnumValue() throws(ProtoError) -> EnumSyntax.Value {
        let position = current.position
        let name = try expectIdentifier("enum constant name")
        try expectSymbol("=")
        let numberPosition = current.position
        let number = try expectInt32("integer", allowNegative: true)
        var noField: FieldSyntax?
        let options = try parseBracketedOptions(field: &noField)
        try expectSymbol(";")
        return EnumSyntax.Value(name: name, number: number, position: position, numberPosition: numberPosition, options: options)
    }

    /// `service Name { rpc M (stream A) returns (stream B); option ...; }`.
    mutating func parseService() throws(ProtoError) -> ServiceSyntax {
        try expectKeyword("service")
        let position = current.position
        var result = ServiceSyntax(name: try expectIdentifier("service name"), position: position)
        try expectSymbol("{")
        while !consumeSymbol("}") {
            guard current.kind != .end else { throw expected("\"}\" closing service \"\(result.name)\"") }
            if consumeSymbol(";") { continue }
            if consumeKeyword("option") {
                result.options.append(try parseOptionStatement())
            } else if consumeKeyword("rpc") {
                result.methods.append(try parseMethod())
            } else {
                throw expected("\"rpc\" or \"option\"")
            }
        }
        return result
    }

    /// `stream` followed by a type name (rather than a message type called `stream`).
    private var startsStream: Bool {
        current.isIdentifier("stream") && (tokensAhead(1).kind == .identifier || tokensAhead(1).isSymbol("."))
    }

    private mutating func parseMethod() throws(ProtoError) -> ServiceSyntax.Method {
        let position = current.position
        let name = try expectIdentifier("method name")
        try expectSymbol("(")
        let clientStreaming = startsStream && consumeKeyword("stream")
        let inputPosition = current.position
        let input = try expectDottedName("request type", allowLeadingDot: true)
        try expectSymbol(")")
        try expectKeyword("returns")
        try expectSymbol("(")
        let serverStreaming = startsStream && consumeKeyword("stream")
        let outputPosition = current.position
        let output = try expectDottedName("response type", allowLeadingDot: true)
        try expectSymbol(")")
        var method = ServiceSyntax.Method(
            name: name, position: position, inputType: input, inputPosition: inputPosition, outputType: output,
            outputPosition: outputPosition, clientStreaming: clientStreaming, serverStreaming: serverStreaming)
        if consumeSymbol("{") {
            method.hasBody = true
            while !consumeSymbol("}") {
                guard current.kind != .end else { throw expected("\"}\" closing method \"\(name)\"") }
                if consumeSymbol(";") { continue }
                try expectKeyword("option")
                method.options.append(try parseOptionStatement())
            }
            _ = consumeSymbol(";")
        } else {
            try expectSymbol(";")
        }
        return method
    }
}
