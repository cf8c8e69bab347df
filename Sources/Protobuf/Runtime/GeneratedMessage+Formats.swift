/// proto3 JSON and text format for generated messages, through ``DynamicMessage``: the message's
/// bytes read as a dynamic message of its type in its file's pool (``GeneratedMessage/protoFile``),
/// printed; text read into a dynamic message, written to bytes, decoded as the generated type.
extension GeneratedMessage {
    /// The message as a dynamic message of its type (required fields not checked).
    public func dynamicMessage() throws(GeneratedMessageError) -> DynamicMessage {
        let (type, pool) = try Self.protoType()
        let bytes = try serializedBytes(partial: true)
        do {
            return try DynamicMessage(serializedBytes: bytes, type: type, pool: pool, checkRequired: false)
        } catch {
            throw Self.converted(error)
        }
    }

    /// The message as proto3 JSON, as Python's `json_format.MessageToJson(message, indent=...,
    /// sort_keys=..., ...)` writes it (see ``DynamicMessage/jsonText(pool:indent:sortKeys:options:)``).
    public func jsonString(indent: Int? = 2, sortKeys: Bool = false, options: JSONPrintOptions = .init()) throws(GeneratedMessageError) -> String {
        let message = try dynamicMessage()
        let pool = try Self.protoFile.pool()
        do {
            return try message.jsonText(pool: pool, indent: indent, sortKeys: sortKeys, options: options)
        } catch {
            throw .json(error)
        }
    }

    /// Reads proto3 JSON (see ``DynamicMessage/init(jsonText:type:pool:ignoreUnknownFields:nestingLimit:)``);
    /// unless `partial`, every `required` field must be set.
    public init(jsonString text: String, ignoreUnknownFields: Bool = false, partial: Bool = false) throws(GeneratedMessageError) {
        let (type, pool) = try Self.protoType()
        let message: DynamicMessage
        do {
            message = try DynamicMessage(jsonText: text, type: type, pool: pool, ignoreUnknownFields: ignoreUnknownFields)
        } catch {
            throw .jsonParse(error)
        }
        try self.init(dynamicMessage: message, partial: partial)
    }

    /// The message in text format as `protoc --decode` prints it, extensions declared in its file
    /// or imports by name; with `expandAny`, `Any` values whose type is there expanded
    /// (see ``DynamicMessage/textFormat(pool:extensions:expandAny:)``).
    public func textFormatString(expandAny: Bool = false) throws(GeneratedMessageError) -> String {
        try dynamicMessage().textFormat(pool: try Self.protoFile.pool(), extensions: try Self.protoFile.extensions(), expandAny: expandAny)
    }

    /// Reads text format as `protoc --encode` does, extensions by name and `Any` expanded or not
    /// (see ``DynamicMessage/init(textFormat:type:pool:extensions:nestingLimit:)``); unless
    /// `partial`, every `required` field must be set.
    public init(textFormat text: String, partial: Bool = false) throws(GeneratedMessageError) {
        let (type, pool) = try Self.protoType()
        let extensions = try Self.protoFile.extensions()
        let message: DynamicMessage
        do {
            message = try DynamicMessage(textFormat: text, type: type, pool: pool, extensions: extensions)
        } catch {
            throw .textFormat(error)
        }
        try self.init(dynamicMessage: message, partial: partial)
    }

    /// The generated value of a dynamic message of the same type, through its bytes.
    public init(dynamicMessage message: DynamicMessage, partial: Bool = false) throws(GeneratedMessageError) {
        guard message.type.fullName == Self.protoMessageName else {
            throw .descriptor("a \(message.type.fullName) is not a \(Self.protoMessageName)")
        }
        let bytes: [UInt8]
        do {
            bytes = try message.serializedBytes(deterministic: false, checkRequired: false)
        } catch {
            throw Self.converted(error)
        }
        try self.init(serializedBytes: bytes, partial: partial)
    }

    /// This type in its file's pool.
    private static func protoType() throws(GeneratedMessageError) -> (MessageType, DescriptorPool) {
        let pool = try protoFile.pool()
        guard let type = pool.messageType(protoMessageName) else {
            throw .descriptor("\(protoMessageName) is not declared in \(protoFile.name)")
        }
        return (type, pool)
    }

    private static func converted(_ error: DynamicMessageError) -> GeneratedMessageError {
        switch error {
        case let .wire(wire): return .wire(wire)
        case let .missingRequiredField(path): return .missingRequiredField(path: path)
        default: return .descriptor(error.description)
        }
    }
}
