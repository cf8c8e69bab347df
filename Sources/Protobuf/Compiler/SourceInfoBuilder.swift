/// Builds a file's `SourceCodeInfo` from the parser's locations, then renames each option's
/// location from its uninterpreted path (`[..., options, 999, i]`) to the path of the
/// option field it set (`[..., options, number, ...]`, plus an index for repeated options),
/// dropping the option's inner locations, as protoc's `UpdateSourceCodeInfo` does.
enum SourceInfoBuilder {
    static func build(_ records: [LocationRecord], interpretedPaths: [[Int32]: [Int32]]) -> SourceCodeInfo {
        var info = SourceCodeInfo()
        var removingUnder: [Int32]?
        for record in records {
            if let prefix = removingUnder {
                if record.path.count >= prefix.count && Array(record.path.prefix(prefix.count)) == prefix { continue }
                removingUnder = nil
            }
            var location = SourceCodeInfo.Location()
            location.path = record.path
            if let destination = interpretedPaths[record.path] {
                location.path = destination
                removingUnder = record.path
            }
            location.span = record.span
            if !record.leadingComments.isEmpty { location.leadingComments = record.leadingComments }
            if !record.trailingComments.isEmpty { location.trailingComments = record.trailingComments }
            location.leadingDetachedComments = record.detachedComments
            info.location.append(location)
        }
        return info
    }
}
