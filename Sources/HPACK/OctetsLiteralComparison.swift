/// Comparing octets (field names and values) with text constants.
extension Array where Element == UInt8 {
    /// Whether these octets are `text`'s UTF-8 octets. A `StaticString` has no reference
    /// count, so comparing field names against constants this way does not retain one
    /// shared array from every thread (which bounces its count between cores).
    package func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        let literal = text.utf8Start
        return withUnsafeBufferPointer { octets in
            for index in octets.indices where octets[index] != literal[index] { return false }
            return true
        }
    }
}
