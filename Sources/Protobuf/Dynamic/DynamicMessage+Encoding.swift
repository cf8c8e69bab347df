extension DynamicMessage {
    /// The binary encoding: fields in number order, repeated fields packed where the field
    /// is, proto3 fields without presence left out at zero, unknown fields last; map
    /// entries sorted by key when `deterministic`. With `checkRequired`, unset proto2
    /// `required` fields are an error.
    public func serializedBytes(deterministic: Bool = true, checkRequired: Bool = true) throws(DynamicMessageError) -> [UInt8] {
        if checkRequired, let missing = firstMissingRequiredField() { throw .missingRequiredField(path: missing) }
        var writer = WireWriter(reservingCapacity: WireWriter.initialCapacity)
        encode(to: &writer, deterministic: deterministic)
        return writer.bytes
    }

    func encode(to writer: inout WireWriter, deterministic: Bool) {
        for position in slots.indices {
            guard let value = slots[position] else { continue }
            let field = type.fields[position]
            switch value {
            case let .single(item):
                if !field.hasPresence && item.isZero { continue }
                write(item, as: field, to: &writer, deterministic: deterministic)
            case let .repeated(items):
                guard !items.isEmpty else { continue }
                if field.isPacked {
                    writer.writeTag(field.number, .lengthDelimited)
                    writer.writeLengthDelimited { packed in
                        for item in items { writePayload(item, type: field.type, to: &packed, deterministic: deterministic) }
                    }
                } else {
                    for item in items { write(item, as: field, to: &writer, deterministic: deterministic) }
                }
            case let .map(entries):
                guard let (keyType, valueType) = field.mapTypes else { continue }
                let ordered = deterministic ? entries.sorted { $0.key.sortsBefore($1.key) } : entries
                for entry in ordered {
                    writer.writeTag(field.number, .lengthDelimited)
                    writer.writeLengthDelimited { inner in
                        inner.writeTag(1, Self.wireType(of: keyType))
                        writePayload(entry.key, type: keyType, to: &inner, deterministic: deterministic)
                        inner.writeTag(2, Self.wireType(of: valueType))
                        writePayload(entry.value, type: valueType, to: &inner, deterministic: deterministic)
                    }
                }
            }
        }
        writer.writeUnknown(unknownFields)
    }

    private func write(_ value: Value, as field: MessageType.Field, to writer: inout WireWriter, deterministic: Bool) {
        if field.type == .group, case let .message(message) = value {
            writer.writeTag(field.number, .startGroup)
            message.encode(to: &writer, deterministic: deterministic)
            writer.writeTag(field.number, .endGroup)
            return
        }
        writer.writeTag(field.number, Self.wireType(of: field.type))
        writePayload(value, type: field.type, to: &writer, deterministic: deterministic)
    }

    private func writePayload(_ value: Value, type: FieldDescriptorProto.FieldType, to writer: inout WireWriter, deterministic: Bool) {
        switch (type, value) {
        case let (.sint32, .int32(number)): writer.writeVarint(UInt64(UInt32(bitPattern: (number << 1) ^ (number >> 31))))
        case let (.sint64, .int64(number)): writer.writeVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
        case let (.sfixed32, .int32(number)): writer.writeFixed32(UInt32(bitPattern: number))
        case let (.fixed32, .uint32(number)): writer.writeFixed32(number)
        case let (.sfixed64, .int64(number)): writer.writeFixed64(UInt64(bitPattern: number))
        case let (.fixed64, .uint64(number)): writer.writeFixed64(number)
        default: Self.writePayload(value, to: &writer, deterministic: deterministic)
        }
    }

    /// A value's payload in its natural encoding (varint for integers, fixed for floats).
    private static func writePayload(_ value: Value, to writer: inout WireWriter, deterministic: Bool) {
        switch value {
        case let .int32(number), let .enum(number): writer.writeVarint(UInt64(bitPattern: Int64(number)))
        case let .int64(number): writer.writeVarint(UInt64(bitPattern: number))
        case let .uint32(number): writer.writeVarint(UInt64(number))
        case let .uint64(number): writer.writeVarint(number)
        case let .bool(flag): writer.writeVarint(flag ? 1 : 0)
        case let .float(number): writer.writeFixed32(number.bitPattern)
        case let .double(number): writer.writeFixed64(number.bitPattern)
        case let .string(text):
            writer.writeVarint(UInt64(text.utf8.count))
            writer.writeUTF8(text)
        case let .bytes(bytes):
            writer.writeVarint(UInt64(bytes.count))
            writer.writeRaw(bytes)
        case let .message(message):
            writer.writeLengthDelimited { message.encode(to: &$0, deterministic: deterministic) }
        }
    }
}

extension DynamicMessage.Value {
    /// Zero, false, empty: what a proto3 field without presence does not write.
    var isZero: Bool {
        switch self {
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

    /// Map key order for deterministic output, as Python `protobuf` (upb) writes it, so
    /// that bytes match: integer keys by descending unsigned value (so -1 comes first),
    /// true before false, strings by ascending bytes except that a longer string comes
    /// before its own prefix.
    func sortsBefore(_ other: Self) -> Bool {
        switch (self, other) {
        case let (.int32(a), .int32(b)): return UInt32(bitPattern: a) > UInt32(bitPattern: b)
        case let (.int64(a), .int64(b)): return UInt64(bitPattern: a) > UInt64(bitPattern: b)
        case let (.uint32(a), .uint32(b)): return a > b
        case let (.uint64(a), .uint64(b)): return a > b
        case let (.bool(a), .bool(b)): return a && !b
        case let (.string(a), .string(b)):
            for (x, y) in zip(a.utf8, b.utf8) where x != y { return x < y }
            return a.utf8.count > b.utf8.count
        default: return false
        }
    }
}
