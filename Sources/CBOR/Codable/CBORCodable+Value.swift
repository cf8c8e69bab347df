/// A ``CBOR`` value is Codable, so a model can keep a field raw: ``CBOREncoder``
/// writes the item as it is (deterministically when asked) and ``CBORDecoder``
/// reads any item into it.
///
/// Other coders get a best-effort mapping: numbers, text, booleans and null as
/// themselves, byte strings as arrays of integers, arrays as arrays, maps with
/// text keys as keyed containers and a tag as `{"tag": n, "value": v}`. Maps with
/// other keys cannot be written there; decoding from them never yields tags,
/// byte strings or `undefined`.
extension CBOR: Codable {
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? CBORDecoderImpl {
            var source = decoder.source()
            self = try Self.decodeCBOR(from: &source)
            return
        }
        self = try Self.decodeForeign(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? CBOREncoderImpl {
            encodeCBOR(to: try encoder.singleValueSink())
            return
        }
        try encodeForeign(to: encoder)
    }
}

extension CBOR: CBORNativeEncodable, CBORNativeDecodable {
    func encodeCBOR(to sink: CBOREncodingSink) {
        if sink.state.deterministic {
            sink.node.writer.writeDeterministic(self, keyOrder: sink.state.keyOrder)
        } else {
            sink.node.writer.write(self)
        }
    }

    static func decodeCBOR(from source: inout CBORDecodingSource) throws -> CBOR {
        try source.read(CBOR.self) { reader throws(CBORError) in try reader.readValue() }
    }
}

// MARK: Other coders

extension CBOR {
    private func encodeForeign(to encoder: any Encoder) throws {
        switch self {
        case let .array(elements), let .indefiniteArray(elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case let .map(entries), let .indefiniteMap(entries):
            var container = encoder.container(keyedBy: CBORAnyKey.self)
            for (key, value) in entries {
                guard let text = key.textValue else {
                    throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath,
                        debugDescription: "only maps with text keys can be written by a non-CBOR encoder"))
                }
                try container.encode(value, forKey: CBORAnyKey(stringValue: text))
            }
        case let .tagged(tag, content):
            try CBORTagged(tag: tag, value: content).encode(to: encoder)
        default:
            var container = encoder.singleValueContainer()
            try encodeScalar(into: &container)
        }
    }

    private func encodeScalar(into container: inout any SingleValueEncodingContainer) throws {
        switch self {
        case let .unsigned(n): try container.encode(n)
        case let .negative(n): try container.encode(Int128(-1) - Int128(n))
        case .bytes, .indefiniteBytes: try container.encode(bytesValue ?? [])
        case .text, .indefiniteText: try container.encode(textValue ?? "")
        case let .simple(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case .null, .undefined: try container.encodeNil()
        case let .half(value): try container.encode(Float(value))
        case let .float(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case .array, .indefiniteArray, .map, .indefiniteMap, .tagged: break  // handled by encodeForeign
        }
    }

    private static func decodeForeign(from decoder: any Decoder) throws -> CBOR {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() { return .null }
            if let value = try? container.decode(Bool.self) { return .bool(value) }
            if let value = try? container.decode(Int64.self) { return .int(value) }
            if let value = try? container.decode(UInt64.self) { return .unsigned(value) }
            if let value = try? container.decode(Double.self) { return .double(value) }
            if let value = try? container.decode(String.self) { return .text(value) }
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [CBOR] = []
            while !container.isAtEnd { elements.append(try container.decode(CBOR.self)) }
            return .array(elements)
        }
        let container = try decoder.container(keyedBy: CBORAnyKey.self)
        return .map(try container.allKeys.map { key in (key: .text(key.stringValue), value: try container.decode(CBOR.self, forKey: key)) })
    }
}
