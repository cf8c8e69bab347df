/// The well-known types' special JSON forms, as Python's `json_format` writes them.
extension JSONPrinter {
    static let wrapperTypes: Set<String> = [
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
        "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
        "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue",
    ]

    /// The special form of `message` if its type is a well-known type with one; nil otherwise.
    func wellKnown(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue? {
        let name = message.type.fullName
        if Self.wrapperTypes.contains(name) { return try wrapper(message, path: path) }
        switch name {
        case "google.protobuf.Timestamp": return .string(try Self.timestamp(message, path: path))
        case "google.protobuf.Duration": return .string(try Self.duration(message, path: path))
        case "google.protobuf.FieldMask": return .string(try Self.fieldMask(message, path: path))
        case "google.protobuf.Struct": return try structObject(message, path: path)
        case "google.protobuf.ListValue": return try listValue(message, path: path)
        case "google.protobuf.Value": return try valueMessage(message, path: path)
        case "google.protobuf.Any": return try any(message, path: path)
        default: return nil
        }
    }

    func wrapper(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        guard let field = message.type.field(number: 1), case let .single(value)? = message.value(1, pool: pool) else { return .null }
        return try self.value(value, type: field.type, typeName: field.typeName, path: path)
    }

    func structObject(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        guard case let .map(entries)? = message[1] else { return .object([]) }
        var object: [(String, JSONValue)] = []
        for entry in entries {
            let key = Self.mapKey(entry.key)
            guard case let .message(value) = entry.value else { continue }
            object.append((key, try valueMessage(value, path: path + "[\"\(key)\"]")))
        }
        return .object(object)
    }

    func listValue(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        guard case let .repeated(items)? = message[1] else { return .array([]) }
        var array: [JSONValue] = []
        for (index, item) in items.enumerated() {
            guard case let .message(value) = item else { continue }
            array.append(try valueMessage(value, path: path + "[\(index)]"))
        }
        return .array(array)
    }

    func valueMessage(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        for number in 1...6 {
            guard case let .single(value)? = message[number] else { continue }
            switch value {
            case .enum: return .null
            case let .double(number):
                guard number.isFinite else { throw .unrepresentable(path: path, reason: "Value.number_value \(number) is not finite") }
                return JSONNumberText.double(number)
            case let .string(text): return .string(text)
            case let .bool(flag): return .bool(flag)
            case let .message(inner):
                return number == 5 ? try structObject(inner, path: path) : try listValue(inner, path: path)
            default: return .null
            }
        }
        return .null
    }

    func any(_ message: DynamicMessage, path: String) throws(JSONError) -> JSONValue {
        guard message.slots.contains(where: { $0 != nil }) else { return .object([]) }
        guard case let .single(.string(url))? = message.value(1, pool: pool), case let .single(.bytes(bytes))? = message.value(2, pool: pool),
              let slash = url.lastIndex(of: "/"), let type = pool.messageType(String(url[url.index(after: slash)...])),
              let inner = try? DynamicMessage(serializedBytes: bytes, type: type, pool: pool)
        else {
            let url: String
            if case let .single(.string(text))? = message[1] { url = text } else { url = "" }
            throw .anyType(path: path, typeURL: url)
        }
        if let special = try wellKnown(inner, path: path) { return .object([("@type", .string(url)), ("value", special)]) }
        return .object([("@type", .string(url))] + (try members(inner, path: path)))
    }

    /// Seconds (field 1) and nanos (field 2) of a Timestamp or Duration.
    static func secondsAndNanos(_ message: DynamicMessage) -> (Int64, Int32) {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        if case let .single(.int64(value))? = message[1] { seconds = value }
        if case let .single(.int32(value))? = message[2] { nanos = value }
        return (seconds, nanos)
    }

    /// `1972-01-01T10:00:20.021Z`: UTC, 0, 3, 6 or 9 fraction digits, years 0001 to 9999.
    static func timestamp(_ message: DynamicMessage, path: String) throws(JSONError) -> String {
        let (seconds, nanos) = secondsAndNanos(message)
        guard seconds >= -62_135_596_800, seconds <= 253_402_300_799, nanos >= 0, nanos <= 999_999_999 else {
            throw .unrepresentable(path: path, reason: "Timestamp \(seconds)s \(nanos)ns is out of range")
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return text + fraction(nanos) + "Z"
    }

    /// `-3.100s`: seconds with 0, 3, 6 or 9 fraction digits, at most 10,000 years either way.
    static func duration(_ message: DynamicMessage, path: String) throws(JSONError) -> String {
        let (seconds, nanos) = secondsAndNanos(message)
        guard abs(seconds) <= 315_576_000_000, abs(nanos) <= 999_999_999, !(seconds > 0 && nanos < 0), !(seconds < 0 && nanos > 0) else {
            throw .unrepresentable(path: path, reason: "Duration \(seconds)s \(nanos)ns is out of range")
        }
        let negative = seconds < 0 || nanos < 0
        return (negative ? "-" : "") + String(seconds.magnitude) + fraction(Int32(nanos.magnitude)) + "s"
    }

    /// Paths joined by commas, each `snake_case` part turned lowerCamel.
    static func fieldMask(_ message: DynamicMessage, path: String) throws(JSONError) -> String {
        guard case let .repeated(items)? = message[1] else { return "" }
        var paths: [String] = []
        for item in items {
            guard case let .string(text) = item else { continue }
            var camel = ""
            var upperNext = false
            for character in text {
                if character.isUppercase { throw .unrepresentable(path: path, reason: "FieldMask path \(text) has an uppercase letter") }
                if upperNext {
                    guard character.isLowercase else { throw .unrepresentable(path: path, reason: "FieldMask path \(text) has _ before a non-lowercase letter") }
                    camel += character.uppercased()
                    upperNext = false
                } else if character == "_" {
                    upperNext = true
                } else {
                    camel.append(character)
                }
            }
            if upperNext { throw .unrepresentable(path: path, reason: "FieldMask path \(text) ends in _") }
            paths.append(camel)
        }
        return paths.joined(separator: ",")
    }

    private static func fraction(_ nanos: Int32) -> String {
        if nanos == 0 { return "" }
        if nanos % 1_000_000 == 0 { return "." + pad(Int64(nanos / 1_000_000), 3) }
        if nanos % 1_000 == 0 { return "." + pad(Int64(nanos / 1_000), 6) }
        return "." + pad(Int64(nanos), 9)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Proleptic Gregorian year, month, day of a day count from 1970-01-01 (Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
