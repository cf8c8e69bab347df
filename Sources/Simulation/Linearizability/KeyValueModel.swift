/// A request to a key-value store.
public enum KeyValueInput<Key: Hashable & Sendable, Value: Hashable & Sendable>: Hashable, Sendable {
    case put(Key, Value)
    case get(Key)
    case delete(Key)
    /// Sets the key to `new` if its value is `expected` (`nil`: if the key is absent).
    case compareAndSet(Key, expected: Value?, new: Value)

    public var key: Key {
        switch self {
        case .put(let key, _), .get(let key), .delete(let key), .compareAndSet(let key, _, _): key
        }
    }
}

/// A key-value store's reply.
public enum KeyValueOutput<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The reply to `put` and `delete`.
    case ok
    /// The reply to `get`: the value, or `nil` if the key is absent.
    case value(Value?)
    /// The reply to `compareAndSet`: whether it swapped.
    case swapped(Bool)
}

/// A linearizable key-value store: each key is an independent register, so the history is
/// partitioned per key and the state is the value of one key.
public struct KeyValueModel<Key: Hashable & Sendable, Value: Hashable & Sendable>: LinearizabilityModel, Sendable {
    public typealias Input = KeyValueInput<Key, Value>
    public typealias Output = KeyValueOutput<Value>

    /// The value of the one key a partition is about.
    public struct KeyState: Hashable, Sendable {
        public var value: Value?
        public init(_ value: Value?) { self.value = value }
    }

    public init() {}

    public var initialState: KeyState { KeyState(nil) }

    /// A reply of the wrong kind (a `get` answered with `.swapped`, say) is rejected like
    /// a wrong value: no sequential execution explains it.
    public func step(_ state: KeyState, _ input: Input, _ output: Output?) -> KeyState? {
        switch (input, output) {
        case (.put(_, let value), nil), (.put(_, let value), .ok?):
            return KeyState(value)
        case (.delete, nil), (.delete, .ok?):
            return KeyState(nil)
        case (.get, nil):
            return state
        case (.get, .value(let seen)?):
            return seen == state.value ? state : nil
        case (.compareAndSet(_, let expected, let new), nil):
            return state.value == expected ? KeyState(new) : state
        case (.compareAndSet(_, let expected, let new), .swapped(let swapped)?):
            guard swapped == (state.value == expected) else { return nil }
            return swapped ? KeyState(new) : state
        default:
            return nil
        }
    }

    public func isReadOnly(_ input: Input) -> Bool {
        if case .get = input { true } else { false }
    }

    /// One partition per key, in order of each key's first operation.
    public func partition(_ history: [ClientOperation<Input, Output>]) -> [[Int]] {
        var groupOfKey: [Key: Int] = [:]
        var groups: [[Int]] = []
        for (index, operation) in history.enumerated() {
            let key = operation.input.key
            if let group = groupOfKey[key] {
                groups[group].append(index)
            } else {
                groupOfKey[key] = groups.count
                groups.append([index])
            }
        }
        return groups
    }

    public func describe(_ operation: ClientOperation<Input, Output>) -> String {
        let request: String =
            switch operation.input {
            case .put(let key, let value): "put(\(key), \(value))"
            case .get(let key): "get(\(key))"
            case .delete(let key): "delete(\(key))"
            case .compareAndSet(let key, let expected, let new):
                "cas(\(key), \(Self.text(expected)), \(new))"
            }
        let reply: String =
            switch operation.output {
            case nil: "? (pending)"
            case .ok?: "ok"
            case .value(let value)?: Self.text(value)
            case .swapped(let swapped)?: swapped ? "swapped" : "not swapped"
            }
        return "client \(operation.clientID) \(operation.intervalDescription) \(request) -> \(reply)"
    }

    public func describe(state: KeyState) -> String {
        Self.text(state.value)
    }

    private static func text(_ value: Value?) -> String {
        value.map { String(describing: $0) } ?? "absent"
    }
}
