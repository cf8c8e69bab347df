extension CBOR {
    /// The integer value if this is an integer that fits `Int64`.
    public var int64Value: Int64? {
        switch self {
        case let .unsigned(n): return Int64(exactly: n)
        case let .negative(n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The value if this is an unsigned integer.
    public var uint64Value: UInt64? {
        if case let .unsigned(n) = self { return n }
        return nil
    }

    /// The bytes of a byte string, definite or indefinite.
    public var bytesValue: [UInt8]? {
        switch self {
        case let .bytes(b): return b
        case let .indefiniteBytes(chunks): return Array(chunks.joined())
        default: return nil
        }
    }

    /// The text of a text string, definite or indefinite.
    public var textValue: String? {
        switch self {
        case let .text(t): return t
        case let .indefiniteText(chunks): return chunks.joined()
        default: return nil
        }
    }

    /// The elements of an array, definite or indefinite.
    public var arrayValue: [CBOR]? {
        switch self {
        case let .array(a), let .indefiniteArray(a): return a
        default: return nil
        }
    }

    /// The entries of a map, definite or indefinite, in order.
    public var mapValue: [(key: CBOR, value: CBOR)]? {
        switch self {
        case let .map(m), let .indefiniteMap(m): return m
        default: return nil
        }
    }

    /// The value of a float of any width.
    public var doubleValue: Double? {
        switch self {
        case let .half(f): return Double(f)
        case let .float(f): return Double(f)
        case let .double(d): return d
        default: return nil
        }
    }

    /// The value of a boolean.
    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// The first value stored under `key` if this is a map.
    public subscript(key: CBOR) -> CBOR? {
        mapValue?.first { $0.key == key }?.value
    }
}

extension CBOR: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: CBOR...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (CBOR, CBOR)...) { self = .map(elements.map { (key: $0.0, value: $0.1) }) }
}
