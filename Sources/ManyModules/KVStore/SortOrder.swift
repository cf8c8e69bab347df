/// The order of a listing (many-rs `many_types::SortOrder`): an unsigned integer 0, 1 or 2;
/// any other number is a decoding error.
public enum SortOrder: UInt8, Sendable, Hashable, Codable {
    case indeterminate = 0
    case ascending = 1
    case descending = 2
}
