/// How a message is written as proto3 JSON; the defaults are Python `json_format`'s.
public struct JSONPrintOptions: Sendable {
    /// Also write fields without presence when unset (zero, `[]`, `{}`), like Python's
    /// `always_print_fields_with_no_presence` (formerly `including_default_value_fields`).
    public var alwaysPrintFieldsWithNoPresence = false
    /// Field names as declared (`snake_case`) rather than their JSON names.
    public var preservingProtoFieldName = false
    /// Enum values as numbers rather than names.
    public var useIntegersForEnums = false

    public init(alwaysPrintFieldsWithNoPresence: Bool = false, preservingProtoFieldName: Bool = false, useIntegersForEnums: Bool = false) {
        self.alwaysPrintFieldsWithNoPresence = alwaysPrintFieldsWithNoPresence
        self.preservingProtoFieldName = preservingProtoFieldName
        self.useIntegersForEnums = useIntegersForEnums
    }
}
