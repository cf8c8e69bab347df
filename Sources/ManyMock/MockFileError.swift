/// Why a mock file was refused, with the 1-based line and column where it went wrong.
public struct MockFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// 1-based; 0 when the error concerns the whole file (e.g. it cannot be read).
    public let line: Int
    /// 1-based, counted in Unicode scalars; 0 with `line`.
    public let column: Int

    public init(_ message: String, line: Int = 0, column: Int = 0) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line == 0 ? message : "line \(line), column \(column): \(message)"
    }
}
