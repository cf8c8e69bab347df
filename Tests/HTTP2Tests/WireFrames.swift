import HPACK

/// Frames written and read byte by byte from RFC 9113 §4.1 and §6, independently of
/// the engine's own frame layer, so tests see exactly what a peer would.
enum Wire {
    // Frame types and error codes as RFC 9113 §6 and §7 number them.
    static let data: UInt8 = 0, headers: UInt8 = 1, priority: UInt8 = 2, rstStream: UInt8 = 3, settings: UInt8 = 4
    static let pushPromise: UInt8 = 5, ping: UInt8 = 6, goAway: UInt8 = 7, windowUpdate: UInt8 = 8, continuation: UInt8 = 9
    static let endStream: UInt8 = 0x1, ack: UInt8 = 0x1, endHeaders: UInt8 = 0x4, padded: UInt8 = 0x8, priorityFlag: UInt8 = 0x20

    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    static func frame(_ type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, _ payload: [UInt8] = []) -> [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags]
            + be32(stream) + payload
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    static func setting(_ id: UInt16, _ value: UInt32) -> [UInt8] { [UInt8(id >> 8), UInt8(id & 0xff)] + be32(value) }
    static func settingsFrame(_ parameters: [UInt8] = []) -> [UInt8] { frame(settings, parameters) }
    static let settingsAck = frame(settings, flags: ack)
    static func ping(_ opaque: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8], flags: UInt8 = 0) -> [UInt8] { frame(ping, flags: flags, opaque) }
    static func rst(_ stream: UInt32, _ code: UInt32) -> [UInt8] { frame(rstStream, stream: stream, be32(code)) }
    static func windowUpdate(_ stream: UInt32, _ increment: UInt32) -> [UInt8] { frame(windowUpdate, stream: stream, be32(increment)) }
    static func dataFrame(_ stream: UInt32, _ bytes: [UInt8], endStream end: Bool = false) -> [UInt8] {
        frame(data, flags: end ? endStream : 0, stream: stream, bytes)
    }

    /// A header block with no dynamic-table state (every field a literal without
    /// indexing, no Huffman), so rows can be built and reordered independently.
    static func block(_ fields: [(String, String)]) -> [UInt8] {
        var encoder = HPACKEncoder(huffman: .never, indexing: .asMarked)
        return encoder.encode(fields.map { HeaderField(name: $0.0, value: $0.1, indexing: .notIndexed) })
    }

    static let getRequest: [(String, String)] = [(":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "localhost")]
    static let postRequest: [(String, String)] = [(":method", "POST"), (":scheme", "http"), (":path", "/"), (":authority", "localhost")]

    static func headersFrame(_ stream: UInt32, _ fields: [(String, String)] = getRequest, flags: UInt8 = endStream | endHeaders) -> [UInt8] {
        frame(headers, flags: flags, stream: stream, block(fields))
    }

    /// One frame as a peer reads it.
    struct Frame: Equatable, CustomStringConvertible {
        var type: UInt8
        var flags: UInt8
        var stream: UInt32
        var payload: [UInt8]

        /// The error code of RST_STREAM or GOAWAY.
        var errorCode: UInt32? {
            switch type {
            case Wire.rstStream where payload.count == 4: return word(0)
            case Wire.goAway where payload.count >= 8: return word(4)
            default: return nil
            }
        }

        func word(_ offset: Int) -> UInt32 {
            payload[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } & (offset == 0 && type != Wire.rstStream ? 0x7fff_ffff : 0xffff_ffff)
        }

        var description: String { "type \(type) flags \(flags) stream \(stream) payload \(payload.count)B" }
    }

    /// Splits `bytes` into frames (skipping a leading client preface); stops at a cut-off frame.
    static func parse(_ bytes: [UInt8]) -> [Frame] {
        var index = bytes.starts(with: preface) ? preface.count : 0
        var frames: [Frame] = []
        while index + 9 <= bytes.count {
            let length = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            guard index + 9 + length <= bytes.count else { break }
            let stream = bytes[index + 5..<index + 9].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7fff_ffff
            frames.append(Frame(type: bytes[index + 3], flags: bytes[index + 4], stream: stream,
                                payload: Array(bytes[index + 9..<index + 9 + length])))
            index += 9 + length
        }
        return frames
    }
}
