extension GeneratedMessage {
    /// Decodes a whole buffer, then checks that every proto2 `required` field is set, here and
    /// in every sub-message (as C++ `ParseFromString` and swift-protobuf do).
    @inlinable
    public init(serializedBytes bytes: [UInt8], nestingLimit: Int = WireReader.defaultNestingLimit) throws(GeneratedMessageError) {
        try self.init(serializedBytes: bytes, partial: false, nestingLimit: nestingLimit)
    }

    /// Decodes a whole buffer; with `partial`, unset `required` fields are accepted
    /// (C++ `ParsePartialFromString`, swift-protobuf's `partial: true`).
    @inlinable
    public init(serializedBytes bytes: [UInt8], partial: Bool, nestingLimit: Int = WireReader.defaultNestingLimit) throws(GeneratedMessageError) {
        var reader = WireReader(bytes, nestingLimit: nestingLimit)
        do {
            self = try Self(reading: &reader)
        } catch {
            throw .wire(error)
        }
        if !partial, let path = missingRequiredFieldPath() { throw .missingRequiredField(path: path) }
    }

    /// The message's binary encoding; an unset `required` field, here or in a sub-message, is
    /// an error (as C++ `SerializeToString` and Python's `SerializeToString` refuse it).
    @inlinable
    public func serializedBytes() throws(GeneratedMessageError) -> [UInt8] {
        try serializedBytes(partial: false)
    }

    /// The message's binary encoding; with `partial`, unset `required` fields are not checked.
    @inlinable
    public func serializedBytes(partial: Bool) throws(GeneratedMessageError) -> [UInt8] {
        if !partial, let path = missingRequiredFieldPath() { throw .missingRequiredField(path: path) }
        var writer = WireWriter(reservingCapacity: WireWriter.initialCapacity)
        encode(to: &writer)
        return writer.bytes
    }

    /// Whether every `required` field is set, here and in every sub-message.
    @inlinable
    public var isInitialized: Bool { missingRequiredFieldPath() == nil }

    /// Types that can hold no `required` field anywhere are always complete.
    @inlinable
    public func missingRequiredFieldPath() -> String? { nil }
}

/// How generated code names a map entry in a missing required field's path, as upb prints
/// it: integers in decimal, `true`/`false`, strings quoted with `"` escaped.
public enum RequiredFieldPath {
    @inlinable
    public static func key(_ key: some FixedWidthInteger) -> String { "[\(key)]" }

    @inlinable
    public static func key(_ key: Bool) -> String { key ? "[true]" : "[false]" }

    public static func key(_ key: String) -> String {
        var text = "[\""
        for character in key {
            if character == "\"" { text += "\\" }
            text.append(character)
        }
        return text + "\"]"
    }
}
