/// An enum type written by `swift-many-protoc --swift_out`: its named values as cases,
/// numbers it does not name as `unrecognized` (open proto3 enums keep them).
public protocol GeneratedEnum: Hashable, Sendable {
    init(rawValue: Int32)
    var rawValue: Int32 { get }
    /// proto2 enums are closed: a number they do not name is kept as an unknown field.
    static var isClosed: Bool { get }
    /// Whether the type names `number`.
    static func names(_ number: Int32) -> Bool
}
