/// Text format of bytes read without a type, as `protoc --decode_raw` prints them: every
/// field by number, varints unsigned, fixed values in hex, groups and length-delimited values
/// that parse as fields as nested blocks, other values as strings.
public enum RawTextFormat {
    /// The fields of `bytes`; a `WireError` when they are not a run of well-formed fields
    /// (groups nested at most `nestingLimit` deep), where protoc says "Failed to parse input."
    public static func print(_ bytes: [UInt8], nestingLimit: Int = WireReader.defaultNestingLimit) throws(WireError) -> String {
        var reader = WireReader(bytes, nestingLimit: nestingLimit)
        let fields = try UnknownFieldsPrinter.fields(&reader, group: nil)
        var output = ""
        UnknownFieldsPrinter.print(fields, indent: "", into: &output)
        return output
    }
}
