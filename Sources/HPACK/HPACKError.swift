/// Why a header block could not be decoded: a COMPRESSION_ERROR in HTTP/2 terms.
///
/// Every case names one kind of bad input, and ``offset`` is the byte of the header
/// block where the representation at fault starts (or, for Huffman strings, the byte
/// where the fault was found). After an error the decoder's dynamic table is no longer
/// in step with the encoder's: HTTP/2 closes the connection (RFC 9113 §4.3).
public enum HPACKError: Error, Equatable, Sendable {
    /// The block ended inside a representation (its integer was cut short).
    case truncated(offset: Int)
    /// An integer is larger than 2^32 − 1 or takes more than five continuation bytes.
    case integerOverflow(offset: Int)
    /// An indexed field with index 0, which RFC 7541 §6.1 forbids.
    case zeroIndex(offset: Int)
    /// An index beyond the static table plus the `dynamicCount` dynamic entries.
    case indexOutOfRange(offset: Int, index: Int, dynamicCount: Int)
    /// A string's length runs past the end of the block.
    case stringBeyondInput(offset: Int, length: Int, available: Int)
    /// A Huffman string decodes the EOS symbol.
    case huffmanEndOfString(offset: Int)
    /// A Huffman string ends with more than 7 bits of padding.
    case huffmanPaddingTooLong(offset: Int)
    /// A Huffman string's padding is not a prefix of EOS (not all 1 bits).
    case huffmanPaddingNotOnes(offset: Int)
    /// A dynamic table size update above the limit this side set (SETTINGS_HEADER_TABLE_SIZE).
    case tableSizeUpdateAboveLimit(offset: Int, size: Int, limit: Int)
    /// A dynamic table size update after the first field of the block.
    case tableSizeUpdateNotAtStart(offset: Int)
    /// The limit was lowered below the table's size, and this block does not begin
    /// with the size update RFC 7541 §4.2 then requires.
    case tableSizeUpdateMissing(offset: Int)
    /// The decoded fields would exceed the maximum header list size (name + value + 32 each).
    case headerListTooLarge(offset: Int, size: Int, limit: Int)

    /// The byte offset in the header block where the error was found.
    public var offset: Int {
        switch self {
        case let .truncated(offset), let .integerOverflow(offset), let .zeroIndex(offset),
             let .indexOutOfRange(offset, _, _), let .stringBeyondInput(offset, _, _),
             let .huffmanEndOfString(offset), let .huffmanPaddingTooLong(offset),
             let .huffmanPaddingNotOnes(offset), let .tableSizeUpdateAboveLimit(offset, _, _),
             let .tableSizeUpdateNotAtStart(offset), let .tableSizeUpdateMissing(offset),
             let .headerListTooLarge(offset, _, _):
            return offset
        }
    }
}

extension HPACKError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(offset):
            return "header block ends inside the representation at byte \(offset)"
        case let .integerOverflow(offset):
            return "integer at byte \(offset) exceeds 2^32 - 1"
        case let .zeroIndex(offset):
            return "indexed field with index 0 at byte \(offset)"
        case let .indexOutOfRange(offset, index, dynamicCount):
            return "index \(index) at byte \(offset) is beyond the static table and \(dynamicCount) dynamic entries"
        case let .stringBeyondInput(offset, length, available):
            return "string of \(length) bytes at byte \(offset) runs past the \(available) byte(s) left"
        case let .huffmanEndOfString(offset):
            return "Huffman string contains EOS at byte \(offset)"
        case let .huffmanPaddingTooLong(offset):
            return "Huffman padding longer than 7 bits at byte \(offset)"
        case let .huffmanPaddingNotOnes(offset):
            return "Huffman padding is not all 1 bits at byte \(offset)"
        case let .tableSizeUpdateAboveLimit(offset, size, limit):
            return "table size update to \(size) at byte \(offset) exceeds the limit of \(limit)"
        case let .tableSizeUpdateNotAtStart(offset):
            return "table size update at byte \(offset) is not at the start of the header block"
        case let .tableSizeUpdateMissing(offset):
            return "header block at byte \(offset) lacks the table size update required after the limit was lowered"
        case let .headerListTooLarge(offset, size, limit):
            return "header list reaches \(size) bytes at byte \(offset), over the limit of \(limit)"
        }
    }
}
