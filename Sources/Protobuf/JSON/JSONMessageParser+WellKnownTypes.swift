/// Reading the well-known types' special JSON forms.
extension JSONMessageParser {
    /// The message `json` stands for if `type` is a well-known type with a special form; nil otherwise.
    func wellKnown(_ json: JSONValue, type: MessageType, path: String) throws(JSONParseError) -> DynamicMessage? {
        var message = DynamicMessage(type: type)
        let name = type.fullName
        if JSONPrinter.wrapperTypes.contains(name) {
            guard let field = type.field(number: 1) else { return nil }
            message.assignUnlessEmpty(field, .single(try value(json, field.type, typeName: field.typeName, path: path)))
            return message
        }
        switch name {
        case "google.protobuf.Timestamp", "google.protobuf.Duration":
            guard case let .string(text) = json else { throw .invalidValue(path: path, reason: "expected a string for \(name)") }
            let parsed = name == "google.protobuf.Timestamp" ? Self.timestamp(text) : Self.duration(text)
            guard let (seconds, nanos) = parsed else { throw .invalidValue(path: path, reason: "malformed \(name) \"\(text)\"") }
            try set(&message, 1, .int64(seconds))
            try set(&message, 2, .int32(nanos))
        case "google.protobuf.FieldMask":
            guard case let .string(text) = json else { throw .invalidValue(path: path, reason: "expected a string for FieldMask") }
            var paths: [DynamicMessage.Value] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: true) {
                var snake = ""
                for character in part {
                    if character == "_" { throw .invalidValue(path: path, reason: "FieldMask path \(part) has _") }
                    if character.isUppercase { snake += "_" + character.lowercased() } else { snake.append(character) }
                }
                paths.append(.string(snake))
            }
            if !paths.isEmpty, let field = type.field(number: 1) { message.assign(field, .repeated(paths)) }
        case "google.protobuf.Struct":
            guard case .object = json, let field = type.field(number: 1) else { throw .invalidValue(path: path, reason: "expected an object for Struct") }
            message.assignUnlessEmpty(field, try fieldValue(json, field, path: path))
        case "google.protobuf.ListValue":
            guard case .array = json, let field = type.field(number: 1) else { throw .invalidValue(path: path, reason: "expected an array for ListValue") }
            message.assignUnlessEmpty(field, try fieldValue(json, field, path: path))
        case "google.protobuf.Value":
            switch json {
            case .null: try set(&message, 1, .enum(0))
            case let .number(text):
                guard let number = Double(text), number.isFinite else { throw .invalidValue(path: path, reason: "\(text) is out of range") }
                try set(&message, 2, .double(number))
            case let .string(text): try set(&message, 3, .string(text))
            case let .bool(flag): try set(&message, 4, .bool(flag))
            case .object, .array:
                let number = json.isObject ? 5 : 6
                guard let field = type.field(number: number), let inner = field.typeName.flatMap({ pool.messageType($0) }) else { return nil }
                message.assign(field, .single(.message(try self.message(json, type: inner, path: path))))
            }
        case "google.protobuf.Any":
            guard case let .object(members) = json else { throw .invalidValue(path: path, reason: "expected an object for Any") }
            if members.isEmpty { return message }
            guard case let .string(url)? = members.first(where: { $0.0 == "@type" })?.1 else { throw .anyType(path: path, typeURL: "") }
            guard let slash = url.lastIndex(of: "/"), let innerType = pool.messageType(String(url[url.index(after: slash)...])) else {
                throw .anyType(path: path, typeURL: url)
            }
            let rest = members.filter { $0.0 != "@type" }
            var inner: DynamicMessage
            if Self.hasSpecialForm(innerType) {
                guard let special = rest.first(where: { $0.0 == "value" })?.1, rest.count == 1 else {
                    throw .invalidValue(path: path, reason: "Any of \(innerType.fullName) needs exactly a \"value\" member")
                }
                inner = try self.message(special, type: innerType, path: path + ".value")
            } else {
                inner = DynamicMessage(type: innerType)
                try merge(rest, into: &inner, path: path)
            }
            guard let bytes = try? inner.serializedBytes() else { throw .invalidValue(path: path, reason: "Any's message cannot be encoded") }
            try set(&message, 1, .string(url))
            try set(&message, 2, .bytes(bytes))
        default:
            return nil
        }
        return message
    }

    /// Whether `type` has a special JSON form (and so sits under `"value"` in an `Any`).
    static func hasSpecialForm(_ type: MessageType) -> Bool {
        JSONPrinter.wrapperTypes.contains(type.fullName) || [
            "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask", "google.protobuf.Struct",
            "google.protobuf.ListValue", "google.protobuf.Value", "google.protobuf.Any",
        ].contains(type.fullName)
    }

    private func set(_ message: inout DynamicMessage, _ number: Int, _ value: DynamicMessage.Value) throws(JSONParseError) {
        guard let field = message.type.field(number: number) else { throw .invalidValue(path: "", reason: "\(message.type.fullName) lacks field \(number)") }
        message.assignUnlessEmpty(field, .single(value))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` as seconds and nanos since the epoch.
    static func timestamp(_ text: String) -> (Int64, Int32)? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index - start >= 1, index - start <= 9, let fraction = number(start, index - start) else { return nil }
            nanos = fraction * [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000][9 - (index - start)]
        }
        var offset: Int64 = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else {
            guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(index + 1, 2), let minutes = number(index + 4, 2), hours < 24, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        }
        guard index == bytes.count else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard seconds >= -62_135_596_800, seconds <= 253_402_300_799 else { return nil }
        return (seconds, Int32(nanos))
    }

    /// `-3.100s` as seconds and nanos (both negative for a negative duration).
    static func duration(_ text: String) -> (Int64, Int32)? {
        guard text.hasSuffix("s") else { return nil }
        var body = text.dropLast()
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), let seconds = Int64(whole) else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...9).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else { return nil }
            nanos = value * [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000][9 - fraction.count]
        }
        guard seconds <= 315_576_000_000 else { return nil }
        return negative ? (-seconds, Int32(-nanos)) : (seconds, Int32(nanos))
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
