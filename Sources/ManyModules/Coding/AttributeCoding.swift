import CBOR
import ManyProtocol

/// Attributes inside Codable types, as CBOR values (many-rs `many-types/src/attributes.rs`):
/// an attribute is its id, or `[id, arguments…]`; a set is an array in id order.
enum AttributeCoding {
    static func cbor(_ attribute: Attribute) -> CBOR {
        attribute.arguments.isEmpty
            ? .unsigned(UInt64(attribute.id))
            : .array([.unsigned(UInt64(attribute.id))] + attribute.arguments)
    }

    static func cbor(_ attributes: AttributeSet) -> CBOR {
        .array(attributes.sorted.map(cbor))
    }

    static func attributeSet(_ value: CBOR) throws(ManyError) -> AttributeSet {
        var reader = CBORReader(value.encoded())
        return try AttributeSet(reading: &reader)
    }
}
