/// The standard codes and templates of many-rs `many-error/src/error.rs` (the
/// `many_error!` table), with a constructor for each.
extension ManyError {
    /// One standard error: its code, many-rs name, message template and argument names.
    public struct Standard: Sendable {
        public let code: Int64
        public let name: String
        public let template: String
        public let fields: [String]
    }

    /// Every standard error, in many-rs's order.
    public static let standardErrors: [Standard] = [
        // -1 … -999: generic, unexpected or transport errors.
        .init(code: -1, name: "Unknown", template: "Unknown error: {message}", fields: ["message"]),
        .init(code: -2, name: "MessageTooLong", template: "Message is too long. Max allowed size is {max} bytes.", fields: ["max"]),
        .init(code: -3, name: "DeserializationError", template: "Deserialization error:\n{details}", fields: ["details"]),
        .init(code: -4, name: "SerializationError", template: "Serialization error:\n{details}", fields: ["details"]),
        .init(code: -5, name: "UnexpectedEmptyRequest", template: "Request of a message was unexpectedly empty.", fields: []),
        .init(code: -6, name: "UnexpectedEmptyResponse", template: "Response of a message was unexpectedly empty.", fields: []),
        .init(code: -7, name: "UnexpectedTransportError", template: "The transport returned an error unexpectedly:\n{inner}", fields: ["inner"]),
        .init(code: -8, name: "CouldNotRouteMessage", template: "Could not find a handler for the message.", fields: []),
        .init(code: -9, name: "InvalidAttribtueId", template: "Unexpected attribute ID: {id}.", fields: ["id"]),
        .init(code: -10, name: "InvalidAttributeArguments", template: "Attribute does not have the right arguments.", fields: []),
        .init(code: -11, name: "AttributeNotFound", template: "Expected attribute {id} not found.", fields: ["id"]),
        .init(code: -100, name: "InvalidIdentity", template: "Identity is invalid (does not follow the protocol).", fields: []),
        .init(code: -101, name: "InvalidIdentityPrefix", template: "Identity string did not start with the right prefix. Expected 'm', was '{actual}'.", fields: ["actual"]),
        .init(code: -102, name: "InvalidIdentityKind", template: "Identity kind \"{actual}\" was not recognized.", fields: ["actual"]),
        .init(code: -103, name: "InvalidIdentitySubResourceId", template: "Invalid Subresource ID. Subresource IDs are 31 bits.", fields: []),
        .init(code: -104, name: "SenderCannotBeAnonymous", template: "Invalid Identity; the sender cannot be anonymous.", fields: []),
        // -200 …: HSM (PKCS#11).
        .init(code: -200, name: "HSMInitError", template: "PKCS#11 init error:\n{details}", fields: ["details"]),
        .init(code: -201, name: "HSMSessionError", template: "PKCS#11 session error:\n{details}", fields: ["details"]),
        .init(code: -202, name: "HSMLoginError", template: "PKCS#11 login error:\n{details}", fields: ["details"]),
        .init(code: -203, name: "HSMKeyIdError", template: "PKCS#11 key ID error:\n{details}", fields: ["details"]),
        .init(code: -204, name: "HSMSignError", template: "PKCS#11 sign error:\n{details}", fields: ["details"]),
        .init(code: -205, name: "HSMVerifyError", template: "PKCS#11 verify error:\n{details}", fields: ["details"]),
        .init(code: -206, name: "HSMECPointError", template: "PKCS#11 EC Point error:\n{details}", fields: ["details"]),
        .init(code: -207, name: "HSMECParamsError", template: "PKCS#11 EC Params error:\n{details}", fields: ["details"]),
        .init(code: -208, name: "HSMKeygenError", template: "PKCS#11 key generation error:\n{details}", fields: ["details"]),
        .init(code: -209, name: "HSMMutexPoisoned", template: "PKCS#11 global instance mutex poisoned:\n{details}", fields: ["details"]),
        // -1000 …: request errors.
        .init(code: -1000, name: "InvalidMethodName", template: "Invalid method name: \"{method}\".", fields: ["method"]),
        .init(code: -1001, name: "InvalidFromIdentity", template: "The identity of the from field is invalid or unexpected.", fields: []),
        .init(code: -1002, name: "CouldNotVerifySignature", template: "Could not verify the signature: {details}.", fields: ["details"]),
        .init(code: -1003, name: "UnknownDestination", template: "Unknown destination for message.\nThis is \"{this}\", message was for \"{to}\".", fields: ["to", "this"]),
        .init(code: -1004, name: "EmptyEnvelope", template: "An envelope must contain a payload.", fields: []),
        .init(code: -1005, name: "TimestampOutOfRange", template: "The message's timestamp is out of the accepted range of the server.", fields: []),
        .init(code: -1006, name: "RequiredFieldMissing", template: "Field is required but missing: '{field}'.", fields: ["field"]),
        .init(code: -1007, name: "NonWebAuthnRequestDenied", template: "Non-WebAuthn request denied for endpoint '{endpoint}'.", fields: ["endpoint"]),
        // -2000 …: server errors.
        .init(code: -2000, name: "InternalServerError", template: "An internal server error happened.", fields: []),
    ]

    private static let standardByCode: [Int64: Standard] =
        Dictionary(uniqueKeysWithValues: standardErrors.map { ($0.code, $0) })

    /// The standard template for `code`, or nil for codes many-rs does not define.
    public static func standardTemplate(for code: Int64) -> String? { standardByCode[code]?.template }

    /// The standard error `code` with its template and `arguments`.
    static func standard(_ code: Int64, _ arguments: [String: String] = [:]) -> ManyError {
        ManyError(code: code, message: standardByCode[code]?.template, arguments: arguments)
    }

    public static func unknown(_ message: String) -> ManyError { standard(-1, ["message": message]) }
    public static func messageTooLong(max: Int) -> ManyError { standard(-2, ["max": String(max)]) }
    public static func deserializationError(_ details: String) -> ManyError { standard(-3, ["details": details]) }
    public static func serializationError(_ details: String) -> ManyError { standard(-4, ["details": details]) }
    public static func unexpectedEmptyRequest() -> ManyError { standard(-5) }
    public static func unexpectedEmptyResponse() -> ManyError { standard(-6) }
    public static func unexpectedTransportError(_ inner: String) -> ManyError { standard(-7, ["inner": inner]) }
    public static func couldNotRouteMessage() -> ManyError { standard(-8) }
    public static func invalidAttributeID(_ id: UInt32) -> ManyError { standard(-9, ["id": String(id)]) }
    public static func invalidAttributeArguments() -> ManyError { standard(-10) }
    public static func attributeNotFound(_ id: UInt32) -> ManyError { standard(-11, ["id": String(id)]) }
    public static func invalidIdentity() -> ManyError { standard(-100) }
    public static func invalidIdentityPrefix(actual: String) -> ManyError { standard(-101, ["actual": actual]) }
    public static func invalidIdentityKind(actual: String) -> ManyError { standard(-102, ["actual": actual]) }
    public static func invalidIdentitySubresourceID() -> ManyError { standard(-103) }
    public static func senderCannotBeAnonymous() -> ManyError { standard(-104) }
    public static func invalidMethodName(_ method: String) -> ManyError { standard(-1000, ["method": method]) }
    public static func invalidFromIdentity() -> ManyError { standard(-1001) }
    public static func couldNotVerifySignature(_ details: String) -> ManyError { standard(-1002, ["details": details]) }
    public static func unknownDestination(to: String, this: String) -> ManyError { standard(-1003, ["to": to, "this": this]) }
    public static func emptyEnvelope() -> ManyError { standard(-1004) }
    public static func timestampOutOfRange() -> ManyError { standard(-1005) }
    public static func requiredFieldMissing(_ field: String) -> ManyError { standard(-1006, ["field": field]) }
    public static func nonWebAuthnRequestDenied(endpoint: String) -> ManyError { standard(-1007, ["endpoint": endpoint]) }
    public static func internalServerError() -> ManyError { standard(-2000) }

    /// An HSM (PKCS#11) error, codes -200…-209.
    public static func hsm(code: Int64, details: String) -> ManyError { standard(code, ["details": details]) }

    /// Error `id` of attribute `attribute`: code `attribute × -10000 − id` (many-rs
    /// `define_attribute_many_error!`).
    public static func attributeSpecific(
        attribute: UInt32, id: UInt32, message: String, arguments: [String: String] = [:]
    ) -> ManyError {
        ManyError(code: Int64(attribute) * -10000 - Int64(id), message: message, arguments: arguments)
    }

    /// An application error with a non-negative code (many-rs `define_application_many_error!`).
    public static func applicationSpecific(code: UInt32, message: String, arguments: [String: String] = [:]) -> ManyError {
        ManyError(code: Int64(code), message: message, arguments: arguments)
    }
}
