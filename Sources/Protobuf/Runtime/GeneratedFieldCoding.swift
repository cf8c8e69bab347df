extension WireReader {
    /// A singular value of codec `C`; nil when the field came with another wire type (kept as unknown).
    @inlinable
    public mutating func read<C: ProtoFieldCodec>(_: C.Type, _ type: WireType) throws(WireError) -> C.Value? {
        guard type == C.wireType else { return nil }
        return try C.read(&self)
    }

    /// Appends values of a repeated field, written packed or one per tag; false when the wire type does not fit.
    @inlinable
    public mutating func readRepeated<C: ProtoFieldCodec>(_: C.Type, _ type: WireType, into values: inout [C.Value]) throws(WireError) -> Bool {
        if type == C.wireType {
            values.append(try C.read(&self))
            return true
        }
        guard type == .lengthDelimited && C.isPackable else { return false }
        let range = try readLengthDelimitedRange()
        var inner = WireReader(sharing: self, range: range)
        while !inner.isAtEnd { values.append(try C.read(&inner)) }
        return true
    }

    /// A closed (proto2) enum value: a number the type does not name goes to `unknownFields`,
    /// as upb keeps it, and nil is returned.
    @inlinable
    public mutating func readClosedEnum<E: GeneratedEnum>(
        _: E.Type, number: Int, unknownFields: inout [WireField]
    ) throws(WireError) -> E? {
        let raw = try readVarint()
        let value = Int32(truncatingIfNeeded: raw)
        guard E.names(value) else {
            unknownFields.append(WireField(number: number, value: .varint(raw)))
            return nil
        }
        return E(rawValue: value)
    }

    /// Values of a repeated closed enum, packed or not; unnamed numbers go to `unknownFields`.
    @inlinable
    public mutating func readRepeatedClosedEnum<E: GeneratedEnum>(
        _: E.Type, _ type: WireType, number: Int, into values: inout [E], unknownFields: inout [WireField]
    ) throws(WireError) -> Bool {
        if type == .varint {
            if let value = try readClosedEnum(E.self, number: number, unknownFields: &unknownFields) { values.append(value) }
            return true
        }
        guard type == .lengthDelimited else { return false }
        let range = try readLengthDelimitedRange()
        var inner = WireReader(sharing: self, range: range)
        while !inner.isAtEnd {
            if let value = try inner.readClosedEnum(E.self, number: number, unknownFields: &unknownFields) { values.append(value) }
        }
        return true
    }

    /// One map entry: a missing key or value reads as its zero, a repeated key replaces the earlier value.
    @inlinable
    public mutating func readMapEntry<K: ProtoFieldCodec, V: ProtoFieldCodec>(
        _: K.Type, _: V.Type, _ type: WireType, into map: inout [K.Value: V.Value]
    ) throws(WireError) -> Bool {
        guard type == .lengthDelimited else { return false }
        let (key, value) = try readMessage { (inner: inout WireReader) throws(WireError) -> (K.Value, V.Value) in
            var key = K.zero
            var value = V.zero
            while !inner.isAtEnd {
                let (number, wireType) = try inner.readTag()
                if number == 1, wireType == K.wireType {
                    key = try K.read(&inner)
                } else if number == 2, wireType == V.wireType {
                    value = try V.read(&inner)
                } else {
                    _ = try inner.readField(number: number, type: wireType)
                }
            }
            return (key, value)
        }
        map[key] = value
        return true
    }
}

extension WireWriter {
    /// A tagged value of codec `C`.
    @inlinable
    public mutating func write<C: ProtoFieldCodec>(_: C.Type, _ number: Int, _ value: C.Value) {
        writeTag(number, C.wireType)
        C.write(value, to: &self)
    }

    /// The values of a repeated field, packed in one length-delimited field or one per tag; nothing when empty.
    @inlinable
    public mutating func writeRepeated<C: ProtoFieldCodec>(_: C.Type, _ number: Int, _ values: [C.Value], packed: Bool) {
        guard !values.isEmpty else { return }
        guard packed else {
            for value in values { write(C.self, number, value) }
            return
        }
        writeTag(number, .lengthDelimited)
        writeLengthDelimited { inner in
            for value in values { C.write(value, to: &inner) }
        }
    }

    /// A map's entries, in upb's deterministic key order so the bytes equal Python's `deterministic=True`.
    @inlinable
    public mutating func writeMap<K: ProtoFieldCodec, V: ProtoFieldCodec>(_: K.Type, _: V.Type, _ number: Int, _ map: [K.Value: V.Value]) {
        for key in map.keys.sorted(by: K.keyPrecedes) {
            guard let value = map[key] else { continue }
            writeTag(number, .lengthDelimited)
            writeLengthDelimited { inner in
                inner.write(K.self, 1, key)
                inner.write(V.self, 2, value)
            }
        }
    }
}
