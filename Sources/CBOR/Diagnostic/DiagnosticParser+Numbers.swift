extension DiagnosticParser {
    /// Longest number literal accepted, in characters; bounds the quadratic bignum conversion.
    static let maxNumberLength = 4096

    private enum NumberLiteral {
        case integer(magnitude: [UInt8])
        case float(Double)
    }

    /// Reads `_i` or `_0`…`_3` at the cursor.
    mutating func parseIndicator() throws(DiagnosticError) -> DiagnosticIndicator {
        let start = scanner.offset
        scanner.offset += 1
        let indicator: DiagnosticIndicator
        switch scanner.peek() {
        case UInt8(ascii: "i"): indicator = .immediate
        case let digit? where (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(digit):
            indicator = .following(exponent: Int(digit - UInt8(ascii: "0")))
        default: throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: start)
        }
        scanner.offset += 1
        if let next = scanner.peek(), Self.isWordByte(next) {
            throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: start)
        }
        return indicator
    }

    /// An indicator if one follows, with its offset.
    mutating func optionalIndicator() throws(DiagnosticError) -> (DiagnosticIndicator, offset: Int)? {
        guard scanner.peek() == UInt8(ascii: "_") else { return nil }
        let offset = scanner.offset
        return (try parseIndicator(), offset)
    }

    /// An integer, float or `-Infinity`, or the opening `n(` of a tag.
    mutating func parseNumberOrTag() throws(DiagnosticError) -> Start {
        let start = scanner.offset
        let negative = scanner.consume(UInt8(ascii: "-"))
        if negative, scanner.consume("Infinity") {
            return .value(try floatItem(-.infinity, try optionalIndicator()))
        }
        let literal = try scanNumber(start: start)
        let indicator = try optionalIndicator()
        switch literal {
        case let .float(magnitude):
            return .value(try floatItem(negative ? -magnitude : magnitude, indicator))
        case let .integer(magnitude):
            guard !negative, scanner.peek() == UInt8(ascii: "(") else {
                return .value(try integerItem(magnitude, negative: negative, indicator))
            }
            guard let tag = BigMagnitude.uint64(magnitude) else {
                throw scanner.error(DiagnosticError.tagOutOfRange, at: start)
            }
            try check(indicator, admits: tag)
            scanner.offset += 1
            return .open(.tag(tag))
        }
    }

    /// Decimal, `0x`/`0o`/`0b` integers of any size, decimal and hex floats.
    private mutating func scanNumber(start: Int) throws(DiagnosticError) -> NumberLiteral {
        let digitsStart = scanner.offset
        var radix: UInt32 = 10
        if scanner.peek() == UInt8(ascii: "0"), let marker = scanner.peek(1) {
            switch marker | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 { scanner.offset += 2 }
        }
        let integerDigits = scanDigits(radix: radix)
        var isFloat = false
        if let dot = scanner.peek(), dot == UInt8(ascii: "."), let next = scanner.peek(1), digitValue(next, radix: radix) != nil {
            scanner.offset += 1
            _ = scanDigits(radix: radix)
            isFloat = true
        }
        let exponentMarker = radix == 16 ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if (radix == 10 || radix == 16), let marker = scanner.peek(), marker | 0x20 == exponentMarker {
            scanner.offset += 1
            if scanner.peek() == UInt8(ascii: "+") || scanner.peek() == UInt8(ascii: "-") { scanner.offset += 1 }
            guard !scanDigits(radix: 10).isEmpty else { throw scanner.error(DiagnosticError.invalidNumber, at: start) }
            isFloat = true
        }
        let length = scanner.offset - digitsStart
        let followedByWord = scanner.peek().map(Self.isWordByte) ?? false
        if integerDigits.isEmpty || length > Self.maxNumberLength || followedByWord || (isFloat && radix != 10 && radix != 16) {
            throw scanner.error(DiagnosticError.invalidNumber, at: start)
        }
        guard isFloat else { return .integer(magnitude: BigMagnitude.magnitude(digits: integerDigits, radix: radix)) }
        let text = String(decoding: scanner.bytes[digitsStart..<scanner.offset], as: UTF8.self)
        guard let value = Double(text) else { throw scanner.error(DiagnosticError.invalidNumber, at: start) }
        return .float(value)
    }

    /// Consumes digits of `radix` and returns their values.
    private mutating func scanDigits(radix: UInt32) -> [UInt8] {
        var digits: [UInt8] = []
        while let byte = scanner.peek(), let digit = digitValue(byte, radix: radix) {
            digits.append(digit)
            scanner.offset += 1
        }
        return digits
    }

    private func digitValue(_ byte: UInt8, radix: UInt32) -> UInt8? {
        let value: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        return UInt32(value) < radix ? value : nil
    }

    /// Integers beyond 64 bits become bignums (tags 2 and 3), which take no indicator.
    private func integerItem(
        _ magnitude: [UInt8], negative: Bool, _ indicator: (DiagnosticIndicator, offset: Int)?
    ) throws(DiagnosticError) -> CBOR {
        if negative, !magnitude.isEmpty {
            let argument = BigMagnitude.decremented(magnitude)
            guard let n = BigMagnitude.uint64(argument) else {
                try check(indicator, admits: nil)
                return .tagged(3, .bytes(argument))
            }
            try check(indicator, admits: n)
            return .negative(n)
        }
        guard let n = BigMagnitude.uint64(magnitude) else {
            try check(indicator, admits: nil)
            return .tagged(2, .bytes(magnitude))
        }
        try check(indicator, admits: n)
        return .unsigned(n)
    }

    /// Throws unless the indicator (if any) fits `argument`; nil means no argument can take one.
    func check(_ indicator: (DiagnosticIndicator, offset: Int)?, admits argument: UInt64?) throws(DiagnosticError) {
        guard let (spec, offset) = indicator else { return }
        guard let argument, spec.admits(argument) else {
            throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: offset)
        }
    }

    /// A float of the indicated width (which must hold the value exactly), else the preferred width.
    func floatItem(_ value: Double, _ indicator: (DiagnosticIndicator, offset: Int)?) throws(DiagnosticError) -> CBOR {
        guard let (spec, offset) = indicator else { return CBOR.preferredFloat(value) }
        switch spec {
        case .following(exponent: 1) where value.isNaN || Double(Float16(value)) == value:
            return .half(value.isNaN ? .nan : Float16(value))
        case .following(exponent: 2) where value.isNaN || Double(Float(value)) == value:
            return .float(value.isNaN ? .nan : Float(value))
        case .following(exponent: 3):
            return .double(value.isNaN ? .nan : value)
        default:
            throw scanner.error(DiagnosticError.invalidEncodingIndicator, at: offset)
        }
    }
}
