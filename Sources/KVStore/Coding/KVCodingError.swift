/// Why bytes could not be read as a command, query, result or snapshot: what was wrong
/// and at which byte offset.
public struct KVCodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the input the bad field starts.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
