/// The `Encoder` handed to `encode(to:)`: it appends exactly one item to `node`,
/// either a scalar through its single-value container or a nested container.
final class CBOREncoderImpl: Encoder {
    let state: CBOREncodingState
    let node: CBOREncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    /// The container this encoder's value became, if it asked for one.
    private var container: CBOREncodingNode?
    private var wroteSingleValue = false

    init(state: CBOREncodingState, node: CBOREncodingNode, codingPath: [any CodingKey]) {
        self.state = state
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CBORKeyedEncodingContainer<Key>(state: state, node: containerNode(.map), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        CBORUnkeyedEncodingContainer(state: state, node: containerNode(.array), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CBORSingleValueEncodingContainer(encoder: self)
    }

    /// The node for this encoder's container. Asking twice for the same kind
    /// gives the same container (a class and its superclass may share one);
    /// anything else would make two items where one belongs, so it is recorded
    /// as misuse, thrown when encoding ends, and the extra container is dropped.
    private func containerNode(_ kind: CBOREncodingNode.Kind) -> CBOREncodingNode {
        if let container, container.kind == kind { return container }
        if container != nil || wroteSingleValue {
            state.recordMisuse("a second container or value for one item", codingPath: codingPath)
            return CBOREncodingNode(kind, codingPath: codingPath, sortsKeys: false)
        }
        let child = node.appendChild(kind, codingPath: codingPath)
        container = child
        return child
    }

    /// Where a single value goes; throws if this encoder already holds a value.
    func singleValueSink() throws -> CBOREncodingSink {
        if container != nil || wroteSingleValue {
            throw CBORCodingError(kind: .invalidValue("a second value for one item"), codingPath: codingPath)
                .asEncodingError(value: ())
        }
        wroteSingleValue = true
        return CBOREncodingSink(state: state, node: node, parentPath: codingPath, key: nil)
    }
}
