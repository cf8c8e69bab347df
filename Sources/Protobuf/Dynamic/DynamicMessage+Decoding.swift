extension DynamicMessage {
    /// Decodes `bytes` as a message of `type`: packed and unpacked repeated fields both
    /// accepted, later singular values replacing earlier ones (sub-messages merged), oneof
    /// members replacing each other, unknown fields kept. Messages and groups nest at most
    /// `nestingLimit` deep; with `checkRequired`, unset proto2 `required` fields are an error.
    public init(
        serializedBytes bytes: [UInt8], type: MessageType, pool: DescriptorPool,
        nestingLimit: Int = WireReader.defaultNestingLimit, checkRequired: Bool = true
    ) throws(DynamicMessageError) {
        self.init(type: type)
        var reader = WireReader(bytes, nestingLimit: nestingLimit)
        var requiredMayBeMissing = false
        do {
            try merge(from: &reader, pool: pool, endGroup: nil, requiredMayBeMissing: &requiredMayBeMissing)
        } catch {
            throw .wire(error)
        }
        // The walk that names the missing field runs only when some message lacked one as it was read.
        if checkRequired, requiredMayBeMissing, let missing = firstMissingRequiredField() {
            throw .missingRequiredField(path: missing)
        }
    }

    /// Reads fields to the reader's end, or to the end tag of group `endGroup`; sets
    /// `requiredMayBeMissing` when this message, or one read inside it, ends without one of its
    /// `required` fields. (Only a hint: a later occurrence of a message field may supply it.)
    mutating func merge(
        from reader: inout WireReader, pool: DescriptorPool, endGroup: Int?, requiredMayBeMissing: inout Bool
    ) throws(WireError) {
        let start = reader.offset
        let type = self.type
        defer { noteMissingRequired(&requiredMayBeMissing) }
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if wireType == .endGroup {
                guard number == endGroup else { throw .unexpectedEndGroup(offset: reader.offset, field: number) }
                return
            }
            guard let position = type.position(number: number),
                  try mergeField(
                      at: position, type.decodePlan[position], number: number, wireType, from: &reader, pool: pool,
                      requiredMayBeMissing: &requiredMayBeMissing)
            else {
                unknownFields.append(try reader.readField(number: number, type: wireType))
                continue
            }
        }
        if let endGroup { throw .unterminatedGroup(offset: start, field: endGroup) }
    }

    private func noteMissingRequired(_ requiredMayBeMissing: inout Bool) {
        guard !requiredMayBeMissing else { return }
        for position in type.requiredPositions {
            if case .none = slots[position] {
                requiredMayBeMissing = true
                return
            }
        }
    }

    /// Reads one known field; false when its wire type does not fit, so it is kept as unknown.
    private mutating func mergeField(
        at position: Int, _ plan: FieldDecodePlan, number: Int, _ wireType: WireType, from reader: inout WireReader,
        pool: DescriptorPool, requiredMayBeMissing: inout Bool
    ) throws(WireError) -> Bool {
        switch plan.shape {
        case .scalar:
            guard wireType == plan.wireType else { return false }
            guard let value = try readValue(plan, number: number, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing)
            else { return true }
            if !plan.hasPresence && value.isZero {
                // Without presence, zero on the wire is the same as not set.
                slots[position] = nil
            } else {
                assign(position, oneof: plan.oneofIndex, .single(consume value))
            }
        case .message:
            guard wireType == plan.wireType else { return false }
            // Merged in place: taken out of its slot first, so its storage is not copied.
            var message: DynamicMessage
            if case let .single(.message(existing))? = slots.take(position) {
                message = existing
            } else {
                message = DynamicMessage(type: try Self.subtype(plan, number: number, pool: pool, at: reader.offset))
            }
            try readMessage(plan, number: number, into: &message, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing)
            assign(position, oneof: plan.oneofIndex, .single(.message(consume message)))
        case .repeated:
            if wireType == .lengthDelimited && plan.acceptsPacked {
                try mergePacked(at: position, plan, number: number, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing)
                return true
            }
            guard wireType == plan.wireType else { return false }
            guard let value = try readValue(plan, number: number, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing)
            else { return true }
            var list = takeRepeated(position)
            list.append(consume value)
            slots.set(position, .repeated(consume list))
        case .map:
            let field = type.fields[position]
            guard wireType == .lengthDelimited, let entryType = pool.messageType(of: field) else { return false }
            let entry = try reader.readMessage { (inner: inout WireReader) throws(WireError) -> DynamicMessage in
                var entry = DynamicMessage(type: entryType)
                try entry.merge(from: &inner, pool: pool, endGroup: nil, requiredMayBeMissing: &requiredMayBeMissing)
                return entry
            }
            try insertMapEntry(entry, field: field, pool: pool)
        }
        return true
    }

    /// A packed run of numbers for a repeated scalar field.
    private mutating func mergePacked(
        at position: Int, _ plan: FieldDecodePlan, number: Int, from reader: inout WireReader, pool: DescriptorPool,
        requiredMayBeMissing: inout Bool
    ) throws(WireError) {
        let outerEnd = try reader.enterLengthDelimited()
        var list = takeRepeated(position)
        while !reader.isAtEnd {
            if let value = try readValue(plan, number: number, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing) {
                list.append(value)
            }
        }
        reader.leaveLengthDelimited(outerEnd: outerEnd)
        if !list.isEmpty { slots.set(position, .repeated(consume list)) }
    }

    /// A repeated field's values, taken out of their slot so that appending to them does not copy them.
    private mutating func takeRepeated(_ position: Int) -> [Value] {
        guard case let .repeated(items)? = slots.take(position) else { return [] }
        return items
    }

    /// Merges a message field's payload (length-delimited, or up to its group's end tag) into `message`.
    private func readMessage(
        _ plan: FieldDecodePlan, number: Int, into message: inout DynamicMessage, from reader: inout WireReader,
        pool: DescriptorPool, requiredMayBeMissing: inout Bool
    ) throws(WireError) {
        if plan.type == .group {
            try reader.enterNesting()
            defer { reader.depth -= 1 }
            try message.merge(from: &reader, pool: pool, endGroup: number, requiredMayBeMissing: &requiredMayBeMissing)
            return
        }
        let outerEnd = try reader.enterLengthDelimited()
        try reader.enterNesting()
        try message.merge(from: &reader, pool: pool, endGroup: nil, requiredMayBeMissing: &requiredMayBeMissing)
        reader.depth -= 1
        reader.leaveLengthDelimited(outerEnd: outerEnd)
    }

    /// One value of the field's type; nil for a closed enum's unnamed number, which goes to the unknown fields.
    private mutating func readValue(
        _ plan: FieldDecodePlan, number: Int, from reader: inout WireReader, pool: DescriptorPool,
        requiredMayBeMissing: inout Bool
    ) throws(WireError) -> Value? {
        switch plan.type {
        case .int32: return .int32(Int32(truncatingIfNeeded: try reader.readVarint()))
        case .int64: return .int64(Int64(bitPattern: try reader.readVarint()))
        case .uint32: return .uint32(UInt32(truncatingIfNeeded: try reader.readVarint()))
        case .uint64: return .uint64(try reader.readVarint())
        case .sint32:
            let raw = UInt32(truncatingIfNeeded: try reader.readVarint())
            return .int32(Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case .sint64:
            let raw = try reader.readVarint()
            return .int64(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        case .bool: return .bool(try reader.readVarint() != 0)
        case .enum:
            let raw = try reader.readVarint()
            let value = Int32(truncatingIfNeeded: raw)
            if plan.isClosedEnum && !pool.enumContains(at: Int(plan.enumIndex), value) {
                unknownFields.append(WireField(number: number, value: .varint(raw)))
                return nil
            }
            return .enum(value)
        case .fixed32: return .uint32(try reader.readFixed32())
        case .sfixed32: return .int32(Int32(bitPattern: try reader.readFixed32()))
        case .float: return .float(Float(bitPattern: try reader.readFixed32()))
        case .fixed64: return .uint64(try reader.readFixed64())
        case .sfixed64: return .int64(Int64(bitPattern: try reader.readFixed64()))
        case .double: return .double(Double(bitPattern: try reader.readFixed64()))
        case .string: return .string(try reader.readString())
        case .bytes: return .bytes(try reader.readBytes())
        case .message, .group:
            var message = DynamicMessage(type: try Self.subtype(plan, number: number, pool: pool, at: reader.offset))
            try readMessage(plan, number: number, into: &message, from: &reader, pool: pool, requiredMayBeMissing: &requiredMayBeMissing)
            return .message(message)
        }
    }

    private static func subtype(_ plan: FieldDecodePlan, number: Int, pool: DescriptorPool, at offset: Int) throws(WireError) -> MessageType {
        // The pool checked every field's type when it was built, so this holds for any input.
        guard let subtype = pool.messageType(at: Int(plan.messageTypeIndex)) else {
            throw .invalidFieldNumber(offset: offset, number: UInt64(number))
        }
        return subtype
    }

    /// Adds a decoded entry, missing key or value taking its type's zero value; a repeated key replaces the earlier entry.
    private mutating func insertMapEntry(_ entry: DynamicMessage, field: MessageType.Field, pool: DescriptorPool) throws(WireError) {
        guard let keyField = entry.type.field(number: 1), let valueField = entry.type.field(number: 2) else { return }
        let key = entry.singleValue(1) ?? Self.zeroValue(keyField, pool: pool)
        let value = entry.singleValue(2) ?? Self.zeroValue(valueField, pool: pool)
        guard let key, let value else { return }
        var entries: [MapEntry] = []
        if case let .map(existing)? = slots.take(field.position) {
            entries = existing  // taken out of the slot, so that the entries below are changed in place, not copied
        }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(MapEntry(key: key, value: value))
        }
        slots[field.position] = .map(entries)
    }

    private func singleValue(_ number: Int) -> Value? {
        if case let .single(value)? = self[number] { return value }
        return nil
    }

    /// The value an unset field reads as: zero, empty, the first enum value, or an empty message.
    static func zeroValue(_ field: MessageType.Field, pool: DescriptorPool) -> Value? {
        switch field.type {
        case .int32, .sint32, .sfixed32: return .int32(0)
        case .int64, .sint64, .sfixed64: return .int64(0)
        case .uint32, .fixed32: return .uint32(0)
        case .uint64, .fixed64: return .uint64(0)
        case .float: return .float(0)
        case .double: return .double(0)
        case .bool: return .bool(false)
        case .string: return .string("")
        case .bytes: return .bytes([])
        case .enum: return .enum(field.typeName.flatMap { pool.enumType($0)?.values.first?.number } ?? 0)
        case .message, .group: return pool.messageType(of: field).map { .message(DynamicMessage(type: $0)) }
        }
    }

    /// The wire type values of `type` are written with (unpacked).
    static func wireType(of type: FieldDescriptorProto.FieldType) -> WireType {
        switch type {
        case .double, .fixed64, .sfixed64: return .fixed64
        case .float, .fixed32, .sfixed32: return .fixed32
        case .string, .bytes, .message: return .lengthDelimited
        case .group: return .startGroup
        default: return .varint
        }
    }
}

extension WireReader {
    /// A reader over `range` of the same bytes, at the same nesting depth.
    @usableFromInline
    init(sharing reader: WireReader, range: Range<Int>) {
        self.init(reader.bytes, nestingLimit: reader.nestingLimit)
        offset = range.lowerBound
        end = range.upperBound
        depth = reader.depth
    }
}
