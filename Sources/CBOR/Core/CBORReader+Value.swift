extension CBORReader {
    /// Reads the next data item as a value tree.
    public mutating func readValue() throws(CBORError) -> CBOR {
        try readValue(depth: 0)
    }

    mutating func readValue(depth: Int) throws(CBORError) -> CBOR {
        let header = try readHeader()
        switch header.majorType {
        case .unsigned:
            return .unsigned(header.argument)
        case .negative:
            return .negative(header.argument)
        case .bytes:
            if !header.isIndefinite {
                return .bytes(Array(bytes[take(try checkedLength(header, minimumBytesPerUnit: 1))]))
            }
            return .indefiniteBytes(try readChunks(of: .bytes, after: header).map { Array(bytes[$0]) })
        case .text:
            if !header.isIndefinite {
                return .text(try decodeUTF8(take(try checkedLength(header, minimumBytesPerUnit: 1)), at: header.offset))
            }
            var chunks: [String] = []
            for chunk in try readChunks(of: .text, after: header) {
                chunks.append(try decodeUTF8(chunk, at: header.offset))
            }
            return .indefiniteText(chunks)
        case .array:
            try checkDepth(depth, header)
            if header.isIndefinite {
                var elements: [CBOR] = []
                while try !readBreakIfPresent() { elements.append(try readValue(depth: depth + 1)) }
                return .indefiniteArray(elements)
            }
            let count = try checkedLength(header, minimumBytesPerUnit: 1)
            var elements: [CBOR] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readValue(depth: depth + 1)) }
            return .array(elements)
        case .map:
            try checkDepth(depth, header)
            var entries: [(key: CBOR, value: CBOR)] = []
            var keys = MapKeyOrderCheck(options)
            if header.isIndefinite {
                while try !readBreakIfPresent() {
                    entries.append(try readEntry(depth: depth, keys: &keys))
                }
                return .indefiniteMap(entries)
            }
            let count = try checkedLength(header, minimumBytesPerUnit: 2)
            entries.reserveCapacity(count)
            for _ in 0..<count { entries.append(try readEntry(depth: depth, keys: &keys)) }
            return .map(entries)
        case .tag:
            try checkDepth(depth, header)
            return .tagged(header.argument, try readValue(depth: depth + 1))
        case .simpleOrFloat:
            return try simpleOrFloat(header)
        }
    }

    private mutating func readEntry(depth: Int, keys: inout MapKeyOrderCheck) throws(CBORError) -> (key: CBOR, value: CBOR) {
        let keyStart = offset
        let key = try readValue(depth: depth + 1)
        try keys.check(bytes[keyStart..<offset], at: keyStart)
        return (key, try readValue(depth: depth + 1))
    }

    func checkDepth(_ depth: Int, _ header: CBORHeader) throws(CBORError) {
        if depth >= options.maxNesting { throw .nestingTooDeep(offset: header.offset, limit: options.maxNesting) }
    }

    private func simpleOrFloat(_ header: CBORHeader) throws(CBORError) -> CBOR {
        switch header.additionalInfo {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 25:
            return .half(Float16(bitPattern: UInt16(header.argument)))
        case 26:
            let value = Float(bitPattern: UInt32(header.argument))
            try checkFloatShortest(Double(value), width: 4, header)
            return .float(value)
        case 27:
            let value = Double(bitPattern: header.argument)
            try checkFloatShortest(value, width: 8, header)
            return .double(value)
        default:
            return .simple(UInt8(header.argument))
        }
    }

    func checkFloatShortest(_ value: Double, width: Int, _ header: CBORHeader) throws(CBORError) {
        guard options.requireDeterministic else { return }
        if CBOR.preferredFloatWidth(value) < width {
            throw .notDeterministic(offset: header.offset, reason: .floatNotShortest)
        }
    }
}

/// Checks, in deterministic mode, that each map key sorts after the one before it.
struct MapKeyOrderCheck {
    private let order: CBORKeyOrder?
    private var previous: ArraySlice<UInt8>?

    init(_ options: CBORDecodingOptions) {
        order = options.requireDeterministic ? options.keyOrder : nil
    }

    mutating func check(_ key: ArraySlice<UInt8>, at offset: Int) throws(CBORError) {
        guard let order else { return }
        if let previous {
            if previous.elementsEqual(key) { throw .notDeterministic(offset: offset, reason: .duplicateMapKey) }
            if !order.precedes(previous, key) { throw .notDeterministic(offset: offset, reason: .mapKeysOutOfOrder) }
        }
        previous = key
    }
}
