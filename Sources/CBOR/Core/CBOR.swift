/// A CBOR data item (RFC 8949), as a value tree.
///
/// The tree keeps what the encoding said, not only what it meant: the width of a
/// floating-point number and whether a string, array or map was sent with
/// indefinite length. Decoding bytes and encoding the tree again with
/// ``CBOR/encoded()`` therefore gives the same bytes whenever the input used the
/// shortest argument for every length and integer.
///
/// Integers span the full CBOR range: ``unsigned(_:)`` holds 0...2⁶⁴−1 and
/// ``negative(_:)`` holds `n` for the value −1−n. Bignums are tags 2 and 3 around
/// a byte string, as the wire has them.
public enum CBOR: Sendable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the integer −1 − `n`.
    case negative(UInt64)
    /// Major type 2, definite length.
    case bytes([UInt8])
    /// Major type 3, definite length.
    case text(String)
    /// Major type 4, definite length.
    case array([CBOR])
    /// Major type 5, definite length, entries in the order they were written.
    case map([(key: CBOR, value: CBOR)])
    /// Major type 6: a tag number and its content.
    indirect case tagged(UInt64, CBOR)
    /// Major type 7: a simple value other than false, true, null and undefined.
    case simple(UInt8)
    /// Simple values 20 and 21.
    case bool(Bool)
    /// Simple value 22.
    case null
    /// Simple value 23.
    case undefined
    /// A half-precision float (`0xf9`).
    case half(Float16)
    /// A single-precision float (`0xfa`).
    case float(Float)
    /// A double-precision float (`0xfb`).
    case double(Double)
    /// A byte string sent as indefinite-length chunks.
    case indefiniteBytes([[UInt8]])
    /// A text string sent as indefinite-length chunks.
    case indefiniteText([String])
    /// An array sent with indefinite length.
    case indefiniteArray([CBOR])
    /// A map sent with indefinite length.
    case indefiniteMap([(key: CBOR, value: CBOR)])
}

extension CBOR {
    /// An integer item for any `Int64`.
    public static func int(_ value: Int64) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }

    /// The preferred float item for `value`: the shortest width that holds it
    /// exactly (RFC 8949 §4.1 preferred serialization).
    public static func preferredFloat(_ value: Double) -> CBOR {
        switch preferredFloatWidth(value) {
        case 2: return .half(value.isNaN ? .nan : Float16(value))
        case 4: return .float(Float(value))
        default: return .double(value)
        }
    }

    /// The byte width (2, 4 or 8) of the shortest float that holds `value`
    /// exactly; NaN takes the half-precision quiet NaN `0xf97e00`.
    public static func preferredFloatWidth(_ value: Double) -> Int {
        if value.isNaN || Double(Float16(value)) == value { return 2 }
        if Double(Float(value)) == value { return 4 }
        return 8
    }
}
