extension ExtensionFields.Field {
    /// The extension's values among `fields` (a message's unknown fields with its number), read
    /// as C++ reads a known extension: packed and unpacked both, the last singular scalar, the
    /// occurrences of a singular message merged. `taken` says which fields gave values: one whose
    /// wire type does not fit, a closed enum's unnamed number, a packed run holding one, or
    /// messages that do not decode stay unknown fields, as protoc keeps them.
    func values(_ fields: [WireField], pool: DescriptorPool) -> (values: [DynamicMessage.Value], taken: [Bool]) {
        if type == .message || type == .group { return messages(fields, pool: pool) }
        var values: [DynamicMessage.Value] = []
        var taken: [Bool] = []
        for field in fields {
            if isRepeated, type.isPackable, case let .lengthDelimited(bytes) = field.value, let run = packed(bytes, pool: pool) {
                values += run
                taken.append(true)
            } else if let value = scalar(field.value, pool: pool) {
                values.append(value)
                taken.append(true)
            } else {
                taken.append(false)
            }
        }
        return (isRepeated ? values : Array(values.suffix(1)), taken)
    }

    /// A packed run's values, or nil when one does not read or fit.
    private func packed(_ bytes: [UInt8], pool: DescriptorPool) -> [DynamicMessage.Value]? {
        var reader = WireReader(bytes)
        var values: [DynamicMessage.Value] = []
        while !reader.isAtEnd {
            guard let raw = try? reader.readField(number: number, type: DynamicMessage.wireType(of: type)), let value = scalar(raw.value, pool: pool) else {
                return nil
            }
            values.append(value)
        }
        return values
    }

    /// Message or group values: each fitting occurrence's payload decoded (a singular one's
    /// payloads joined first, so later occurrences merge into earlier ones).
    private func messages(_ fields: [WireField], pool: DescriptorPool) -> (values: [DynamicMessage.Value], taken: [Bool]) {
        let none = (values: [DynamicMessage.Value](), taken: [Bool](repeating: false, count: fields.count))
        guard let messageType = typeName.flatMap({ pool.messageType($0) }) else { return none }
        var payloads: [[UInt8]] = []
        var taken: [Bool] = []
        for field in fields {
            switch (field.value, type) {
            case let (.lengthDelimited(bytes), .message):
                payloads.append(bytes)
            case let (.group(inner), .group):
                var writer = WireWriter()
                for item in inner { writer.write(item) }
                payloads.append(writer.bytes)
            default:
                taken.append(false)
                continue
            }
            taken.append(true)
        }
        if !isRepeated && !payloads.isEmpty { payloads = [Array(payloads.joined())] }
        var values: [DynamicMessage.Value] = []
        for payload in payloads {
            guard let message = try? DynamicMessage(serializedBytes: payload, type: messageType, pool: pool, checkRequired: false) else {
                return none
            }
            values.append(.message(message))
        }
        return (values, taken)
    }

    /// One scalar or enum from its wire value, or nil when the wire type does not fit.
    private func scalar(_ wire: WireValue, pool: DescriptorPool) -> DynamicMessage.Value? {
        switch (wire, type) {
        case let (.varint(raw), .int32): return .int32(Int32(truncatingIfNeeded: raw))
        case let (.varint(raw), .int64): return .int64(Int64(bitPattern: raw))
        case let (.varint(raw), .uint32): return .uint32(UInt32(truncatingIfNeeded: raw))
        case let (.varint(raw), .uint64): return .uint64(raw)
        case let (.varint(raw), .sint32):
            let value = UInt32(truncatingIfNeeded: raw)
            return .int32(Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
        case let (.varint(raw), .sint64): return .int64(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case let (.varint(raw), .bool): return .bool(raw != 0)
        case let (.varint(raw), .enum):
            let number = Int32(truncatingIfNeeded: raw)
            if let enumType = typeName.flatMap({ pool.enumType($0) }), enumType.isClosed, !enumType.contains(number) { return nil }
            return .enum(number)
        case let (.fixed32(raw), .fixed32): return .uint32(raw)
        case let (.fixed32(raw), .sfixed32): return .int32(Int32(bitPattern: raw))
        case let (.fixed32(raw), .float): return .float(Float(bitPattern: raw))
        case let (.fixed64(raw), .fixed64): return .uint64(raw)
        case let (.fixed64(raw), .sfixed64): return .int64(Int64(bitPattern: raw))
        case let (.fixed64(raw), .double): return .double(Double(bitPattern: raw))
        case let (.lengthDelimited(bytes), .string): return .string(String(decoding: bytes, as: UTF8.self))
        case let (.lengthDelimited(bytes), .bytes): return .bytes(bytes)
        default: return nil
        }
    }

    /// The fields that carry `values` of this extension: one per value, or one packed run.
    func wireFields(_ values: [DynamicMessage.Value]) -> [WireField] {
        if isPacked {
            guard !values.isEmpty else { return [] }
            var payloads = WireWriter()
            for value in values {
                switch wireValue(value) {
                case let .varint(raw): payloads.writeVarint(raw)
                case let .fixed32(raw): payloads.writeFixed32(raw)
                case let .fixed64(raw): payloads.writeFixed64(raw)
                case .lengthDelimited, .group: break
                }
            }
            return [WireField(number: number, value: .lengthDelimited(payloads.bytes))]
        }
        return values.map { WireField(number: number, value: wireValue($0)) }
    }

    private func wireValue(_ value: DynamicMessage.Value) -> WireValue {
        switch (value, type) {
        case let (.int32(number), .sint32): return .varint(UInt64(UInt32(bitPattern: (number << 1) ^ (number >> 31))))
        case let (.int32(number), .sfixed32): return .fixed32(UInt32(bitPattern: number))
        case let (.int32(number), _), let (.enum(number), _): return .varint(UInt64(bitPattern: Int64(number)))
        case let (.int64(number), .sint64): return .varint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
        case let (.int64(number), .sfixed64): return .fixed64(UInt64(bitPattern: number))
        case let (.int64(number), _): return .varint(UInt64(bitPattern: number))
        case let (.uint32(number), .fixed32): return .fixed32(number)
        case let (.uint32(number), _): return .varint(UInt64(number))
        case let (.uint64(number), .fixed64): return .fixed64(number)
        case let (.uint64(number), _): return .varint(number)
        case let (.float(number), _): return .fixed32(number.bitPattern)
        case let (.double(number), _): return .fixed64(number.bitPattern)
        case let (.bool(flag), _): return .varint(flag ? 1 : 0)
        case let (.string(text), _): return .lengthDelimited(Array(text.utf8))
        case let (.bytes(bytes), _): return .lengthDelimited(bytes)
        case let (.message(message), .group):
            let bytes = (try? message.serializedBytes(deterministic: false, checkRequired: false)) ?? []
            return .group(UnknownFieldsPrinter.fields(bytes) ?? [])
        case let (.message(message), _):
            return .lengthDelimited((try? message.serializedBytes(deterministic: false, checkRequired: false)) ?? [])
        }
    }
}
