/// The coding key of an array element in a coding path.
struct CBORIndexKey: CodingKey {
    let index: Int

    init(_ index: Int) { self.index = index }
    init(intValue: Int) { index = intValue }
    init?(stringValue: String) { nil }

    var intValue: Int? { index }
    var stringValue: String { "Index \(index)" }
}

/// Any coding key: a dictionary key or `super` in a coding path.
struct CBORAnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    init(stringValue: String, intValue: Int?) {
        self.stringValue = stringValue
        self.intValue = intValue
    }

    static let `super` = CBORAnyKey(stringValue: "super")
}

extension CodingKey {
    /// Writes this key the way CBOR maps carry it: an integer when the key has
    /// an integer value (a `CodingKeys: Int` enum), else its text.
    func writeCBORKey(into writer: inout CBORWriter) {
        if let int = intValue {
            writer.writeInt(Int64(int))
        } else {
            writer.writeText(stringValue)
        }
    }
}

/// A dictionary key type that CBOR maps carry natively: `[String: T]` gets text
/// keys, `[Int: T]`, `[UInt64: T]` (and the other fixed-width integers) integer
/// keys, and `[CBOR: T]` any keys, instead of Codable's keyed-or-array fallback.
protocol CBORMapKey: Hashable, CBORNativeEncodable, CBORNativeDecodable {
    /// This key in a coding path.
    var codingKey: any CodingKey { get }
}

extension String: CBORMapKey {
    var codingKey: any CodingKey { CBORAnyKey(stringValue: self) }
}

extension CBOR: CBORMapKey {
    var codingKey: any CodingKey { CBORAnyKey(stringValue: String(describing: self)) }
}
