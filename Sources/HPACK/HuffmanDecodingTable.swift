/// The Huffman decoder as a state machine over nibbles, built once from ``HuffmanCode``.
///
/// States are the 256 internal nodes of the code tree (state 0 is the root). For each
/// state and each 4-bit input there is one transition: the next state, and the symbol
/// completed on the way if any (codes are at least 5 bits, so at most one). Reaching
/// EOS marks the transition as failing.
///
/// A string may end only at the root or on the all-1s path within 7 bits of it (the
/// padding, a prefix of EOS); ``paddingError(endState:offset:)`` says what else went wrong.
enum HuffmanDecodingTable {
    static let emitsFlag: UInt32 = 1 << 16
    static let failsFlag: UInt32 = 1 << 17

    /// `transitions[state << 4 | nibble]`: next state in bits 0-7, symbol in bits 8-15, flags above.
    static let transitions: [UInt32] = built.transitions

    /// For each state, its depth if its path from the root is all 1 bits, else -1.
    static let onesDepth: [Int] = built.onesDepth

    private static let built = build()

    /// Why a string ending in `endState` is malformed, or nil if it ends well.
    static func paddingError(endState: Int, offset: Int) -> HPACKError? {
        let depth = onesDepth[endState]
        if depth < 0 { return .huffmanPaddingNotOnes(offset: offset) }
        if depth > 7 { return .huffmanPaddingTooLong(offset: offset) }
        return nil
    }

    /// A child in the tree: an internal node (its state) or a leaf (its symbol).
    private enum Child {
        case node(Int)
        case leaf(Int)
    }

    private static func build() -> (transitions: [UInt32], onesDepth: [Int]) {
        // Insert every code, most significant bit first, creating internal nodes as needed.
        var children: [[Child?]] = [[nil, nil]]
        var onesDepth = [0]
        for symbol in 0...HuffmanCode.endOfString {
            let code = HuffmanCode.codes[symbol]
            let length = Int(HuffmanCode.lengths[symbol])
            var node = 0
            for bitIndex in stride(from: length - 1, through: 0, by: -1) {
                let bit = Int(code >> UInt32(bitIndex) & 1)
                if bitIndex == 0 {
                    children[node][bit] = .leaf(symbol)
                } else if case let .node(next)? = children[node][bit] {
                    node = next
                } else {
                    children.append([nil, nil])
                    onesDepth.append(bit == 1 && onesDepth[node] >= 0 ? onesDepth[node] + 1 : -1)
                    children[node][bit] = .node(children.count - 1)
                    node = children.count - 1
                }
            }
        }
        var transitions = [UInt32](repeating: 0, count: children.count << 4)
        for state in children.indices {
            for nibble in 0..<16 {
                var node = state
                var step: UInt32 = 0
                for bitIndex in stride(from: 3, through: 0, by: -1) where step & failsFlag == 0 {
                    switch children[node][nibble >> bitIndex & 1] {
                    case let .node(next)?:
                        node = next
                    case let .leaf(symbol)? where symbol == HuffmanCode.endOfString:
                        step |= failsFlag
                    case let .leaf(symbol)?:
                        step |= emitsFlag | UInt32(symbol) << 8
                        node = 0
                    case nil:
                        // The code is complete (Kraft sum 1): every branch is a node or a leaf.
                        step |= failsFlag
                    }
                }
                transitions[state << 4 | nibble] = step | UInt32(node)
            }
        }
        return (transitions, onesDepth)
    }
}
