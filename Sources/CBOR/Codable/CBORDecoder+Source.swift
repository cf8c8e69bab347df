/// What one call to ``CBORDecoder/decode(_:from:)`` shares between its containers.
final class CBORDecodingState {
    /// The whole input, already checked to be one well-formed item within the limits.
    let input: [UInt8]
    let options: CBORDecodingOptions
    let userInfo: [CodingUserInfoKey: Any]
    var origin = CBORErrorOrigin()

    init(input: [UInt8], options: CBORDecodingOptions, userInfo: [CodingUserInfoKey: Any]) {
        self.input = input
        self.options = options
        self.userInfo = userInfo
    }

    func reader(at offset: Int) -> CBORReader {
        var reader = CBORReader(input, options: options)
        reader.offset = offset
        return reader
    }
}

/// The next item to decode: a reader positioned at it and its coding path
/// (`parentPath` + `key`, built only when needed). Reading an item moves the
/// reader past it.
struct CBORDecodingSource {
    let state: CBORDecodingState
    var reader: CBORReader
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    /// Decodes one value: natively for the types CBOR knows, else through
    /// `init(from:)`, checking the tag of ``CBORTaggedCodable`` types first.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let native = T.self as? any CBORNativeDecodable.Type {
            // The cast cannot fail: `native` is `T.self`.
            return try native.decodeCBOR(from: &self) as! T
        }
        if let tagged = T.self as? any CBORTaggedCodable.Type {
            try expectTag(tagged.cborTag, for: T.self)
        }
        let start = reader.offset
        let path = codingPath
        let decoder = CBORDecoderImpl(state: state, offset: start, codingPath: path)
        let value: T
        do {
            value = try T(from: decoder)
        } catch {
            state.origin.note(error, codingPath: path, offset: start)
            throw error
        }
        if let end = decoder.itemEnd {
            reader.offset = end
        } else {
            try read(T.self) { reader throws(CBORError) in try reader.skip() }
        }
        return value
    }

    /// Consumes tag `tag`, or fails with a tag mismatch.
    mutating func expectTag(_ tag: UInt64, for type: Any.Type) throws {
        let header = try read(type) { reader throws(CBORError) in try reader.peekHeader() }
        guard header.majorType == .tag, header.argument == tag else {
            let found = header.majorType == .tag ? header.argument : nil
            throw failure(.tagMismatch(expected: tag, found: found), at: header.offset, type: type)
        }
        _ = try read(type) { reader throws(CBORError) in try reader.readHeader() }
    }

    // MARK: Errors

    func failure(_ kind: CBORCodingError.Kind, at offset: Int, type: Any.Type) -> DecodingError {
        CBORCodingError(kind: kind, codingPath: codingPath, offset: offset).asDecodingError(type: type)
    }

    /// Runs a reader operation, turning a ``CBORError`` into the `DecodingError`
    /// for `type` at this coding path.
    mutating func read<R>(_ type: Any.Type, _ body: (inout CBORReader) throws(CBORError) -> R) throws -> R {
        do throws(CBORError) {
            return try body(&reader)
        } catch {
            throw translate(error, type: type)
        }
    }

    func translate(_ error: CBORError, type: Any.Type) -> DecodingError {
        switch error {
        case let .typeMismatch(offset, expected, found):
            if found == "null" || found == "undefined" {
                return failure(.valueNotFound(expected: expected), at: offset, type: type)
            }
            return failure(.typeMismatch(expected: expected, found: found), at: offset, type: type)
        case let .integerOutOfRange(offset):
            return failure(.numberOutOfRange(String(describing: type)), at: offset, type: type)
        default:
            return failure(.invalidCBOR(error), at: error.offset, type: type)
        }
    }
}
