/// Turns an option's written value into the wire value of a field of a given type, with
/// protoc's range checks and messages.
struct OptionValueEncoding {
    let file: String
    let index: TypeIndex

    /// `value` as field `name` of `type`; `typeName` names the enum for enum fields.
    /// `textFormat` accepts text format's extra spellings (`t`/`f`, enum numbers).
    func encode(
        _ value: OptionSyntax.Value, type: FieldDescriptorProto.FieldType, typeName: String?, standardEnum: [String: Int32] = [:],
        name: String, position: SourcePosition, textFormat: Bool = false
    ) throws(ProtoError) -> WireValue {
        func fail(_ why: String) -> ProtoError { ProtoError(file, position, .invalidValue(why)) }
        switch type {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64:
            let is32 = type == .int32 || type == .sint32 || type == .sfixed32
            let signed: Int64
            switch value {
            case let .positiveInteger(magnitude):
                guard magnitude <= (is32 ? UInt64(Int32.max) : UInt64(Int64.max)) else { throw fail("value out of range for \(type) option \"\(name)\"") }
                signed = Int64(magnitude)
            case let .negativeInteger(magnitude):
                guard magnitude <= (is32 ? 1 << 31 : 1 << 63) else { throw fail("value out of range for \(type) option \"\(name)\"") }
                signed = magnitude == 1 << 63 ? Int64.min : -Int64(magnitude)
            default:
                throw fail("value must be integer for \(type) option \"\(name)\"")
            }
            switch type {
            case .sint32, .sint64: return .varint(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
            case .sfixed32: return .fixed32(UInt32(bitPattern: Int32(signed)))
            case .sfixed64: return .fixed64(UInt64(bitPattern: signed))
            default: return .varint(UInt64(bitPattern: signed))
            }
        case .uint32, .fixed32, .uint64, .fixed64:
            guard case let .positiveInteger(magnitude) = value else {
                throw fail("value must be non-negative integer for \(type) option \"\(name)\"")
            }
            let is32 = type == .uint32 || type == .fixed32
            guard !is32 || magnitude <= UInt64(UInt32.max) else { throw fail("value out of range for \(type) option \"\(name)\"") }
            switch type {
            case .fixed32: return .fixed32(UInt32(magnitude))
            case .fixed64: return .fixed64(magnitude)
            default: return .varint(magnitude)
            }
        case .float, .double:
            let number: Double
            switch value {
            case let .float(double): number = double
            case let .positiveInteger(magnitude): number = Double(magnitude)
            case let .negativeInteger(magnitude): number = -Double(magnitude)
            case let .identifier(word) where textFormat && ["infinity", "inf"].contains(word.lowercased()):
                number = .infinity
            case let .identifier(word) where textFormat && word.lowercased() == "nan":
                number = .nan
            default: throw fail("value must be number for \(type) option \"\(name)\"")
            }
            return type == .float ? .fixed32(Float(number).bitPattern) : .fixed64(number.bitPattern)
        case .bool:
            switch value {
            case .identifier("true"): return .varint(1)
            case .identifier("false"): return .varint(0)
            case .identifier("t") where textFormat, .identifier("True") where textFormat: return .varint(1)
            case .identifier("f") where textFormat, .identifier("False") where textFormat: return .varint(0)
            case .positiveInteger(let bit) where textFormat && bit <= 1: return .varint(bit)
            default: throw fail("value must be \"true\" or \"false\" for boolean option \"\(name)\"")
            }
        case .enum:
            return .varint(UInt64(bitPattern: Int64(try enumNumber(value, typeName: typeName, standard: standardEnum, name: name, textFormat: textFormat, fail: fail))))
        case .string, .bytes:
            guard case let .string(bytes) = value else { throw fail("value must be quoted string for string option \"\(name)\"") }
            return .lengthDelimited(bytes)
        case .message, .group:
            throw fail("option \"\(name)\" is a message; set it with \"\(name) = { <proto text format> }\" or set its fields one by one")
        }
    }

    private func enumNumber(
        _ value: OptionSyntax.Value, typeName: String?, standard: [String: Int32], name: String, textFormat: Bool,
        fail: (String) -> ProtoError
    ) throws(ProtoError) -> Int32 {
        let values: [String: Int32]
        if let typeName, let descriptor = index.enums[String(typeName.dropFirst())] {
            values = Dictionary(descriptor.value.map { ($0.name ?? "", $0.number ?? 0) }, uniquingKeysWith: { first, _ in first })
        } else {
            values = standard
        }
        switch value {
        case let .identifier(word):
            guard let number = values[word] else {
                throw fail("enum type \"\(typeName.map { String($0.dropFirst()) } ?? name)\" has no value named \"\(word)\" for option \"\(name)\"")
            }
            return number
        case let .positiveInteger(magnitude) where textFormat && magnitude <= UInt64(Int32.max):
            return Int32(magnitude)
        case let .negativeInteger(magnitude) where textFormat && magnitude <= 1 << 31:
            return Int32(-Int64(magnitude))
        default:
            throw fail("value must be identifier for enum-valued option \"\(name)\"")
        }
    }
}
