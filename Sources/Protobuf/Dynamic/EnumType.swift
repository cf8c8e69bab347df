/// An enum type as dynamic messages need it: its values in declaration order, by name,
/// and whether it is closed (proto2: numbers it does not name are unknown fields).
public struct EnumType: Sendable {
    public let fullName: String
    /// `(name, number)` in declaration order; the first is the default.
    public let values: [(name: String, number: Int32)]
    public let isClosed: Bool
    private let numbers: Set<Int32>

    init(fullName: String, values: [(name: String, number: Int32)], isClosed: Bool) {
        self.fullName = fullName
        self.values = values
        self.isClosed = isClosed
        numbers = Set(values.map(\.number))
    }

    public func contains(_ number: Int32) -> Bool {
        numbers.contains(number)
    }

    public func number(named name: String) -> Int32? {
        values.first { $0.name == name }?.number
    }
}
