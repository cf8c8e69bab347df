/// Serializes frames into a byte buffer (RFC 9113 §4.1, §6). The caller keeps frames
/// within the peer's SETTINGS_MAX_FRAME_SIZE; the connection splits DATA and header
/// blocks to do so.
enum FrameEncoder {
    static func append(_ frame: HTTP2Frame, to out: inout [UInt8]) {
        let id = frame.streamID
        switch frame.payload {
        case let .data(bytes, endStream, padding):
            let flags = (endStream ? FrameFlag.endStream : 0) | (padding > 0 ? FrameFlag.padded : 0)
            header(length: bytes.count + padding, type: FrameType.data, flags: flags, id, &out)
            if padding > 0 { out.append(UInt8(padding - 1)) }
            out.append(contentsOf: bytes)
            if padding > 1 { out.append(contentsOf: repeatElement(0, count: padding - 1)) }
        case let .headers(fragment, endStream, priority):
            var flags = (endStream ? FrameFlag.endStream : 0) | (fragment.endHeaders ? FrameFlag.endHeaders : 0)
            if fragment.padding > 0 { flags |= FrameFlag.padded }
            if priority != nil { flags |= FrameFlag.priority }
            let length = fragment.block.count + fragment.padding + (priority == nil ? 0 : 5)
            header(length: length, type: FrameType.headers, flags: flags, id, &out)
            if fragment.padding > 0 { out.append(UInt8(fragment.padding - 1)) }
            if let priority { append(priority, &out) }
            out.append(contentsOf: fragment.block)
            if fragment.padding > 1 { out.append(contentsOf: repeatElement(0, count: fragment.padding - 1)) }
        case let .priority(signal):
            header(length: 5, type: FrameType.priority, flags: 0, id, &out)
            append(signal, &out)
        case let .rstStream(code):
            header(length: 4, type: FrameType.rstStream, flags: 0, id, &out)
            append32(code.rawValue, &out)
        case let .settings(ack, parameters):
            header(length: parameters.count * 6, type: FrameType.settings, flags: ack ? FrameFlag.ack : 0, id, &out)
            for parameter in parameters {
                out.append(UInt8(parameter.id.rawValue >> 8))
                out.append(UInt8(parameter.id.rawValue & 0xff))
                append32(parameter.value, &out)
            }
        case let .pushPromise(promised, fragment):
            var flags = fragment.endHeaders ? FrameFlag.endHeaders : 0
            if fragment.padding > 0 { flags |= FrameFlag.padded }
            header(length: 4 + fragment.block.count + fragment.padding, type: FrameType.pushPromise, flags: flags, id, &out)
            if fragment.padding > 0 { out.append(UInt8(fragment.padding - 1)) }
            append32(promised.rawValue, &out)
            out.append(contentsOf: fragment.block)
            if fragment.padding > 1 { out.append(contentsOf: repeatElement(0, count: fragment.padding - 1)) }
        case let .ping(ack, opaque):
            header(length: 8, type: FrameType.ping, flags: ack ? FrameFlag.ack : 0, id, &out)
            append32(UInt32(opaque >> 32), &out)
            append32(UInt32(opaque & 0xffff_ffff), &out)
        case let .goAway(lastStreamID, code, debugData):
            header(length: 8 + debugData.count, type: FrameType.goAway, flags: 0, id, &out)
            append32(lastStreamID.rawValue, &out)
            append32(code.rawValue, &out)
            out.append(contentsOf: debugData)
        case let .windowUpdate(increment):
            header(length: 4, type: FrameType.windowUpdate, flags: 0, id, &out)
            append32(increment, &out)
        case let .continuation(block, endHeaders):
            header(length: block.count, type: FrameType.continuation, flags: endHeaders ? FrameFlag.endHeaders : 0, id, &out)
            out.append(contentsOf: block)
        case let .unknown(type, flags, payload):
            header(length: payload.count, type: type, flags: flags, id, &out)
            out.append(contentsOf: payload)
        }
    }

    /// A DATA frame without padding, its payload copied straight from `bytes`.
    static func appendData(_ bytes: ArraySlice<UInt8>, endStream: Bool, _ id: HTTP2StreamID, to out: inout [UInt8]) {
        header(length: bytes.count, type: FrameType.data, flags: endStream ? FrameFlag.endStream : 0, id, &out)
        out.append(contentsOf: bytes)
    }

    /// Reserves a frame header at the end of `out`, for a payload appended after it
    /// whose length ``patchHeader(at:length:type:flags:_:in:)`` fills in; returns its position.
    static func reserveHeader(in out: inout [UInt8]) -> Int {
        let position = out.count
        out.append(contentsOf: repeatElement(0, count: FrameHeader.byteCount))
        return position
    }

    /// Writes a frame header at `position`, reserved by ``reserveHeader(in:)``.
    static func patchHeader(at position: Int, length: Int, type: UInt8, flags: UInt8, _ id: HTTP2StreamID, in out: inout [UInt8]) {
        out[position] = UInt8(truncatingIfNeeded: length >> 16)
        out[position + 1] = UInt8(truncatingIfNeeded: length >> 8)
        out[position + 2] = UInt8(truncatingIfNeeded: length)
        out[position + 3] = type
        out[position + 4] = flags
        for shift in 0..<4 { out[position + 5 + shift] = UInt8(truncatingIfNeeded: id.rawValue >> (24 - 8 * shift)) }
    }

    private static func header(length: Int, type: UInt8, flags: UInt8, _ id: HTTP2StreamID, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: length >> 16))
        out.append(UInt8(truncatingIfNeeded: length >> 8))
        out.append(UInt8(truncatingIfNeeded: length))
        out.append(type)
        out.append(flags)
        append32(id.rawValue, &out)
    }

    private static func append(_ signal: HTTP2Frame.PrioritySignal, _ out: inout [UInt8]) {
        append32(signal.dependency.rawValue | (signal.exclusive ? 0x8000_0000 : 0), &out)
        out.append(signal.weight)
    }

    private static func append32(_ value: UInt32, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }
}
