import Protobuf
import TestSupport

/// Random dynamic messages of a type, reproducible from a seed: every field maybe set
/// (required ones always), repeated and map fields with a few values, sub-messages a few
/// levels deep, closed enums only with named values, no zero in proto3 fields without presence.
struct RandomMessages {
    let pool: DescriptorPool
    var random: SeededRandom
    var depthMax = 3
    /// Well-known types only with values their JSON forms can express (Timestamps and
    /// Durations in range, finite `Value` numbers, convertible FieldMask paths, `Any` packing
    /// a message of a map-free type in the pool, every `Value` with its kind set, NaNs without payload).
    var jsonExpressible = false

    mutating func message(_ type: MessageType, depth: Int = 0) throws -> DynamicMessage {
        var message = DynamicMessage(type: type)
        for field in type.fields {
            guard field.isRequired || random.next() % 2 == 0 else { continue }
            let isMessage = field.type == .message || field.type == .group
            if isMessage && depth >= depthMax && !field.isRequired { continue }
            if field.isMap {
                guard let (keyType, valueType) = field.mapTypes, let entryName = field.typeName,
                      let entryType = pool.messageType(entryName), let valueField = entryType.field(number: 2) else { continue }
                var entries: [DynamicMessage.MapEntry] = []
                for _ in 0..<(random.next() % 4) {
                    let key = scalar(keyType)
                    guard !entries.contains(where: { $0.key == key }) else { continue }
                    if valueType == .message && depth >= depthMax { continue }
                    entries.append(.init(key: key, value: try value(valueField, depth: depth)))
                }
                if !entries.isEmpty { try message.set(field.number, .map(entries)) }
            } else if field.isRepeated {
                var values: [DynamicMessage.Value] = []
                for _ in 0..<(random.next() % 4) { values.append(try value(field, depth: depth)) }
                if !values.isEmpty { try message.set(field.number, .repeated(values)) }
            } else {
                var item = try value(field, depth: depth)
                if !field.hasPresence && isZero(item) { item = try value(field, depth: depth) }
                if !field.hasPresence && isZero(item) { continue }
                try message.set(field.number, .single(item))
            }
        }
        if jsonExpressible { try makeJSONExpressible(&message, depth: depth) }
        return message
    }

    private mutating func makeJSONExpressible(_ message: inout DynamicMessage, depth: Int) throws {
        let bits = random.next()
        switch message.type.fullName {
        case "google.protobuf.Timestamp":
            try message.set(1, .single(.int64(Int64(bits % 315_537_897_600) - 62_135_596_800)))
            try message.set(2, .single(.int32([0, 1_000_000, 123_000, 999_999_999, Int32(bits >> 34 % 1_000_000_000)][Int(bits % 5)])))
        case "google.protobuf.Duration":
            let seconds = Int64(bits % 631_152_000_001) - 315_576_000_000
            let nanos = [0, 5_000_000, 7_000, 999_999_999, Int32(bits >> 34 % 1_000_000_000)][Int(bits % 5)]
            try message.set(1, .single(.int64(seconds)))
            try message.set(2, .single(.int32(seconds < 0 ? -nanos : nanos)))
        case "google.protobuf.FieldMask":
            let paths = ["a", "foo_bar", "x.y_z", "a1_b", "deep.er.path_name"]
            try message.set(1, .repeated((0..<(bits % 4)).map { _ in .string(paths[Int(random.next() % 5)]) }))
        case "google.protobuf.Value":
            if case let .single(.double(number))? = message[2], !number.isFinite { try message.set(2, .single(.double(0.25))) }
            // An unset Value prints as null, which reads back as null_value: set a kind.
            // null_value prints as null whatever its number: keep it NULL_VALUE (0).
            if message.fields.isEmpty || message[1] != nil { try message.set(1, .single(.enum(0))) }
        case "google.protobuf.Any":
            // Types without maps: Python re-packs an `Any` read from JSON with maps in hash order.
            let names = ["google.protobuf.Timestamp", "google.protobuf.Int64Value", "google.protobuf.Duration", "corpus.shared.SharedMessage", "google.protobuf.FieldMask", "google.protobuf.BoolValue"]
            guard let type = pool.messageType(names[Int(bits % 6)]) else { return }
            var inner = depth < depthMax ? try self.message(type, depth: depth + 1) : DynamicMessage(type: type)
            if type.fullName.hasPrefix("google.protobuf.") { try makeJSONExpressible(&inner, depth: depth) }
            try message.set(1, .single(.string("type.googleapis.com/" + type.fullName)))
            try message.set(2, .single(.bytes(try inner.serializedBytes())))
        default: break
        }
    }

    private func isZero(_ value: DynamicMessage.Value) -> Bool {
        switch value {
        case let .int32(number), let .enum(number): return number == 0
        case let .int64(number): return number == 0
        case let .uint32(number): return number == 0
        case let .uint64(number): return number == 0
        case let .float(number): return number.bitPattern == 0
        case let .double(number): return number.bitPattern == 0
        case let .bool(flag): return !flag
        case let .string(text): return text.isEmpty
        case let .bytes(bytes): return bytes.isEmpty
        case .message: return false
        }
    }

    private mutating func value(_ field: MessageType.Field, depth: Int) throws -> DynamicMessage.Value {
        switch field.type {
        case .message, .group:
            guard let name = field.typeName, let type = pool.messageType(name) else { return .bytes([]) }
            return .message(try message(type, depth: depth + 1))
        case .enum:
            let numbers = field.typeName.flatMap { pool.enumType($0) }.map { $0.values.map(\.number) } ?? [0]
            let isClosed = field.typeName.flatMap { pool.enumType($0)?.isClosed } ?? true
            if !isClosed && random.next() % 8 == 0 { return .enum(Int32(truncatingIfNeeded: random.next() % 1000)) }
            return .enum(numbers[Int(random.next() % UInt64(numbers.count))])
        default:
            return scalar(field.type)
        }
    }

    /// A scalar of `type`, biased toward edges: zero, one, extremes, negatives, multi-byte text.
    private mutating func scalar(_ type: FieldDescriptorProto.FieldType) -> DynamicMessage.Value {
        let bits = random.next()
        let edge = random.next() % 4 == 0
        switch type {
        case .int32, .sint32, .sfixed32:
            return .int32(edge ? [0, 1, -1, .min, .max][Int(bits % 5)] : Int32(truncatingIfNeeded: bits))
        case .int64, .sint64, .sfixed64:
            return .int64(edge ? [0, 1, -1, .min, .max][Int(bits % 5)] : Int64(bitPattern: bits >> (bits % 64)))
        case .uint32, .fixed32:
            return .uint32(edge ? [0, 1, .max][Int(bits % 3)] : UInt32(truncatingIfNeeded: bits))
        case .uint64, .fixed64:
            return .uint64(edge ? [0, 1, .max][Int(bits % 3)] : bits >> (bits % 64))
        case .float:
            let float = edge ? [0, -0.0, 1.5, .infinity, -.infinity, .nan][Int(bits % 6)] : Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            // JSON's "NaN" carries no sign or payload.
            return .float(jsonExpressible && float.isNaN ? .nan : float)
        case .double:
            let double = edge ? [0, -0.0, 1e300, .infinity, .nan][Int(bits % 5)] : Double(bitPattern: bits)
            return .double(jsonExpressible && double.isNaN ? .nan : double)
        case .bool:
            return .bool(bits % 2 == 0)
        case .string:
            let pieces = ["", "a", "hello", "é", "日本", "🙂", " ", "\u{0}", "long text with spaces"]
            return .string((0..<(bits % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
        case .bytes:
            return .bytes(random.bytes(count: Int(bits % 12)))
        case .enum:
            return .enum(0)
        case .message, .group:
            return .bytes([])
        }
    }
}
